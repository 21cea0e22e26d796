// Store: the trainee's record, a SQLite database in their data folder.
//
// Mental model: a drill is a row; each answered turn is a row committed the moment it is
// answered, so a crash (even kill -9) loses nothing that was answered, and an unfinished drill
// can be resumed by replaying its recorded inputs into a new Session with the same seed.
// Check-ins, journal entries, self-ratings and settings hang off drills or stand alone.
//
// Files: `<data_dir>/impasse.db` (plus SQLite's -wal and -shm files). A missing folder is
// created with mode 0700 (an existing one is never chmod-ed) and the files with 0600. The database
// runs in WAL mode with foreign keys on and a busy timeout, so two running copies of Impasse wait
// for each other instead of failing.
//
// Schema versions: PRAGMA user_version. Opening an older database upgrades it in one
// transaction per step; a newer one is refused with a clear message. A file at the database
// path that is not an Impasse SQLite database is reported and never overwritten.
//
// Errors come back as values (StoreError / std::string), never exceptions. A Store is used
// from one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

struct sqlite3;

namespace impasse {

constexpr int kStoreSchemaVersion = 7;

// Every drill, turn, check-in and journal entry has two ids: `id`, the local row number, and
// `uid`, a random UUID generated on the laptop when the row is written (schema 5). A programme
// server keys its copies by `uid`, so sending a copy twice replaces it.
struct DrillRow {
    int64_t id = 0;
    std::string scenario_id;
    std::string scenario_hash;
    uint64_t seed = 0;
    std::string started_at;  // ISO-8601 UTC
    std::string ended_at;    // "" while unfinished
    std::string ending;      // ending kind, "" while unfinished or abandoned
    std::string status;      // "active" | "finished" | "abandoned"
    double mean_score = -1;  // mean overall score of its turns, -1 when none
    int turns = 0;
    std::string pause_note;  // what the trainee noticed in the beginner's-mind pause
    int distress = -1;       // 0..10 self-rating after the drill, -1 when not given
    std::string uid;         // generated on the laptop
};

struct TurnRow {
    int index = 0;          // 0-based turn in the drill
    std::string node;       // node id answered
    nlohmann::json input;   // {"kind":"option","response":ID} or {"kind":"text","text":...}
    double overall = -1;    // overall score, -1 when not scored
    nlohmann::json record;  // the full transcript turn (scores, state, feedback ...)
    std::string created_at;
    std::string uid;      // generated on the laptop when recorded; ignored by append_turn
    std::string damaged;  // "" when intact, else what could not be read (input or record: null)
};

struct CheckIn {
    int64_t id = 0;
    int64_t drill_id = 0;
    int turn = -1;                      // turn index it preceded, -1 when not tied to a turn
    std::vector<std::string> feelings;  // feeling ids
    int intensity = 0;                  // 0..10
    std::vector<std::string> urges;     // urge ids
    std::string body;                   // what they notice in their body (optional)
    std::string created_at;
    std::string uid;  // generated on the laptop by add_checkin
};

struct JournalEntry {
    int64_t id = 0;
    int64_t drill_id = 0;  // 0 when free-standing
    std::string node;      // "" when about the whole drill
    std::string text;
    std::string created_at;
    std::string uid;  // generated on the laptop by add_journal
};

// The trainee's rating of their own skill on a principle, given before seeing scores.
struct SelfRating {
    int64_t drill_id = 0;
    std::string principle;
    double rating = 0;  // 0..1
    std::string created_at;
};

// A workshop demo (Demo::to_json), saved as the presenter goes.
struct DemoRow {
    int64_t id = 0;
    std::string scenario_id;
    std::string started_at, updated_at;
    std::string record;  // JSON text, format impasse-demo/1
};

// A marker-spotting attempt: the flags the trainee gave and the scored result, as JSON text.
struct SpottingRow {
    int64_t id = 0;
    std::string scenario_id;
    std::string created_at;
    std::string flags;   // [{"turn", "marker"}]
    std::string result;  // spotting_json()
};

// The programme outbox (schema 5): a drill the trainee chose to share with a cohort, or to
// withdraw from it. `pushed_digest` is the digest of the copy the server last acknowledged ("" when
// none), so a drill changed offline is pushed again and an unchanged one is not.
struct ShareRow {
    std::string drill_uid;
    std::string cohort;
    bool include_inner = false;  // check-ins, journal, self-ratings, pause note and distress too
    std::string wanted;          // "share" | "withdraw"
    std::string pushed_digest;
    std::string changed_at;
    std::string pushed_at;  // "" when never acknowledged
};

// A supervisor's note and rating on one of the trainee's shared turns, pulled for offline reading.
struct ProgrammeNote {
    std::string uid;  // the server's id
    std::string drill_uid, turn_uid, cohort;
    std::string author;  // the supervisor's display name
    std::string text;
    int overall = 0;                                       // 1..5, 0 when not rated
    nlohmann::json principles = nlohmann::json::object();  // principle id -> 0/1/2
    std::string updated_at;
};

// One moment drill of an assignment that is a set of moments: its id and content hash.
struct AssignmentMoment {
    std::string scenario, hash;
};

// An assignment from a supervisor, as pulled (schema 6; a set of moments, schema 7). An
// assessment pins the seed (so the option order), each case's content hash and the scorer's
// version.
struct ProgrammeAssignment {
    std::string uid;  // the server's id
    std::string cohort, title;
    std::string scenario;                   // the case's id; a set's first moment
    std::vector<AssignmentMoment> moments;  // a set of moments; empty for a case
    bool assessment = false;
    uint64_t seed = 0;                          // an assessment's; 0 otherwise
    std::string scenario_hash, scorer_version;  // an assessment's; "" otherwise
    std::string due;                            // YYYY-MM-DD, "" when none
    std::string created_by;                     // the supervisor's display name
    std::string created_at;
    std::string status;               // this trainee's: "" | "started" | "done"
    std::string pushed_status;        // the status the server has ("" none)
    std::string drill_uid;            // the drill that played it last, "" before
    std::vector<std::string> played;  // a set's moments played to their end
};

class Store {
  public:
    // Opens (creating when absent) `<data_dir>/impasse.db`. On failure returns null and sets
    // `error` to a message that names the path and what to do. `warning`, when given, receives
    // a warning for the user ("" if none): the folder is open to other users.
    static std::unique_ptr<Store> open(const std::string& data_dir, std::string* error,
                                       std::string* warning = nullptr);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const { return path_; }

