// `impasse validate PATH...`: check scenario files or folders and print compiler-style
// diagnostics (or JSON). Exit 0 without errors, 1 with errors, 2 on a usage error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"
#include "impasse/scenario_loader.h"

namespace impasse::cli {
namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    std::string format = "text";
};

void run(const ValidateOptions& o, int& exit_code) {
    std::vector<std::string> paths = o.paths;
    if (paths.empty()) {
        std::string bundled = paths::bundled_scenarios();
        if (bundled.empty()) {
            std::fprintf(stderr,
                         "impasse: no PATH given and the bundled scenarios were not found\n");
            exit_code = 2;
            return;
        }
        paths.push_back(bundled);
    }
    for (const auto& p : paths) {
        std::error_code ec;
        if (!std::filesystem::exists(p, ec)) {
            std::fprintf(stderr, "impasse: %s: no such file or folder\n", p.c_str());
            exit_code = 2;
            return;
        }
    }
    Library lib = load_library(paths);
    if (o.format == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& d : lib.diagnostics)
            out.push_back({{"file", d.file},
                           {"line", d.line > 0 ? d.line : 1},
                           {"column", d.column > 0 ? d.column : 1},
                           {"severity", severity_name(d.severity)},
                           {"code", d.code},
                           {"message", d.message}});
        std::printf("%s\n", json_out::write(out, 2).c_str());
    } else {
        for (const auto& d : lib.diagnostics)
            std::printf("%s\n", d.to_string().c_str());
        std::fprintf(stderr, "%zu file(s), %zu scenario(s) loaded: %d error(s), %d warning(s)\n",
                     lib.files.size(), lib.scenarios.size(),
                     count(lib.diagnostics, Severity::error),
                     count(lib.diagnostics, Severity::warning));
    }
    exit_code = has_errors(lib.diagnostics) ? 1 : 0;
    if (lib.files.empty()) {
        // A mistyped folder must not look like a clean library.
        std::string where;
        for (const auto& p : paths)
            where += (where.empty() ? "" : ", ") + p;
        std::fprintf(stderr, "impasse: no scenario files (*.yaml, *.yml) were found in %s\n",
                     where.c_str());
        exit_code = 1;
    }
}

}  // namespace

void add_validate(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ValidateOptions>();
    auto* cmd = app.add_subcommand(
        "validate", "Check scenario files or folders (default: the bundled library)");
    cmd->add_option("paths", o->paths, "Files or folders (searched recursively for *.yaml)");
    cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    cmd->callback([o, &exit_code] { run(*o, exit_code); });
}

}  // namespace impasse::cli
