// Loading and validating scenarios.
//
// Every function here returns its problems as diagnostics (diagnostic.h) and never throws:
// yaml-cpp's exceptions stop inside the loader. A scenario is returned only when its file had
// no errors (warnings are allowed); one bad file never stops the others in a library.
// Hostile input (huge or deeply nested files, alias bombs, binary garbage, invalid UTF-8,
// directories) gets one clear diagnostic, quickly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "impasse/diagnostic.h"
#include "impasse/scenario.h"

namespace impasse {

struct LoadResult {
    ScenarioPtr scenario;  // null when the file had errors
    Diagnostics diagnostics;
};

// Loads one file. `path` names it in diagnostics.
LoadResult load_scenario_file(const std::string& path);

// Loads from memory; `name` stands for the file in diagnostics.
LoadResult load_scenario_text(std::string_view text, const std::string& name);

struct Library {
    std::vector<ScenarioPtr> scenarios;  // sorted by id
    Diagnostics diagnostics;             // of every file, in path order
    std::vector<std::string> files;      // every file that was tried
};

// Loads every *.yaml / *.yml file under each path (a file or a folder, searched recursively,
// in sorted order). Duplicate scenario ids across files are errors on the later file.
Library load_library(const std::vector<std::string>& paths);

}  // namespace impasse
