#include "cli/cli_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "impasse/paths.h"
#include "impasse/scenario_loader.h"

namespace impasse::cli {

std::unique_ptr<Store> open_record(const std::string& data_dir, int& exit_code) {
    std::string err;
    std::string warning;
    auto store =
        Store::open(data_dir.empty() ? paths::default_user_data() : data_dir, &err, &warning);
    if (!warning.empty()) std::fprintf(stderr, "impasse: %s\n", warning.c_str());
    if (!store) {
        std::fprintf(stderr, "impasse: %s\n", err.c_str());
        exit_code = 1;
    }
    return store;
}

void warn_damage(const Store& store) {
    std::vector<std::string> damaged = store.damage();
    if (damaged.empty()) return;
    std::fprintf(stderr,
                 "impasse: %zu value(s) in %s cannot be read as they were written (a damaged "
                 "disk or a hand edit); everything else is exported:\n",
                 damaged.size(), store.path().c_str());
    for (const auto& d : damaged)
        std::fprintf(stderr, "  %s\n", d.c_str());
}

bool write_output(const std::string& path, const std::string& text, int& exit_code) {
    if (path.empty() || path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return true;
    }
    // The trainee's record goes into these files: readable by the user only (0600).
    if (std::string e = paths::write_file_atomic(path, text); !e.empty()) {
        std::fprintf(stderr, "impasse: %s\n", e.c_str());
        exit_code = 1;
        return false;
    }
    return true;
}

namespace {

ScenarioPtr find_scenario_impl(const std::string& what, const std::string& named_in,
                               int& exit_code) {
    std::error_code ec;
    if (std::filesystem::exists(what, ec)) {
        LoadResult r = load_scenario_file(what);
        if (!r.scenario && !named_in.empty()) {
            std::fprintf(stderr,
                         "impasse: %s, named in %s, is not a scenario Impasse can read "
                         "(`impasse validate %s` says why)\n",
                         what.c_str(), named_in.c_str(), what.c_str());
            exit_code = 1;
            return nullptr;
        }
        for (const auto& d : r.diagnostics)
            std::fprintf(stderr, "%s\n", d.to_string().c_str());
        if (!r.scenario) exit_code = 1;
        return r.scenario;
    }
    std::string dir = paths::bundled_scenarios();
    if (!dir.empty())
        for (const auto& s : load_library({dir}).scenarios)
            if (s->id == what) return s;
    std::fprintf(stderr, "impasse: '%s' is neither a scenario file nor a bundled scenario id\n",
                 what.c_str());
    exit_code = 2;
    return nullptr;
}

}  // namespace

ScenarioPtr find_scenario(const std::string& what, int& exit_code) {
    return find_scenario_impl(what, "", exit_code);
}

ScenarioPtr find_scenario_named_in(const std::string& what, const std::string& named_in,
                                   int& exit_code) {
    return find_scenario_impl(what, named_in, exit_code);
}

}  // namespace impasse::cli
