// The programme outbox (what the trainee chose to share or withdraw, per drill and cohort) and
// the supervisors' notes pulled back for offline reading. Tables from schema 5.
#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "impasse/store.h"
#include "store/sql.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace impasse {

std::optional<DrillRow> Store::drill_by_uid(const std::string& uid) const {
    sql::Stmt s(db_, "SELECT id FROM drills WHERE uid = ?");
    s.bind(1, uid);
    if (!s.step()) return std::nullopt;
    return drill(s.i64(0));
}

std::string Store::share_drill(const std::string& drill_uid, const std::string& cohort,
                               bool include_inner) {
    if (!drill_by_uid(drill_uid)) return "no drill " + drill_uid + " in this record";
    sql::Stmt s(
        db_,
        "INSERT INTO programme_shares (drill_uid, cohort, include_inner, wanted, changed_at) "
        "VALUES (?1, ?2, ?3, 'share', ?4) ON CONFLICT (drill_uid, cohort) DO UPDATE SET "
        "include_inner = ?3, wanted = 'share', changed_at = ?4");
    s.bind(1, drill_uid).bind(2, cohort).bind(3, include_inner ? 1 : 0).bind(4, now_iso8601());
    if (std::string e = s.run(); !e.empty()) return "cannot put the drill in the outbox: " + e;
    return "";
}

std::string Store::withdraw_share(const std::string& drill_uid, const std::string& cohort) {
    sql::Stmt s(db_,
                "UPDATE programme_shares SET wanted = 'withdraw', changed_at = ? "
                "WHERE drill_uid = ? AND cohort = ?");
    s.bind(1, now_iso8601()).bind(2, drill_uid).bind(3, cohort);
    if (std::string e = s.run(); !e.empty()) return "cannot mark the withdrawal: " + e;
    if (sqlite3_changes(db_) == 0)
        return "drill " + drill_uid + " was never shared with cohort " + cohort;
    return "";
}

std::vector<ShareRow> Store::shares() const {
    sql::Stmt s(db_,
                "SELECT drill_uid, cohort, include_inner, wanted, COALESCE(pushed_digest, ''), "
                "changed_at, COALESCE(pushed_at, '') FROM programme_shares "
                "ORDER BY changed_at, drill_uid, cohort");
    std::vector<ShareRow> out;
    while (s.step()) {
        ShareRow r;
        r.drill_uid = s.text(0);
        r.cohort = s.text(1);
        r.include_inner = s.i32(2) != 0;
        r.wanted = s.text(3);
        r.pushed_digest = s.text(4);
        r.changed_at = s.text(5);
        r.pushed_at = s.text(6);
        out.push_back(std::move(r));
    }
    return out;
}

std::string Store::mark_pushed(const std::string& drill_uid, const std::string& cohort,
                               const std::string& digest) {
    sql::Stmt s(db_,
                "UPDATE programme_shares SET pushed_digest = ?, pushed_at = ? "
                "WHERE drill_uid = ? AND cohort = ? AND wanted = 'share'");
    s.bind(1, digest).bind(2, now_iso8601()).bind(3, drill_uid).bind(4, cohort);
    return s.run();
}

std::string Store::forget_share(const std::string& drill_uid, const std::string& cohort) {
    sql::Stmt s(db_,
                "DELETE FROM programme_shares WHERE drill_uid = ? AND cohort = ? "
                "AND wanted = 'withdraw'");
    s.bind(1, drill_uid).bind(2, cohort);
    return s.run();
}

