// Drills and their turns: each write is one committed statement (autocommit), so whatever
// returned success survives a crash.
#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "impasse/store.h"
#include "store/sql.h"

namespace impasse {
namespace {

const char* kDrillColumns =
    "SELECT d.id, d.scenario_id, d.scenario_hash, d.seed, d.started_at, COALESCE(d.ended_at, ''), "
    "COALESCE(d.ending, ''), d.status, COALESCE((SELECT avg(overall) FROM turns t WHERE t.drill_id "
    "= d.id AND "
    "t.overall >= 0), -1), (SELECT count(*) FROM turns t WHERE t.drill_id = d.id), d.pause_note, "
    "COALESCE(d.distress, -1), COALESCE(d.uid, '') FROM drills d ";

DrillRow read_drill(const sql::Stmt& s) {
    DrillRow d;
    d.id = s.i64(0);
    d.scenario_id = s.text(1);
    d.scenario_hash = s.text(2);
    d.seed = static_cast<uint64_t>(s.i64(3));
    d.started_at = s.text(4);
    d.ended_at = s.text(5);
    d.ending = s.text(6);
    d.status = s.text(7);
    d.mean_score = s.dbl(8);
    d.turns = s.i32(9);
    d.pause_note = s.text(10);
    d.distress = s.i32(11);
    d.uid = s.text(12);
    return d;
}

// Column `col` parsed as JSON; a value that does not parse (a flipped byte on disk, a hand
// edit) is null, and `what` is added to *damaged.
nlohmann::json read_json(const sql::Stmt& s, int col, const char* what, std::string* damaged) {
    std::string why;
    auto j = json_in::parse(s.text(col), &why);
    if (!j.is_discarded()) return j;
    if (!damaged->empty()) *damaged += "; ";
    *damaged += std::string(what) + " " + why;
    return nullptr;
}

}  // namespace

std::optional<int64_t> Store::begin_drill(const std::string& scenario_id, const std::string& hash,
                                          uint64_t seed, std::string* error) {
    sql::Stmt s(
        db_,
        "INSERT INTO drills (scenario_id, scenario_hash, seed, started_at) VALUES (?, ?, ?, ?)");
    s.bind(1, scenario_id).bind(2, hash).bind(3, static_cast<int64_t>(seed)).bind(4, now_iso8601());
    if (std::string e = s.run(); !e.empty()) {
        if (error) *error = "cannot record the drill: " + e;
        return std::nullopt;
    }
    int64_t id = sqlite3_last_insert_rowid(db_);
    if (std::string e = lease_drill(id); !e.empty()) {
        if (error) *error = e;
        return std::nullopt;
    }
    return id;
}

std::string Store::append_turn(int64_t drill_id, const TurnRow& t) {
    sql::Stmt s(
        db_,
        "INSERT OR REPLACE INTO turns (drill_id, idx, node, input, overall, record, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, drill_id)
        .bind(2, t.index)
        .bind(3, t.node)
        .bind(4, json_out::write(t.input))
        .bind(5, t.overall);
    s.bind(6, json_out::write(t.record))
        .bind(7, t.created_at.empty() ? now_iso8601() : t.created_at);
    std::string e = s.run();
    return e.empty() ? "" : "cannot record the turn: " + e;
}

std::string Store::truncate_turns(int64_t drill_id, int keep) {
    sql::Stmt s(db_, "DELETE FROM turns WHERE drill_id = ? AND idx >= ?");
    s.bind(1, drill_id).bind(2, keep);
    return s.run();
}

std::string Store::finish_drill(int64_t drill_id, const std::string& ending_kind) {
    sql::Stmt s(db_,
                "UPDATE drills SET status = 'finished', ending = ?, ended_at = ? WHERE id = ?");
    s.bind(1, ending_kind).bind(2, now_iso8601()).bind(3, drill_id);
    std::string e = s.run();
    if (e.empty()) release_drill(drill_id);
    return e;
}

std::string Store::abandon_drill(int64_t drill_id) {
    sql::Stmt s(
        db_,
        "UPDATE drills SET status = 'abandoned', ended_at = ? WHERE id = ? AND status = 'active'");
    s.bind(1, now_iso8601()).bind(2, drill_id);
    std::string e = s.run();
    if (e.empty()) release_drill(drill_id);
    return e;
}

std::string Store::set_pause_note(int64_t drill_id, const std::string& note) {
    sql::Stmt s(db_, "UPDATE drills SET pause_note = ? WHERE id = ?");
    s.bind(1, note).bind(2, drill_id);
    return s.run();
}

std::string Store::set_distress(int64_t drill_id, int distress) {
    if (distress < 0 || distress > 10) return "distress must be 0..10";
    sql::Stmt s(db_, "UPDATE drills SET distress = ? WHERE id = ?");
    s.bind(1, distress).bind(2, drill_id);
    return s.run();
}

std::optional<DrillRow> Store::drill(int64_t id) const {
    sql::Stmt s(db_, (std::string(kDrillColumns) + "WHERE d.id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_drill(s);
}

std::vector<DrillRow> Store::drills(const std::string& from, const std::string& to) const {
    sql::Stmt s(db_,
                (std::string(kDrillColumns) + "WHERE (?1 = '' OR d.started_at >= ?1) AND (?2 = '' "
                                              "OR d.started_at < ?2) ORDER BY d.started_at, d.id")
                    .c_str());
    s.bind(1, from).bind(2, to);
    std::vector<DrillRow> out;
    while (s.step())
        out.push_back(read_drill(s));
    return out;
}

std::optional<DrillRow> Store::last_unfinished() const {
    sql::Stmt s(
        db_, (std::string(kDrillColumns) + "WHERE d.status = 'active' ORDER BY d.id DESC LIMIT 1")
                 .c_str());
    if (!s.step()) return std::nullopt;
    return read_drill(s);
}

std::vector<TurnRow> Store::turns(int64_t drill_id) const {
    sql::Stmt s(
        db_,
        "SELECT idx, node, input, COALESCE(overall, -1), record, created_at, COALESCE(uid, '') "
        "FROM turns "
        "WHERE drill_id = ? "
        "ORDER BY idx");
    s.bind(1, drill_id);
    std::vector<TurnRow> out;
    while (s.step()) {
        TurnRow t;
        t.index = s.i32(0);
        t.node = s.text(1);
        t.input = read_json(s, 2, "its answer", &t.damaged);
        t.overall = s.dbl(3);
        t.record = read_json(s, 4, "its scoring record", &t.damaged);
        t.created_at = s.text(5);
        t.uid = s.text(6);
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace impasse
