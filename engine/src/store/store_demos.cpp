// Workshop demos in the store: one row per demo, its record rewritten as the presenter goes.
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

}  // namespace impasse
