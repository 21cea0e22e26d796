// `impasse paths`: where Impasse finds its bundled files and keeps the user's.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "impasse/paths.h"

namespace impasse::cli {

void add_paths(CLI::App& app, int& exit_code) {
    auto* cmd =
        app.add_subcommand("paths", "Print where bundled scenarios, assets and your data live");
    auto data_dir = std::make_shared<std::string>();
    cmd->add_option("--data-dir", *data_dir, "Your data folder (default ~/.local/share/impasse)");
    cmd->callback([data_dir, &exit_code] {
        std::string root = paths::data_root();
        std::printf("data root:  %s\n", root.empty() ? "(not found)" : root.c_str());
        std::printf("scenarios:  %s\n", paths::bundled_scenarios().c_str());
        std::printf("assets:     %s\n", paths::assets().c_str());
        std::printf("user data:  %s\n",
                    data_dir->empty() ? paths::default_user_data().c_str() : data_dir->c_str());
        std::printf("config:     %s\n", paths::user_config().c_str());
        exit_code = root.empty() ? 1 : 0;
    });
}

}  // namespace impasse::cli
