// Small drawing helpers shared by the panels: chips, meters, headings, wrapped text.
#pragma once

#include <imgui.h>

#include <string>

namespace impasse::gui {

struct Fonts;

// A rounded label ("Withdrawal", "Difficulty 2") drawn inline; returns true when clicked.
bool chip(const char* text, ImVec4 colour, bool clickable = false);

// A bar filled to `fraction` in `colour`, `width` wide with `label` after it (not over the fill,
// where the text would have too little contrast).
void bar(float fraction, ImVec4 colour, float width, const char* label);

// A horizontal meter in [0,1] with a label and the value on the WAI-SR 1–5 scale.
void meter(const char* label, float value, ImVec4 colour, float width);

// Heading in the heading font.
void heading(const Fonts& fonts, const char* text);

// A spaced sub-heading in the bold font.
void section(const Fonts& fonts, const char* text);

// Text wrapped to the available width (no format string: safe for any text).
void wrapped(const std::string& text);

// Dimmed secondary text, wrapped.
void muted(const std::string& text);

// Colours used for meaning across panels, from the current theme's palette (palette.h), where
// their contrast is tested.
ImVec4 colour_link();
ImVec4 colour_notice();   // a banner
ImVec4 colour_problem();  // the record-problem card
// `colour` at `opacity`, to lay over a surface at one of palette.h's alphas.
ImVec4 colour_tint(ImVec4 colour, float opacity);
ImVec4 colour_withdrawal();
ImVec4 colour_confrontation();
ImVec4 colour_good();
ImVec4 colour_risk();
ImVec4 colour_neutral();

}  // namespace impasse::gui
