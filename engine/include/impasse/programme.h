// Programme: a training programme's PostgreSQL server, seen from one person's laptop.
//
// Mental model: the server holds copies. The trainee's SQLite record stays the source of truth;
// a shared drill is copied to the server keyed by the ids the laptop generated (drill and turn
// uids), one copy per cohort, so pushing it again replaces the copy and never duplicates it.
// Supervisors' notes and ratings and the cohort's assignments are read back. Who may see or
// write which row is decided by the server's row-level security (assets/programme/schema.sql),
// not by this code: every call runs as the person who logged in.
//
// Connecting: a libpq connection string or service name ("service=impasse",
// "host=... dbname=..."). The password comes from ~/.pgpass (or PGPASSFILE); a connection
// string carrying a password is refused, so Impasse never stores or passes one along.
//
// Errors come back as values: every call returns "" on success or a message for the user.
// After a lost connection, connected() is false and every later call fails. A Server is used from
// one thread at a time. One connection per Server: connect, do the work, drop it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/agreement.h"
#include "impasse/store.h"

namespace impasse::programme {

// What one push sends: a drill's final path (the turns now in the record, not those rewound
// away) for one cohort, and its inner skills only when the trainee included them.
struct SharedDrill {
    std::string cohort;
    DrillRow drill;
    std::vector<TurnRow> turns;
    bool include_inner = false;
    std::vector<CheckIn> checkins;         // empty unless include_inner
    std::vector<JournalEntry> journal;     // empty unless include_inner
    std::vector<SelfRating> self_ratings;  // empty unless include_inner
};

// A shared drill as a supervisor's cohort list shows it.
// A page of a cohort's listing (see Server::cohort_drills).
struct CohortPage {
    size_t limit = 0;        // at most this many drills; 0 = all
    std::string older_than;  // a drill uid: only drills listed after it; "" = from the newest
};

struct CohortDrill {
    std::string drill_uid;
    std::string trainee;       // display name
    std::string trainee_role;  // opaque role name
    std::string scenario, started_at, ended_at, ending, status;
    double mean_score = -1;  // -1 when no turn was scored
    int turns = 0;
    int notes = 0;
};

// One shared turn, for review.
struct SharedTurn {
    std::string uid;
    int index = 0;
    std::string node;
    nlohmann::json input;   // as recorded
    double overall = -1;    // -1 when not scored
    nlohmann::json record;  // the transcript turn (the scorer's evidence)
};

// A note to write: overall 1..5 (0: none), principles id -> 0/1/2.
struct NoteDraft {
    std::string turn_uid;
    std::string cohort;  // "" when the turn is shared with only one cohort the supervisor sees
    std::string text;
    int overall = 0;
    nlohmann::json principles = nlohmann::json::object();
};

// An assignment to set: a case or a set of moment drills given to a cohort, with a due date. An
// assessment pins the seed (so every trainee meets the same patient in the same option order),
// each case's content hash and the scorer's version.
struct AssignmentDraft {
    std::string cohort, title;
    std::string scenario;                   // the case's id; a set's first moment
    std::vector<AssignmentMoment> moments;  // a set of moments (ids and hashes); empty: a case
    bool assessment = false;
    uint64_t seed = 0;
    std::string scenario_hash, scorer_version;  // assessments only
    std::string due;                            // YYYY-MM-DD or ""
};

// One trainee's status on one assignment, as a supervisor sees it.
struct AssignmentProgress {
    std::string assignment_uid, title, scenario, due;
    bool assessment = false;
    std::string trainee, trainee_role;  // display name, opaque role
    std::string status;                 // "" (not started) | "started" | "done"
    std::string updated_at;
};

class Server {
  public:
    virtual ~Server() = default;
    virtual bool connected() const = 0;

