// Store::damage: every value of the record that cannot be read as it was written. SQLite's
// quick_check passes a flipped byte inside a text value, so the exports would otherwise carry
// it silently (as U+FFFD) or drop a turn's record; this names each one for the user.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/json_read.h"
#include "impasse/store.h"
#include "impasse/utf8.h"
#include "store/sql.h"

namespace impasse {
namespace {

// The columns that hold JSON text (the rest hold plain text or numbers).
const std::set<std::pair<std::string, std::string>> kJsonColumns = {
    {"turns", "input"},       {"turns", "record"},
    {"checkins", "feelings"}, {"checkins", "urges"},
    {"demos", "record"},      {"spotting", "flags"},
    {"spotting", "result"},   {"programme_notes", "principles"},
};

std::string quoted(const std::string& name) {
    std::string q = "\"";
    for (char c : name)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// Where a row is, in the user's terms: the drill's laptop id and the turn when it has them.
std::string where(const std::string& table, int64_t rowid, const std::string& drill_uid, int turn) {
    std::string w = "table " + table;
    if (!drill_uid.empty()) w += ", drill " + drill_uid;
    if (turn >= 0) w += ", turn " + std::to_string(turn);
    if (drill_uid.empty() && turn < 0) w += ", row " + std::to_string(rowid);
    return w;
}

}  // namespace

std::vector<std::string> Store::damage() const {
    std::vector<std::string> out;
    std::vector<std::string> tables;
    {
        sql::Stmt s(db_,
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                    "'sqlite_%' ORDER BY name");
        while (s.step())
            tables.push_back(s.text(0));
    }
    for (const auto& table : tables) {
        // The drill's laptop id and the turn index are joined in where the table has them.
        std::vector<std::string> columns;
        bool has_drill = false, has_idx = false;
        {
            sql::Stmt s(db_, ("PRAGMA table_info(" + quoted(table) + ")").c_str());
            while (s.step()) {
                columns.push_back(s.text(1));
                has_drill |= columns.back() == "drill_id";
                has_idx |= columns.back() == "idx";
            }
        }
        std::string select = "SELECT t.rowid, ";
        select += has_drill ? "COALESCE(d.uid, '')" : (table == "drills" ? "t.uid" : "''");
        select += has_idx ? ", t.idx" : ", -1";
        for (const auto& c : columns)
            select += ", t." + quoted(c);
        select += " FROM " + quoted(table) + " t";
        if (has_drill) select += " LEFT JOIN drills d ON d.id = t.drill_id";
        sql::Stmt s(db_, select.c_str());
        while (s.step()) {
            for (size_t i = 0; i < columns.size(); ++i) {
                int col = static_cast<int>(i) + 3;
                if (s.is_null(col)) continue;
                const int type = s.type(col);
                if (type != SQLITE_TEXT && type != SQLITE_BLOB) continue;
                std::string value = s.text(col);
                std::string problem;
                if (!utf8::valid(value))
                    problem = "is not valid UTF-8 (exported with U+FFFD for the bad bytes)";
                else if (kJsonColumns.count({table, columns[i]}) &&
                         json_in::parse(value, &problem).is_discarded())
                    problem += " (exported as null)";
                if (problem.empty()) continue;
                out.push_back(where(table, s.i64(0), s.text(1), s.i32(2)) + ": " + columns[i] +
                              " " + problem);
            }
        }
    }
    return out;
}

}  // namespace impasse
