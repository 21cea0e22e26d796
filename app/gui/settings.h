// The GUI's settings: a flat record saved as JSON in the user's config folder
// (~/.config/impasse/settings.json). Unknown or malformed entries fall back to defaults, so a
// damaged file never stops the app; saving writes a temporary file and renames it.
#pragma once

#include <string>

namespace impasse::gui {

struct Settings {
    std::string theme = "dark";             // dark | light | high-contrast
    float font_scale = 1.0f;                // 0.75 .. 2.5
    std::string feedback = "immediate";     // immediate | end (test mode)
    std::string checkins = "markers";       // markers | every_turn | never
    bool show_patient_state = true;         // the alliance and affect panel in drills
    std::string moment_timer = "off";       // off | 60 | 90 | 120: seconds to answer a moment drill
    std::string option_order = "shuffled";  // shuffled | fixed (file order, e.g. an assessment)
    bool self_assess = true;                // rate yourself per principle before the debrief
    std::string pause = "hard_cases";       // always | hard_cases | never (beginner's-mind pause)
    std::string data_dir;                   // "" = default
    std::string audience_bind = "0.0.0.0";  // the workshop's audience vote: every interface
    int audience_port = 8765;               // 1024 .. 65535; any free port when taken

    static Settings load(const std::string& path, std::string* warning);
    // Returns "" on success, else a message.
    std::string save(const std::string& path) const;
};

}  // namespace impasse::gui
