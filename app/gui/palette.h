// The colours of each theme, and the pairs of them the screens draw one on another. theme.cpp
// turns a palette into Dear ImGui's style and the panels take the colours of meaning (good, risk,
// withdrawal...) through widgets.h, so what is listed here is what is drawn; contrast_pairs()
// lists every text-on-surface and input-frame-on-surface pair, and tests/unit/palette_test.cpp
// holds each to WCAG 2.1 AA (4.5:1 for text, 3:1 for the frame of an input and for graphics
// that carry meaning). Muted text is never drawn on a highlighted row (it is too faint there): the
// lists switch a lit row's muted line to the body colour. No ImGui here, so the test needs no
// window.
#pragma once

#include <string>
#include <vector>

#include "gui/theme.h"

namespace impasse::gui {

// An opaque sRGB colour, each channel in [0, 1].
struct Rgb {
    float r = 0, g = 0, b = 0;
};

struct Palette {
    // Surfaces: the window, a card (child window, the conversation, the decision), a popup or
    // tooltip, and the inside of an input (text field, combo, checkbox, slider).
    Rgb window, card, popup, frame, frame_hovered, frame_active;
    // The frame of every input and button, and the edge of a card and a popup: the line that
    // shows where an input is, so it reaches 3:1 against the surfaces.
    Rgb border;
    Rgb separator;  // rules between parts of a card (decoration, not an edge)
    Rgb text, muted;
    Rgb button, button_hovered, button_active;
    Rgb header, header_hovered, header_active;  // collapsing headers, selected rows, the tab on
    Rgb selection;                              // selected text, at alpha::selection
    Rgb check;                                  // check marks, slider grabs
    // Colours of meaning, drawn as text, as fills (meters, charts) and as chips (at alpha::chip).
    Rgb good, risk, neutral, withdrawal, confrontation, link;
    Rgb notice;   // a banner, at alpha::banner
    Rgb problem;  // the record-problem card, at alpha::banner
};

// The alphas at which a colour is laid over a surface.
namespace alpha {
constexpr float chip = 0.28f, chip_hovered = 0.40f, chip_active = 0.50f;
constexpr float toggle_off = 0.20f, toggle_off_hovered = 0.34f;  // check-in chips
constexpr float toggle_on = 0.50f, toggle_on_hovered = 0.58f;
constexpr float evidence = 0.28f;  // the scorer's evidence behind the trainee's words
constexpr float banner = 0.35f;
constexpr float selection = 0.35f;
constexpr float row_alt = 0.06f;     // every other table row: the text colour over the card
constexpr float graph_node = 0.45f;  // an ending or marker node in the author view's graph
}  // namespace alpha

const Palette& palette(Theme theme);

// `top` at `opacity` over `under`.
Rgb over(Rgb top, float opacity, Rgb under);

// The WCAG 2.1 contrast ratio of two colours, from 1 (the same) to 21 (black on white).
double contrast_ratio(Rgb a, Rgb b);

struct ColourPair {
    std::string what;  // e.g. "muted text on a card"
    Rgb fore, back;
    double minimum;  // 4.5 for text, 3 for frames and graphics
};

// Every pair the screens draw, for a theme.
std::vector<ColourPair> contrast_pairs(Theme theme);

}  // namespace impasse::gui
