#include "impasse/scenario_loader.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "impasse/diagnostic_codes.h"
#include "scenario/scenario_build.h"
#include "yaml/safe_yaml.h"

namespace fs = std::filesystem;

namespace impasse {
namespace {

std::string fnv1a_hex(std::string_view bytes) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

void sort_diagnostics(Diagnostics& d) {
    std::stable_sort(d.begin(), d.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
}

}  // namespace

const char* ending_kind_id(EndingKind k) {
    switch (k) {
        case EndingKind::resolved:
            return "resolved";
        case EndingKind::partial:
            return "partial";
        case EndingKind::impasse:
            return "impasse";
        case EndingKind::dropout:
            return "dropout";
    }
    return "resolved";
}

bool known_move(std::string_view move) {
    return move == "risk_check" || move == "repair";
}

const Response* Node::find_response(std::string_view id) const {
    for (const auto& r : responses)
        if (r.id == id) return &r;
    return nullptr;
}

const Node* Scenario::find_node(std::string_view id) const {
    auto it = node_index.find(std::string(id));
    return it == node_index.end() ? nullptr : &nodes[it->second];
}

LoadResult load_scenario_text(std::string_view text, const std::string& name) {
    LoadResult result;
    yaml::Document doc = yaml::load_text(text, name);
    result.diagnostics = doc.diagnostics;
    if (!doc.ok()) return result;
    auto s = std::make_shared<Scenario>();
    s->source_file = name;
    s->hash = fnv1a_hex(text);
    try {
        yaml::Reader reader(name, result.diagnostics);
        scenario_impl::build(reader, doc.root, *s);
        if (!has_errors(result.diagnostics)) scenario_impl::check(*s, result.diagnostics);
    } catch (const std::exception& e) {
        result.diagnostics.push_back({name, 0, 0, Severity::error, codes::yaml_syntax,
                                      std::string("cannot read the file: ") + e.what()});
    }
    sort_diagnostics(result.diagnostics);
    if (!has_errors(result.diagnostics)) result.scenario = s;
    return result;
}

LoadResult load_scenario_file(const std::string& path) {
    LoadResult result;
    auto text = yaml::read_text(path, yaml::Limits{}, result.diagnostics);
    if (!text) return result;
    return load_scenario_text(*text, path);
}

Library load_library(const std::vector<std::string>& paths) {
    Library lib;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(
                     p, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it.depth() > 16) {
                    it.disable_recursion_pending();
                    continue;
                }
                auto ext = it->path().extension();
                if ((ext == ".yaml" || ext == ".yml") && !it->is_directory(ec))
                    found.push_back(it->path().string());
            }
            std::sort(found.begin(), found.end());
            lib.files.insert(lib.files.end(), found.begin(), found.end());
        } else {
            lib.files.push_back(p);
        }
    }
    std::map<std::string, std::string> owner;
    for (const auto& f : lib.files) {
        LoadResult r = load_scenario_file(f);
        if (r.scenario) {
            auto [it, fresh] = owner.emplace(r.scenario->id, f);
            if (!fresh) {
                r.diagnostics.push_back(
                    {f, 0, 0, Severity::error, codes::scenario_id_taken,
                     "scenario id '" + r.scenario->id + "' is already used by " + it->second});
                r.scenario.reset();
            }
        }
        lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
        if (r.scenario) lib.scenarios.push_back(r.scenario);
    }
    std::sort(lib.scenarios.begin(), lib.scenarios.end(),
              [](const ScenarioPtr& a, const ScenarioPtr& b) { return a->id < b->id; });
    return lib;
}

}  // namespace impasse
