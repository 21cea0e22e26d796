// `impasse score` contexts that name a scenario and a node: the moment comes from the case.
#include <filesystem>
#include <map>
#include <string>

#include "cli/score_common.h"
#include "impasse/paths.h"
#include "impasse/scenario_loader.h"

namespace impasse::cli {
namespace {

// Scenarios are loaded once per run: a batch names the same few cases on every line.
ScenarioPtr find_scenario(const std::string& name, std::string* error) {
    static std::map<std::string, ScenarioPtr> by_name;
    static bool library_loaded = false;
    static std::map<std::string, ScenarioPtr> bundled;
    if (auto it = by_name.find(name); it != by_name.end()) return it->second;
    std::error_code ec;
    if (std::filesystem::is_regular_file(name, ec)) {
        LoadResult r = load_scenario_file(name);
        if (!r.scenario) {
            // Named, never quoted: the name came from the input line and may point anywhere
            // (`/etc/shadow`); the loader's messages would repeat what it found there.
            *error = name + " is not a scenario Impasse can read (`impasse validate " + name +
                     "` says why)";
            return nullptr;
        }
        return by_name[name] = r.scenario;
    }
    if (!library_loaded) {
        library_loaded = true;
        std::string dir = paths::bundled_scenarios();
        if (!dir.empty())
            for (const auto& s : load_library({dir}).scenarios)
                bundled[s->id] = s;
    }
    auto it = bundled.find(name);
    if (it == bundled.end()) {
        *error = "no scenario file or bundled scenario id \"" + name + "\"";
        return nullptr;
    }
    return by_name[name] = it->second;
}

}  // namespace

std::string moment_from_scenario(const std::string& scenario, const std::string& node,
                                 MomentHolder* out) {
    std::string error;
    ScenarioPtr sc = find_scenario(scenario, &error);
    if (!sc) return error;
    const Node* found = nullptr;
    for (const auto& n : sc->nodes)
        if (n.id == node) found = &n;
    if (!found) return "scenario \"" + sc->id + "\" has no node \"" + node + "\"";
    out->scenario = sc;
    Moment& m = out->moment;
    m.scenario = sc.get();
    m.node = found;
    if (m.markers.empty()) m.markers = found->markers;
    if (m.stage.empty()) m.stage = found->stage;
    if (m.rupture_type.empty()) m.rupture_type = sc->rupture_type;
    return "";
}

}  // namespace impasse::cli
