// impasse: with no subcommand, opens the simulator's window; with one, runs it headless.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "gui/gui.h"
#include "impasse/version.h"

namespace {

// The last resort: an error no command handled (out of memory, or a bug) ends the program with
// a message and exit status 70 instead of an abort. The record stays intact: every answered turn
// was committed when it was answered, and SQLite rolls back a transaction left open.
constexpr int kInternalError = 70;
constexpr const char* kRecordIntact =
    "Your record is intact: every answer was saved when you gave it.\n";

[[noreturn]] void last_resort() {
    std::string what = "an unknown error";
    if (std::exception_ptr e = std::current_exception()) {
        try {
            std::rethrow_exception(e);
        } catch (const std::bad_alloc&) {
            what = "out of memory";
        } catch (const std::exception& x) {
            what = x.what();
        } catch (...) {
        }
    }
    std::fprintf(stderr, "impasse: internal error: %s. %s", what.c_str(), kRecordIntact);
    std::fflush(stderr);
    std::_Exit(kInternalError);
}

}  // namespace

int main(int argc, char** argv) {
    // Also for an exception escaping a worker thread (score --jsonl scores on every core).
    std::set_terminate(last_resort);
    auto launched = std::chrono::steady_clock::now();
    CLI::App app{
        "Impasse: practise resolving alliance ruptures with simulated patients.\n"
        "With no subcommand, opens the simulator.",
        "impasse"};
    app.set_version_flag("--version", std::string("impasse ") + impasse::version_string());
    app.require_subcommand(0, 1);

    impasse::gui::Options gui;
    gui.launched = launched;
    app.add_option("--frames", gui.frames, "Render N frames, then exit (for tests)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--screenshot", gui.screenshot, "Write the last frame as PNG to PATH");
    app.add_option("--data-dir", gui.data_dir,
                   "Where your data lives (default ~/.local/share/impasse)");
    app.add_option("--scenarios", gui.extra_scenarios, "An extra folder of scenarios to list");
    app.add_option("--open", gui.open, "Start a drill of this scenario id");
    app.add_option("--replay", gui.replay, "Open a transcript in the debrief");
    app.add_option("--screen", gui.screen, "First screen: library, drill, debrief, settings");
    app.add_option("--learn", gui.learn, "Open the Learn screen at this topic (e.g. here_and_now)");
    app.add_option("--workshop", gui.workshop, "Present this scenario id in workshop mode");
    app.add_option("--audience-bind", gui.audience_bind,
                   "Workshop: the address the audience vote listens on (over the settings)");
    app.add_option("--audience-port", gui.audience_port,
                   "Workshop: the audience vote's port (0: any free port)")
        ->check(CLI::Range(0, 65535));
    app.add_option("--spot", gui.spot, "Spot the rupture markers in this scenario id");
    app.add_option("--theme", gui.theme, "Theme for this run")
        ->check(CLI::IsMember({"dark", "light", "high-contrast"}));
    app.add_option("--font-scale", gui.font_scale, "Text size for this run")
        ->check(CLI::Range(0.75, 2.5));
    app.add_flag("--bare", gui.bare, "Draw an empty window (benchmark floor)")->group("");
    app.add_flag("--timing", gui.timing, "With --frames: print the mean frame time")->group("");
    app.add_option("--width", gui.width, "Window width in pixels")->check(CLI::Range(320, 10000));
    app.add_option("--height", gui.height, "Window height in pixels")
        ->check(CLI::Range(240, 10000));

    int exit_code = 0;
    impasse::cli::add_paths(app, exit_code);
    impasse::cli::add_validate(app, exit_code);
    impasse::cli::add_play(app, exit_code);
    impasse::cli::add_score(app, exit_code);
    impasse::cli::add_data(app, exit_code);
    impasse::cli::add_report(app, exit_code);
    impasse::cli::add_learn(app, exit_code);
    impasse::cli::add_graph(app, exit_code);
    impasse::cli::add_workshop(app, exit_code);
    impasse::cli::add_spot(app, exit_code);
    impasse::cli::add_model(app, exit_code);
    impasse::cli::add_programme(app, exit_code);
    impasse::cli::add_share(app, exit_code);
    impasse::cli::add_review(app, exit_code);
    impasse::cli::add_assignments(app, exit_code);

    // The options above belong to the window, except --data-dir, which the subcommands that
    // use a data folder also take. Given before a subcommand, --data-dir is handed to it (it
    // was once silently ignored, and the default folder used); the window's options are
    // refused there rather than ignored.
    app.parse_complete_callback([&app, &gui] {
        if (app.get_subcommands().empty()) return;
        CLI::App* leaf = &app;
        while (!leaf->get_subcommands().empty())
            leaf = leaf->get_subcommands().front();
        std::string command;
        for (CLI::App* a = leaf; a && a != &app; a = a->get_parent())
            command = a->get_name() + (command.empty() ? "" : " " + command);
        for (const CLI::Option* opt : app.get_options()) {
            std::string name = opt->get_name();
            if (opt->count() == 0 || name == "--data-dir" || name == "--help" ||
                name == "--version")
                continue;
            throw CLI::ValidationError(
                name, "is an option of the window; `impasse " + command + "` does not take it");
        }
        if (app.get_option("--data-dir")->count() == 0) return;
        CLI::Option* own = leaf->get_option_no_throw("--data-dir");
        if (!own)
            throw CLI::ValidationError("--data-dir",
                                       "`impasse " + command + "` does not use a data folder");
        if (own->count() > 0) {
            if (own->as<std::string>() != gui.data_dir)
                throw CLI::ValidationError("--data-dir", "given twice, with different folders (" +
                                                             gui.data_dir + " and " +
                                                             own->as<std::string>() + ")");
            return;
        }
        own->add_result(gui.data_dir);
        own->run_callback();
    });

    try {
        // For tests of the last resort (tests/scripts/last_resort.sh): an error no command
        // handles, in this thread ("main") or in a worker thread ("thread").
        if (const char* fault = std::getenv("IMPASSE_TEST_INTERNAL_ERROR")) {
            if (std::string(fault) == "thread")
                std::thread([] { throw std::runtime_error("a planted error in a thread"); }).join();
            throw std::runtime_error("a planted error");
        }
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            int rc = app.exit(e);
            return rc == 0 ? 0 : 2;
        }
        if (app.get_subcommands().empty()) return impasse::gui::run(gui);
    } catch (...) {  // the subcommands run inside parse()
        last_resort();
    }
    return exit_code;
}