    // Drills. Every call commits before returning.
    std::optional<int64_t> begin_drill(const std::string& scenario_id, const std::string& hash,
                                       uint64_t seed, std::string* error);
    std::string append_turn(int64_t drill_id, const TurnRow& turn);  // "" on success
    std::string truncate_turns(int64_t drill_id, int keep);          // rewind: keep turns [0, keep)
    std::string finish_drill(int64_t drill_id, const std::string& ending_kind);
    std::string abandon_drill(int64_t drill_id);
    std::string set_pause_note(int64_t drill_id, const std::string& note);
    std::string set_distress(int64_t drill_id, int distress);

    // Takes the drill for this Store: while one Store holds a drill's lease, another Store, in
    // this process or another, is refused it, so two copies of Impasse cannot both answer one
    // drill (their turns would overwrite each other). begin_drill takes the new drill's lease;
    // resuming must call lease_drill first. The lease is an exclusive advisory lock (flock) on
    // `<data_dir>/locks/drill-<id>.lock`, held until the Store is destroyed or the drill ends,
    // and released by the system when the process dies, so a crash leaves no stale lease.
    // Returns "" on success (also when this Store already holds it), else a message for the user.
    std::string lease_drill(int64_t drill_id);

    std::optional<DrillRow> drill(int64_t id) const;
    std::vector<DrillRow> drills(const std::string& from = "",
                                 const std::string& to = "") const;  // by start time
    std::optional<DrillRow> last_unfinished() const;
    std::vector<TurnRow> turns(int64_t drill_id) const;

