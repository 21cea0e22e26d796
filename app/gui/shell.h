// The shell: owns the GUI's state (library, settings, current screen) and draws one frame.
#pragma once

#include <string>
#include <vector>

#include "gui/gui.h"
#include "gui/theme.h"

namespace impasse::gui {

class Platform;

class Shell {
  public:
    explicit Shell(const Options& options);
    void attach(Platform& platform);
    // Draws one frame; returns true while something animates.
    bool frame();

  private:
    void load_library();
    void draw_library();

    Options options_;
    Platform* platform_ = nullptr;
    Fonts fonts_;
    Theme theme_ = Theme::dark;
    float font_scale_ = 1.0f;
    std::vector<std::string> scenario_files_;
    std::vector<std::string> messages_;
};

}  // namespace impasse::gui
