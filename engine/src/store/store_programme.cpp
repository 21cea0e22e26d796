// The programme outbox (what the trainee chose to share or withdraw, per drill and cohort) and
// the supervisors' notes pulled back for offline reading. Tables from schema 5.
#include "impasse/json_write.h"
#include "impasse/store.h"
#include "store/sql.h"

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
        auto p = nlohmann::json::parse(s.text(7), nullptr, false);
        n.principles = p.is_object() ? p : nlohmann::json::object();
        n.updated_at = s.text(8);
        out.push_back(std::move(n));
    }
    return out;
}

}  // namespace impasse
