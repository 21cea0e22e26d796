// Small helpers the subcommands share: opening the trainee's record with a message on failure,
// and writing an output file atomically (a temporary file renamed into place).
#pragma once

#include <memory>
#include <string>

#include "impasse/scenario.h"
#include "impasse/store.h"

namespace impasse::cli {

// Opens the store in `data_dir` ("" = the default folder); on failure prints why, sets
// exit_code to 1 and returns null.
std::unique_ptr<Store> open_record(const std::string& data_dir, int& exit_code);

// Tells the user, on standard error, which values of their record could not be read as
// written (Store::damage), before an export that carries everything else. Silent when intact.
void warn_damage(const Store& store);

// Writes `text` to `path` ("" or "-" = standard output). On failure prints why, sets exit_code
// to 1 and returns false.
bool write_output(const std::string& path, const std::string& text, int& exit_code);

// A scenario named on the command line: a path to a scenario file, or the id of a bundled one.
// Prints the file's diagnostics; on failure sets exit_code (1 the file has errors, 2 neither a
// file nor an id) and returns null.
ScenarioPtr find_scenario(const std::string& what, int& exit_code);
// The same for a scenario named inside another file (a transcript's `scenario`): a file that
// is not a scenario is named, never quoted, since the name may point anywhere (`/etc/shadow`)
// and the loader's messages repeat what they found there.
ScenarioPtr find_scenario_named_in(const std::string& what, const std::string& named_in,
                                   int& exit_code);

}  // namespace impasse::cli