    // Inner skills.
    std::string add_checkin(CheckIn& c);                        // fills c.id and c.created_at
    std::vector<CheckIn> checkins(int64_t drill_id = 0) const;  // 0 = all
    std::string add_journal(JournalEntry& e);
    std::vector<JournalEntry> journal(int64_t drill_id = 0) const;
    std::string add_self_rating(const SelfRating& r);
    std::vector<SelfRating> self_ratings() const;

    // Workshop demos: `*id` 0 inserts a new demo and sets it; otherwise that demo is updated.
    std::string save_demo(int64_t* id, const std::string& scenario_id, const std::string& record);
    std::vector<DemoRow> demos() const;

    // Marker-spotting attempts; sets *id.
    std::string add_spotting(int64_t* id, const std::string& scenario_id, const std::string& flags,
                             const std::string& result);
    std::vector<SpottingRow> spottings() const;

    // Settings (key/value).
    std::string set_setting(const std::string& key, const std::string& value);
    std::optional<std::string> setting(const std::string& key) const;

    // The programme outbox. share_drill puts (or puts back) a drill into the outbox for `cohort`;
    // withdraw_share marks a shared drill to be deleted from the server (an error when it was
    // never shared with that cohort). The sync marks what the server acknowledged (mark_pushed)
    // and forgets a withdrawal once the server has deleted the copy (forget_share).
    std::optional<DrillRow> drill_by_uid(const std::string& uid) const;
    std::string share_drill(const std::string& drill_uid, const std::string& cohort,
                            bool include_inner);
    std::string withdraw_share(const std::string& drill_uid, const std::string& cohort);
    std::vector<ShareRow> shares() const;
    std::string mark_pushed(const std::string& drill_uid, const std::string& cohort,
                            const std::string& digest);
    std::string forget_share(const std::string& drill_uid, const std::string& cohort);
    // Replaces, in one transaction, the pulled notes of every (drill, cohort) still shared with
    // `notes` (the server's current notes on them). Notes on a withdrawn drill stay as pulled.
    std::string replace_programme_notes(const std::vector<ProgrammeNote>& notes);
    std::vector<ProgrammeNote> programme_notes(const std::string& drill_uid = "") const;
    // Replaces the pulled assignments with `pulled` (the server's fields), keeping this
    // trainee's status on each; an assignment no longer on the server goes.
    std::string replace_programme_assignments(const std::vector<ProgrammeAssignment>& pulled);
    std::vector<ProgrammeAssignment> programme_assignments() const;
    std::optional<ProgrammeAssignment> programme_assignment(const std::string& uid) const;
    // Sets this trainee's status ("started" | "done") and the drill that played it ("" keeps it).
    // "done" is never set back to "started".
    std::string set_assignment_status(const std::string& uid, const std::string& status,
                                      const std::string& drill_uid);
    // Notes that `scenario` (one of a set's moments) was played to its end; the set is then
    // "done" when every moment is. Sets *done to whether it now is.
    std::string mark_moment_played(const std::string& uid, const std::string& scenario, bool* done);
    std::string mark_assignment_status_pushed(const std::string& uid, const std::string& status);

    // Everything, as one JSON document (schema in docs/data-export.md). A turn whose stored
    // answer or record is not valid JSON is exported with null there and a "damaged" note.
    nlohmann::json export_all() const;

    // What in the record cannot be read as written: every text value that is not valid UTF-8
    // (exports write its bad bytes as U+FFFD) and every JSON column that does not parse
    // (exported as null). One sentence each, naming the table, the drill (laptop id) and turn
    // where there is one, and the column. Empty for an intact record. Never throws; the
    // exporting commands print it so the user knows what their export lacks.
    std::vector<std::string> damage() const;

    // Removes every row. The caller asks the user first.
    std::string delete_all();

    int schema_version() const;

  private:
    explicit Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    void release_drill(int64_t drill_id);
    sqlite3* db_ = nullptr;
    std::string path_;
    std::map<int64_t, int> leases_;  // drill id -> the open, locked lock file
};

// ISO-8601 UTC timestamp with milliseconds, e.g. "2026-11-28T20:51:03.120Z".
std::string now_iso8601();

}  // namespace impasse
