#include "store/migrations.h"

#include "store/sql.h"

#include <vector>

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
    // 5: ids generated on the laptop (random UUIDs, as text) for drills, turns, check-ins and
    // journal entries, so a programme server keys its copies by them and a re-sent copy
    // replaces itself. Existing rows get one now; new rows get one from a trigger (SQLite's
    // ALTER TABLE cannot add a column with a computed default). A turn rewritten by a rewind is
    // a new row with a new id. Then the programme's outbox (what the trainee chose to share,
    // per drill and cohort, and what the server last acknowledged) and the supervisors' notes
    // pulled back for offline reading.
    R"sql(
ALTER TABLE drills ADD COLUMN uid TEXT;
ALTER TABLE turns ADD COLUMN uid TEXT;
ALTER TABLE checkins ADD COLUMN uid TEXT;
ALTER TABLE journal ADD COLUMN uid TEXT;
UPDATE drills SET uid = @UUID@ WHERE uid IS NULL;
UPDATE turns SET uid = @UUID@ WHERE uid IS NULL;
UPDATE checkins SET uid = @UUID@ WHERE uid IS NULL;
UPDATE journal SET uid = @UUID@ WHERE uid IS NULL;
CREATE UNIQUE INDEX drills_uid ON drills(uid);
CREATE UNIQUE INDEX turns_uid ON turns(uid);
CREATE UNIQUE INDEX checkins_uid ON checkins(uid);
CREATE UNIQUE INDEX journal_uid ON journal(uid);
CREATE TRIGGER drills_new_uid AFTER INSERT ON drills WHEN NEW.uid IS NULL
BEGIN UPDATE drills SET uid = @UUID@ WHERE rowid = NEW.rowid; END;
CREATE TRIGGER turns_new_uid AFTER INSERT ON turns WHEN NEW.uid IS NULL
BEGIN UPDATE turns SET uid = @UUID@ WHERE rowid = NEW.rowid; END;
CREATE TRIGGER checkins_new_uid AFTER INSERT ON checkins WHEN NEW.uid IS NULL
BEGIN UPDATE checkins SET uid = @UUID@ WHERE rowid = NEW.rowid; END;
CREATE TRIGGER journal_new_uid AFTER INSERT ON journal WHEN NEW.uid IS NULL
BEGIN UPDATE journal SET uid = @UUID@ WHERE rowid = NEW.rowid; END;
CREATE TABLE programme_shares (
  drill_uid TEXT NOT NULL,
  cohort TEXT NOT NULL,
  include_inner INTEGER NOT NULL DEFAULT 0,
  wanted TEXT NOT NULL CHECK (wanted IN ('share', 'withdraw')),
  pushed_digest TEXT,
  changed_at TEXT NOT NULL,
  pushed_at TEXT,
  PRIMARY KEY (drill_uid, cohort)
);
CREATE TABLE programme_notes (
  uid TEXT PRIMARY KEY,
  drill_uid TEXT NOT NULL,
  turn_uid TEXT,
  cohort TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  overall INTEGER,
  principles TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);
CREATE INDEX programme_notes_drill ON programme_notes(drill_uid);
)sql",
    // 6: the programme's assignments, pulled for offline reading, and this trainee's status on
    // each (started, done), sent back on the next sync.
    R"sql(
CREATE TABLE programme_assignments (
  uid TEXT PRIMARY KEY,
  cohort TEXT NOT NULL,
  title TEXT NOT NULL,
  scenario TEXT NOT NULL,
  assessment INTEGER NOT NULL DEFAULT 0,
  seed TEXT,
  scenario_hash TEXT,
  scorer_version TEXT,
  due TEXT,
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT '',
  status TEXT CHECK (status IN ('started', 'done')),
  pushed_status TEXT,
  drill_uid TEXT
);
)sql",
    // 7: an assignment may be a set of moment drills (their ids and hashes, JSON), and which of
    // them this trainee played to the end (JSON).
    R"sql(
ALTER TABLE programme_assignments ADD COLUMN moments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE programme_assignments ADD COLUMN played TEXT NOT NULL DEFAULT '[]';
)sql",
};

constexpr int kCount = static_cast<int>(sizeof kSteps / sizeof kSteps[0]);

int user_version(sqlite3* db) {
    sql::Stmt s(db, "PRAGMA user_version");
    return s.step() ? s.i32(0) : -1;
}

// A random (version 4) UUID in lower-case text, from SQLite's randomness (seeded by the OS).
const char* const kUuidSql =
    "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))";

// The steps with @UUID@ expanded, built once.
const std::vector<std::string>& expanded() {
    static const std::vector<std::string> steps = [] {
        std::vector<std::string> out;
        for (const char* step : kSteps) {
            std::string s = step;
            for (size_t at = s.find("@UUID@"); at != std::string::npos; at = s.find("@UUID@", at))
                s.replace(at, 6, kUuidSql);
            out.push_back(std::move(s));
        }
        return out;
    }();
    return steps;
}

}  // namespace

int latest_version() {
    return kCount;
}

const char* step_sql(int version) {
    return version >= 1 && version <= kCount ? expanded()[version - 1].c_str() : nullptr;
}

std::string migrate(sqlite3* db) {
    // Each step reads the version inside its own write transaction: two copies opening a fresh
    // folder at once both saw version 0 when it was read before BEGIN, and the second then ran
    // step 1 again ("table drills already exists"). Under the write lock the second one sees
    // the first one's steps and goes on from there, or finds nothing left to do.
    for (;;) {
        if (std::string e = sql::exec(db, "BEGIN IMMEDIATE"); !e.empty()) return e;
        const int v = user_version(db);
        std::string e;
        if (v < 0)
            e = "cannot read the schema version";
        else if (v > kCount)
            e = "this database was written by a newer Impasse (schema " + std::to_string(v) +
                ", this one knows " + std::to_string(kCount) + "); update Impasse to open it";
        if (!e.empty()) {
            sql::exec(db, "ROLLBACK");
            return e;
        }
        if (v == kCount) return sql::exec(db, "COMMIT");
        const int next = v + 1;
        e = sql::exec(db, step_sql(next));
        if (e.empty()) e = sql::exec(db, ("PRAGMA user_version = " + std::to_string(next)).c_str());
        if (!e.empty()) {
            sql::exec(db, "ROLLBACK");
            return "upgrading the database to schema " + std::to_string(next) + " failed: " + e;
        }
        if (std::string c = sql::exec(db, "COMMIT"); !c.empty()) return c;
    }
}

}  // namespace impasse::store_schema
