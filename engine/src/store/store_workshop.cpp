// Workshop demos (one row per demo, its record rewritten as the presenter goes) and
// marker-spotting attempts (one row per scored attempt) in the store.
#include "impasse/store.h"
#include "store/sql.h"

namespace impasse {

std::string Store::save_demo(int64_t* id, const std::string& scenario_id,
                             const std::string& record) {
    std::string now = now_iso8601();
    if (*id <= 0) {
        sql::Stmt s(db_,
                    "INSERT INTO demos (scenario_id, started_at, updated_at, record) "
                    "VALUES (?, ?, ?, ?)");
        s.bind(1, scenario_id).bind(2, now).bind(3, now).bind(4, record);
        if (std::string e = s.run(); !e.empty()) return e;
        *id = sqlite3_last_insert_rowid(db_);
        return "";
    }
    sql::Stmt s(db_, "UPDATE demos SET record = ?, updated_at = ? WHERE id = ?");
    s.bind(1, record).bind(2, now).bind(3, *id);
    return s.run();
}

std::vector<DemoRow> Store::demos() const {
    sql::Stmt s(db_,
                "SELECT id, scenario_id, started_at, updated_at, record FROM demos ORDER BY id");
    std::vector<DemoRow> out;
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    return out;
}

std::string Store::add_spotting(int64_t* id, const std::string& scenario_id,
                                const std::string& flags, const std::string& result) {
    sql::Stmt s(
        db_, "INSERT INTO spotting (scenario_id, created_at, flags, result) VALUES (?, ?, ?, ?)");
    s.bind(1, scenario_id).bind(2, now_iso8601()).bind(3, flags).bind(4, result);
    if (std::string e = s.run(); !e.empty()) return e;
    *id = sqlite3_last_insert_rowid(db_);
    return "";
}

std::vector<SpottingRow> Store::spottings() const {
    sql::Stmt s(db_, "SELECT id, scenario_id, created_at, flags, result FROM spotting ORDER BY id");
    std::vector<SpottingRow> out;
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    return out;
}

}  // namespace impasse
