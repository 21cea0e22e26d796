// Where Impasse finds its bundled files and keeps the user's.
//
// Bundled data (scenarios/, assets/) is looked up, in order: the IMPASSE_DATA_ROOT environment
// variable; next to the installed binary (`<prefix>/share/impasse`); the source tree the binary
// was built from. User data lives in $XDG_DATA_HOME/impasse (default ~/.local/share/impasse),
// user configuration in $XDG_CONFIG_HOME/impasse (default ~/.config/impasse).
#pragma once

#include <string>

namespace impasse::paths {

// The folder holding `scenarios/` and `assets/`, or "" when none is found.
std::string data_root();

std::string bundled_scenarios();  // data_root() + "/scenarios"
std::string assets();             // data_root() + "/assets"

std::string default_user_data();  // $XDG_DATA_HOME/impasse
std::string user_config();        // $XDG_CONFIG_HOME/impasse

// Creates `dir` (and parents) with mode 0700 when missing. A folder that exists is left as it
// is (never chmod-ed). Returns "" or an error message.
std::string ensure_private_dir(const std::string& dir);

// "" when `dir` is closed to group and others; else a warning to show the user (its mode and the
// chmod that would fix it).
std::string exposed_dir_warning(const std::string& dir);

// Replaces `path` with `text` atomically: a new temporary file beside it (mkstemp: O_EXCL, so a
// symlink or file planted at the temporary name is never followed or reused), mode 0600,
// written, flushed to disk, then renamed over `path`. A `path` that exists and is not a regular
// file (/dev/null, a FIFO) is written in place instead. Returns "" or an error message.
std::string write_file_atomic(const std::string& path, const std::string& text);

}  // namespace impasse::paths