std::string Store::replace_programme_notes(const std::vector<ProgrammeNote>& notes) {
    if (std::string e = sql::exec(db_, "BEGIN IMMEDIATE"); !e.empty()) return e;
    auto fail = [this](const std::string& e) {
        sql::exec(db_, "ROLLBACK");
        return "cannot record the pulled notes: " + e;
    };
    std::string e = sql::exec(db_,
                              "DELETE FROM programme_notes WHERE EXISTS (SELECT 1 FROM "
                              "programme_shares s WHERE s.drill_uid = programme_notes.drill_uid "
                              "AND s.cohort = programme_notes.cohort AND s.wanted = 'share')");
    if (!e.empty()) return fail(e);
    for (const auto& n : notes) {
        sql::Stmt s(db_,
                    "INSERT OR REPLACE INTO programme_notes (uid, drill_uid, turn_uid, cohort, "
                    "author, text, overall, principles, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, n.uid).bind(2, n.drill_uid).bind(3, n.turn_uid).bind(4, n.cohort);
        s.bind(5, n.author).bind(6, n.text);
        if (n.overall > 0)
            s.bind(7, n.overall);
        else
            s.bind_null(7);
        s.bind(8, json_out::write(n.principles)).bind(9, n.updated_at);
        if (e = s.run(); !e.empty()) return fail(e);
    }
    if (e = sql::exec(db_, "COMMIT"); !e.empty()) return fail(e);
    return "";
}

std::vector<ProgrammeNote> Store::programme_notes(const std::string& drill_uid) const {
    sql::Stmt s(db_,
                "SELECT uid, drill_uid, COALESCE(turn_uid, ''), cohort, author, text, "
                "COALESCE(overall, 0), principles, updated_at FROM programme_notes "
                "WHERE ?1 = '' OR drill_uid = ?1 ORDER BY drill_uid, updated_at, uid");
    s.bind(1, drill_uid);
    std::vector<ProgrammeNote> out;
    while (s.step()) {
        ProgrammeNote n;
        n.uid = s.text(0);
        n.drill_uid = s.text(1);
        n.turn_uid = s.text(2);
        n.cohort = s.text(3);
        n.author = s.text(4);
        n.text = s.text(5);
        n.overall = s.i32(6);
        auto p = json_in::parse(s.text(7));
        n.principles = p.is_object() ? p : nlohmann::json::object();
        n.updated_at = s.text(8);
        out.push_back(std::move(n));
    }
    return out;
}

namespace {

const char* const kAssignmentColumns =
    "uid, cohort, title, scenario, assessment, COALESCE(seed, '0'), COALESCE(scenario_hash, ''), "
    "COALESCE(scorer_version, ''), COALESCE(due, ''), created_by, created_at, "
    "COALESCE(status, ''), COALESCE(pushed_status, ''), COALESCE(drill_uid, ''), moments, played";

std::string moments_json(const std::vector<AssignmentMoment>& moments) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& m : moments)
        a.push_back({{"scenario", m.scenario}, {"hash", m.hash}});
    return a.dump();
}

std::vector<AssignmentMoment> moments_of(const std::string& text) {
    std::vector<AssignmentMoment> out;
    auto a = json_in::parse(text);
    if (!a.is_array()) return out;
    for (const auto& m : a)
        if (m.is_object() && m.contains("scenario") && m["scenario"].is_string())
            out.push_back(
                {m["scenario"].get<std::string>(),
                 m.contains("hash") && m["hash"].is_string() ? m["hash"].get<std::string>() : ""});
    return out;
}

std::vector<std::string> strings_of(const std::string& text) {
    std::vector<std::string> out;
    auto a = json_in::parse(text);
    if (a.is_array())
        for (const auto& x : a)
            if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

ProgrammeAssignment read_assignment(sql::Stmt& s) {
    ProgrammeAssignment a;
    a.uid = s.text(0);
    a.cohort = s.text(1);
    a.title = s.text(2);
    a.scenario = s.text(3);
    a.assessment = s.i32(4) != 0;
    a.seed = std::strtoull(s.text(5).c_str(), nullptr, 10);
    a.scenario_hash = s.text(6);
    a.scorer_version = s.text(7);
    a.due = s.text(8);
    a.created_by = s.text(9);
    a.created_at = s.text(10);
    a.status = s.text(11);
    a.pushed_status = s.text(12);
    a.drill_uid = s.text(13);
    a.moments = moments_of(s.text(14));
    a.played = strings_of(s.text(15));
    return a;
}

}  // namespace

