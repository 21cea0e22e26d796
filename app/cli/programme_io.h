// What the programme's subcommands share: the --db option and connecting with a message.
#pragma once

#include <memory>
#include <string>

#include "impasse/programme.h"

namespace CLI {
class App;
}

namespace impasse::cli {

// Adds the required --db option (a libpq connection string or "service=NAME").
void add_db_option(CLI::App& command, std::string& db);

// Connects; on failure prints why (and where the password goes), sets exit_code to 1 and
// returns null.
std::unique_ptr<programme::Server> connect_programme(const std::string& db, int& exit_code);

// Prints "impasse: <e>" and sets exit_code to 1 when `e` is not empty; returns whether it was.
bool report_failure(const std::string& e, int& exit_code);

}  // namespace impasse::cli