    // Administration (a role owning the database, with CREATEROLE). init applies `schema_sql`
    // in one transaction; on a database already set up it changes nothing and sets *already.
    [[nodiscard]] virtual std::string init(const std::string& schema_sql, bool* already) = 0;
    [[nodiscard]] virtual std::string add_cohort(const std::string& id,
                                                 const std::string& title) = 0;
    // Creates a login role named `role` (see new_role_name) with no password, a trainee or a
    // supervisor ("trainee" | "supervisor") of `cohort`, with their display name.
    [[nodiscard]] virtual std::string add_person(const std::string& role, const std::string& kind,
                                                 const std::string& cohort,
                                                 const std::string& display_name) = 0;
    // Adds an existing person to another cohort.
    [[nodiscard]] virtual std::string join_cohort(const std::string& role, const std::string& kind,
                                                  const std::string& cohort) = 0;
    // Sets a person's password. Only a SCRAM-SHA-256 verifier computed here reaches the server.
    [[nodiscard]] virtual std::string set_password(const std::string& role,
                                                   const std::string& password) = 0;

    // Trainee. push replaces the server's copy of the drill in its cohort, in one transaction:
    // either all of it arrives or none of it. withdraw deletes the copy and the notes on it.
    [[nodiscard]] virtual std::string push(const SharedDrill& drill) = 0;
    [[nodiscard]] virtual std::string withdraw(const std::string& drill_uid,
                                               const std::string& cohort) = 0;
    // The notes on the drills this person shared (every cohort).
    [[nodiscard]] virtual std::string pull_notes(std::vector<ProgrammeNote>* notes) = 0;

    // Supervisor (run by a trainee, these show only the trainee's own rows). cohort_drills lists
    // the cohort's shared drills newest first (ties by uid, descending): at most `page.limit`
    // of them (0: all), and with `page.older_than` (a drill uid of the cohort) only those
    // listed after that drill. An unknown or invisible `older_than` is an error.
    [[nodiscard]] virtual std::string cohort_drills(const std::string& cohort,
                                                    const CohortPage& page,
                                                    std::vector<CohortDrill>* drills) = 0;
    [[nodiscard]] virtual std::string drill_turns(const std::string& drill_uid,
                                                  const std::string& cohort,
                                                  std::vector<SharedTurn>* turns,
                                                  std::vector<ProgrammeNote>* notes) = 0;
    // Writes (or, for the same supervisor and turn, replaces) a note; sets *note_uid.
    [[nodiscard]] virtual std::string add_note(const NoteDraft& note, std::string* note_uid) = 0;
    // Supervisor: sets an assignment for one of their cohorts; sets *uid.
    [[nodiscard]] virtual std::string add_assignment(const AssignmentDraft& a,
                                                     std::string* uid) = 0;
    // Supervisor: deletes an assignment of one of their cohorts, and every trainee's status on
    // it; the trainees' laptops drop it at their next sync. Drills already played from it stay.
    // An unknown uid, or one of a cohort this person does not supervise, is an error.
    [[nodiscard]] virtual std::string delete_assignment(const std::string& uid) = 0;
    // Supervisor: every assignment of the cohort with each trainee's status (one row per
    // assignment and trainee, by due date).
    [[nodiscard]] virtual std::string assignment_progress(
        const std::string& cohort, std::vector<AssignmentProgress>* rows) = 0;
    // Trainee: the assignments of their cohorts (status fields left empty).
    [[nodiscard]] virtual std::string pull_assignments(std::vector<ProgrammeAssignment>* out) = 0;
    // Trainee: shares their status on an assignment ("started" | "done"; done stays done).
    [[nodiscard]] virtual std::string push_assignment_status(const std::string& uid,
                                                             const std::string& status) = 0;
    // Every rating (a note with an overall or principle rating) on the cohort's shared turns
    // that this person can read, each with the scorer's outputs stored with its turn (the
    // turns table's overall and record.scores.principles) and whether the turn chose an
    // authored option. For agreement::figures.
    [[nodiscard]] virtual std::string cohort_ratings(
        const std::string& cohort, std::vector<agreement::TurnRating>* ratings) = 0;
};

// Connects as the person whose login `conninfo` names. Null on failure, with *error set.
std::unique_ptr<Server> connect(const std::string& conninfo, std::string* error);

// "" when `conninfo` parses and carries no password; else why it is refused.
std::string check_conninfo(const std::string& conninfo);

// A fresh opaque role name: "imp_" and 16 random hex digits.
std::string new_role_name();

}  // namespace impasse::programme
