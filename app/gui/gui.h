// The simulator's window. run() opens it and returns the process exit code when it closes.
#pragma once

#include <chrono>
#include <string>

namespace impasse::gui {

struct Options {
    int frames = 0;               // > 0: render this many frames, then exit (tests, screenshots)
    std::string screenshot;       // write the last frame as PNG here
    std::string data_dir;         // user data; default paths::default_user_data()
    std::string extra_scenarios;  // a folder of the user's own scenarios
    std::string open;             // start a drill of this scenario id
    std::string replay;           // load this transcript into the debrief
    std::string screen;           // first screen: library, drill, debrief, settings
    std::string learn;            // open the Learn screen at this page (a topic id)
    std::string workshop;         // start a workshop demo of this scenario id
    std::string audience_bind;    // the workshop's audience vote listens here (over settings)
    int audience_port = -1;       // >= 0 overrides the settings (0: any free port)
    std::string spot;             // start the marker-spotting drill on this scenario id
    std::string theme;            // overrides the saved theme: dark, light, high-contrast
    float font_scale = 0.0f;      // > 0 overrides the saved text size
    int width = 1280;
    int height = 800;
    bool bare = false;    // draw an empty window only (the floor for frame-cost benchmarks)
    bool timing = false;  // print the mean frame time when --frames ends
    std::chrono::steady_clock::time_point launched = std::chrono::steady_clock::now();
};

int run(const Options& options);

}  // namespace impasse::gui
