#include "store/migrations.h"

#include "store/sql.h"

namespace impasse::store_schema {
namespace {

const char* const kSteps[] = {
    // 1: drills, turns, check-ins, journal, settings.
    R"sql(
CREATE TABLE drills (
  id INTEGER PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  scenario_hash TEXT NOT NULL,
  seed INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  ending TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'finished', 'abandoned'))
);
CREATE INDEX drills_started ON drills(started_at);
CREATE TABLE turns (
  drill_id INTEGER NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  node TEXT NOT NULL,
  input TEXT NOT NULL,
  overall REAL,
  record TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (drill_id, idx)
);
CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  drill_id INTEGER REFERENCES drills(id) ON DELETE CASCADE,
  turn INTEGER,
  feelings TEXT NOT NULL,
  intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
  urges TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  drill_id INTEGER REFERENCES drills(id) ON DELETE CASCADE,
  node TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
    // 2: deliberate practice (distress after a drill, the pause's note) and self-assessment.
    R"sql(
ALTER TABLE drills ADD COLUMN distress INTEGER CHECK (distress BETWEEN 0 AND 10);
ALTER TABLE drills ADD COLUMN pause_note TEXT NOT NULL DEFAULT '';
CREATE TABLE self_ratings (
  drill_id INTEGER NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
  principle TEXT NOT NULL,
  rating REAL NOT NULL CHECK (rating BETWEEN 0 AND 1),
  created_at TEXT NOT NULL,
  PRIMARY KEY (drill_id, principle)
);
)sql",
    // 3: workshop demos (the branches explored and the audience's tallies, as JSON).
    R"sql(
CREATE TABLE demos (
  id INTEGER PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  record TEXT NOT NULL
);
)sql",
    // 4: marker-spotting attempts (the flags given and the result, as JSON).
    R"sql(
CREATE TABLE spotting (
  id INTEGER PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  flags TEXT NOT NULL,
  result TEXT NOT NULL
);
)sql",
};

constexpr int kCount = static_cast<int>(sizeof kSteps / sizeof kSteps[0]);

int user_version(sqlite3* db) {
    sql::Stmt s(db, "PRAGMA user_version");
    return s.step() ? s.i32(0) : -1;
}

}  // namespace

int latest_version() {
    return kCount;
}

const char* step_sql(int version) {
    return version >= 1 && version <= kCount ? kSteps[version - 1] : nullptr;
}

std::string migrate(sqlite3* db) {
    int v = user_version(db);
    if (v < 0) return "cannot read the schema version";
    if (v > kCount)
        return "this database was written by a newer Impasse (schema " + std::to_string(v) +
               ", this one knows " + std::to_string(kCount) + "); update Impasse to open it";
    for (int next = v + 1; next <= kCount; ++next) {
        if (std::string e = sql::exec(db, "BEGIN IMMEDIATE"); !e.empty()) return e;
        std::string e = sql::exec(db, kSteps[next - 1]);
        if (e.empty()) e = sql::exec(db, ("PRAGMA user_version = " + std::to_string(next)).c_str());
        if (!e.empty()) {
            sql::exec(db, "ROLLBACK");
            return "upgrading the database to schema " + std::to_string(next) + " failed: " + e;
        }
        if (std::string c = sql::exec(db, "COMMIT"); !c.empty()) return c;
    }
    return "";
}

}  // namespace impasse::store_schema
