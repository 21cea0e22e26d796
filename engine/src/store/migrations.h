// The store's schema, as an ordered list of migrations. Migration N takes a database from
// user_version N-1 to N. Never edit a released step: add a new one.
#pragma once

#include <sqlite3.h>

#include <string>

namespace impasse::store_schema {

int latest_version();

// Upgrades the database from its current version to latest_version(), one transaction per
// step. Returns "" or an error message (including "newer than this Impasse" refusals).
std::string migrate(sqlite3* db);

// The SQL of step `version` (1-based), for tests that build old databases.
const char* step_sql(int version);

}  // namespace impasse::store_schema
