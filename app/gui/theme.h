// Fonts, colours and spacing: every look-and-feel decision of the GUI lives here.
#pragma once

#include <string>

struct ImFont;

namespace impasse::gui {
struct Palette;
}

namespace impasse::gui {

enum class Theme { dark, light, high_contrast };

// "dark" | "light" | "high-contrast"; unknown names give dark.
Theme theme_from_name(const std::string& name);
const char* theme_name(Theme t);

struct Fonts {
    ImFont* body = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;
};

// (Re)builds the font atlas for a scale (user font scale x monitor content scale) and applies
// the theme's colours and spacing. Call before the first frame and whenever either changes,
// outside of a frame.
Fonts apply_look(Theme theme, float scale);

// The palette (palette.h) of the theme apply_look last applied.
const Palette& current_palette();

}  // namespace impasse::gui