std::string Store::replace_programme_assignments(const std::vector<ProgrammeAssignment>& pulled) {
    if (std::string e = sql::exec(db_, "BEGIN IMMEDIATE"); !e.empty()) return e;
    auto fail = [this](const std::string& e) {
        sql::exec(db_, "ROLLBACK");
        return "cannot record the pulled assignments: " + e;
    };
    std::string e = sql::exec(db_,
                              "CREATE TEMP TABLE IF NOT EXISTS pulled (uid TEXT PRIMARY KEY);"
                              "DELETE FROM pulled");
    if (!e.empty()) return fail(e);
    for (const auto& a : pulled) {
        sql::Stmt s(db_,
                    "INSERT INTO programme_assignments (uid, cohort, title, scenario, assessment, "
                    "seed, scenario_hash, scorer_version, due, created_by, created_at, moments) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (uid) "
                    "DO UPDATE SET cohort = ?2, title = ?3, scenario = ?4, assessment = ?5, "
                    "seed = ?6, scenario_hash = ?7, scorer_version = ?8, due = ?9, "
                    "created_by = ?10, created_at = ?11, moments = ?12");
        s.bind(1, a.uid).bind(2, a.cohort).bind(3, a.title).bind(4, a.scenario);
        s.bind(5, a.assessment ? 1 : 0).bind(6, std::to_string(a.seed)).bind(7, a.scenario_hash);
        s.bind(8, a.scorer_version).bind(9, a.due).bind(10, a.created_by).bind(11, a.created_at);
        s.bind(12, moments_json(a.moments));
        if (e = s.run(); !e.empty()) return fail(e);
        sql::Stmt k(db_, "INSERT OR IGNORE INTO pulled (uid) VALUES (?)");
        k.bind(1, a.uid);
        if (e = k.run(); !e.empty()) return fail(e);
    }
    e = sql::exec(db_,
                  "DELETE FROM programme_assignments WHERE uid NOT IN (SELECT uid FROM pulled)");
    if (!e.empty()) return fail(e);
    if (e = sql::exec(db_, "COMMIT"); !e.empty()) return fail(e);
    return "";
}

std::vector<ProgrammeAssignment> Store::programme_assignments() const {
    const std::string q = std::string("SELECT ") + kAssignmentColumns +
                          " FROM programme_assignments ORDER BY COALESCE(NULLIF(due, ''), "
                          "'9999'), created_at, uid";
    sql::Stmt s(db_, q.c_str());
    std::vector<ProgrammeAssignment> out;
    while (s.step())
        out.push_back(read_assignment(s));
    return out;
}

std::optional<ProgrammeAssignment> Store::programme_assignment(const std::string& uid) const {
    const std::string q =
        std::string("SELECT ") + kAssignmentColumns + " FROM programme_assignments WHERE uid = ?";
    sql::Stmt s(db_, q.c_str());
    s.bind(1, uid);
    if (!s.step()) return std::nullopt;
    return read_assignment(s);
}

std::string Store::set_assignment_status(const std::string& uid, const std::string& status,
                                         const std::string& drill_uid) {
    sql::Stmt s(db_,
                "UPDATE programme_assignments SET status = CASE WHEN status = 'done' THEN 'done' "
                "ELSE ?1 END, drill_uid = CASE WHEN ?2 = '' THEN drill_uid ELSE ?2 END "
                "WHERE uid = ?3");
    s.bind(1, status).bind(2, drill_uid).bind(3, uid);
    if (std::string e = s.run(); !e.empty()) return "cannot note the assignment's status: " + e;
    if (sqlite3_changes(db_) == 0) return "no assignment " + uid + " in this record";
    return "";
}

std::string Store::mark_moment_played(const std::string& uid, const std::string& scenario,
                                      bool* done) {
    if (done) *done = false;
    auto a = programme_assignment(uid);
    if (!a) return "no assignment " + uid + " in this record";
    bool in_set = false;
    for (const auto& m : a->moments)
        in_set = in_set || m.scenario == scenario;
    if (!in_set) return "assignment " + uid + " has no moment " + scenario;
    std::vector<std::string> played = a->played;
    if (std::find(played.begin(), played.end(), scenario) == played.end())
        played.push_back(scenario);
    bool all = true;
    for (const auto& m : a->moments)
        all = all && std::find(played.begin(), played.end(), m.scenario) != played.end();
    sql::Stmt s(db_,
                "UPDATE programme_assignments SET played = ?1, status = CASE WHEN ?2 THEN 'done' "
                "ELSE COALESCE(status, 'started') END WHERE uid = ?3");
    s.bind(1, nlohmann::json(played).dump()).bind(2, all ? 1 : 0).bind(3, uid);
    if (std::string e = s.run(); !e.empty()) return "cannot note the moment played: " + e;
    if (done) *done = all;
    return "";
}

std::string Store::mark_assignment_status_pushed(const std::string& uid,
                                                 const std::string& status) {
    sql::Stmt s(db_, "UPDATE programme_assignments SET pushed_status = ? WHERE uid = ?");
    s.bind(1, status).bind(2, uid);
    return s.run();
}

}  // namespace impasse
