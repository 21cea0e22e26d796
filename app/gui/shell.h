// The shell: owns the GUI's state (ui.h) and draws one frame — the top bar, any banners, and
// the current screen's panel.
#pragma once

#include "gui/gui.h"
#include "gui/ui.h"

namespace impasse::gui {

class Platform;

class Shell {
  public:
    explicit Shell(const Options& options);
    void attach(Platform& platform);
    // Outside a frame: rebuild fonts and colours when a setting changed them.
    void prepare();
    // Draws one frame; returns true while something animates.
    bool frame();

  private:
    void handle_shortcuts();

    Ui ui_;
    Platform* platform_ = nullptr;
    bool projector_look_ = false;  // the fonts and colours are the projector's
};

}  // namespace impasse::gui
