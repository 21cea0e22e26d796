#include "gui/palette.h"

#include <algorithm>
#include <cmath>

namespace impasse::gui {
namespace {

// Calm and low in saturation; muted text stays a step below the body text (about 5:1 against
// 13:1), and the colours of meaning are darker in the light theme so that they read as text.
// Highlighted rows are a step darker than buttons: a chip on the spotting sheet's current line
// still reads there.
const Palette kDark = {
    /*window*/ {0.11f, 0.12f, 0.14f},
    /*card*/ {0.13f, 0.14f, 0.17f},
    /*popup*/ {0.10f, 0.11f, 0.13f},
    /*frame*/ {0.17f, 0.19f, 0.22f},
    /*frame_hovered*/ {0.19f, 0.21f, 0.25f},
    /*frame_active*/ {0.20f, 0.23f, 0.27f},
    /*border*/ {0.44f, 0.47f, 0.52f},
    /*separator*/ {0.27f, 0.29f, 0.33f},
    /*text*/ {0.90f, 0.91f, 0.92f},
    /*muted*/ {0.63f, 0.65f, 0.68f},
    /*button*/ {0.20f, 0.30f, 0.37f},
    /*button_hovered*/ {0.23f, 0.35f, 0.43f},
    /*button_active*/ {0.25f, 0.38f, 0.46f},
    /*header*/ {0.18f, 0.27f, 0.33f},
    /*header_hovered*/ {0.20f, 0.30f, 0.37f},
    /*header_active*/ {0.21f, 0.32f, 0.39f},
    /*selection*/ {0.26f, 0.59f, 0.98f},
    /*check*/ {0.45f, 0.70f, 0.95f},
    /*good*/ {0.36f, 0.74f, 0.50f},
    /*risk*/ {0.94f, 0.48f, 0.48f},
    /*neutral*/ {0.65f, 0.65f, 0.70f},
    /*withdrawal*/ {0.40f, 0.62f, 0.85f},
    /*confrontation*/ {0.90f, 0.55f, 0.40f},
    /*link*/ {0.45f, 0.70f, 0.95f},
    /*notice*/ {0.45f, 0.30f, 0.12f},
    /*problem*/ {0.55f, 0.22f, 0.12f},
};

const Palette kLight = {
    /*window*/ {0.97f, 0.96f, 0.94f},
    /*card*/ {1.00f, 1.00f, 0.99f},
    /*popup*/ {1.00f, 1.00f, 1.00f},
    /*frame*/ {1.00f, 1.00f, 1.00f},
    /*frame_hovered*/ {0.95f, 0.97f, 0.98f},
    /*frame_active*/ {0.92f, 0.95f, 0.97f},
    /*border*/ {0.52f, 0.53f, 0.55f},
    /*separator*/ {0.82f, 0.82f, 0.80f},
    /*text*/ {0.12f, 0.13f, 0.15f},
    /*muted*/ {0.38f, 0.39f, 0.42f},
    /*button*/ {0.80f, 0.87f, 0.89f},
    /*button_hovered*/ {0.72f, 0.82f, 0.86f},
    /*button_active*/ {0.64f, 0.77f, 0.82f},
    /*header*/ {0.80f, 0.87f, 0.89f},
    /*header_hovered*/ {0.72f, 0.82f, 0.86f},
    /*header_active*/ {0.64f, 0.77f, 0.82f},
    /*selection*/ {0.26f, 0.59f, 0.98f},
    /*check*/ {0.12f, 0.40f, 0.66f},
    /*good*/ {0.10f, 0.47f, 0.25f},
    /*risk*/ {0.72f, 0.16f, 0.16f},
    /*neutral*/ {0.38f, 0.39f, 0.44f},
    /*withdrawal*/ {0.12f, 0.40f, 0.66f},
    /*confrontation*/ {0.66f, 0.29f, 0.10f},
    /*link*/ {0.08f, 0.38f, 0.70f},
    /*notice*/ {0.85f, 0.62f, 0.30f},
    /*problem*/ {0.85f, 0.40f, 0.30f},
};

const Palette kHighContrast = {
    /*window*/ {0.00f, 0.00f, 0.00f},
    /*card*/ {0.00f, 0.00f, 0.00f},
    /*popup*/ {0.00f, 0.00f, 0.00f},
    /*frame*/ {0.10f, 0.10f, 0.10f},
    /*frame_hovered*/ {0.16f, 0.16f, 0.16f},
    /*frame_active*/ {0.20f, 0.20f, 0.20f},
    /*border*/ {1.00f, 1.00f, 0.00f},
    /*separator*/ {0.60f, 0.60f, 0.60f},
    /*text*/ {1.00f, 1.00f, 1.00f},
    /*muted*/ {0.80f, 0.80f, 0.80f},
    /*button*/ {0.00f, 0.25f, 0.60f},
    /*button_hovered*/ {0.00f, 0.32f, 0.72f},
    /*button_active*/ {0.00f, 0.38f, 0.80f},
    /*header*/ {0.00f, 0.25f, 0.60f},
    /*header_hovered*/ {0.00f, 0.29f, 0.66f},
    /*header_active*/ {0.00f, 0.32f, 0.72f},
    /*selection*/ {0.26f, 0.59f, 0.98f},
    /*check*/ {1.00f, 1.00f, 0.00f},
    /*good*/ {0.45f, 0.85f, 0.58f},
    /*risk*/ {1.00f, 0.55f, 0.55f},
    /*neutral*/ {0.78f, 0.78f, 0.82f},
    /*withdrawal*/ {0.50f, 0.72f, 0.95f},
    /*confrontation*/ {1.00f, 0.65f, 0.45f},
    /*link*/ {0.55f, 0.80f, 1.00f},
    /*notice*/ {0.45f, 0.30f, 0.12f},
    /*problem*/ {0.55f, 0.22f, 0.12f},
};

double linear(float c) {
    return c <= 0.04045f ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) {
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

}  // namespace

const Palette& palette(Theme theme) {
    switch (theme) {
        case Theme::light:
            return kLight;
        case Theme::high_contrast:
            return kHighContrast;
        case Theme::dark:
            return kDark;
    }
    return kDark;
}

Rgb over(Rgb top, float opacity, Rgb under) {
    return {top.r * opacity + under.r * (1 - opacity), top.g * opacity + under.g * (1 - opacity),
            top.b * opacity + under.b * (1 - opacity)};
}

double contrast_ratio(Rgb a, Rgb b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<ColourPair> contrast_pairs(Theme theme) {
    const Palette& p = palette(theme);
    std::vector<ColourPair> out;
    auto text = [&](std::string what, Rgb fore, Rgb back) {
        out.push_back({std::move(what), fore, back, 4.5});
    };
    auto edge = [&](std::string what, Rgb fore, Rgb back) {
        out.push_back({std::move(what), fore, back, 3.0});
    };
    const std::pair<const char*, Rgb> surfaces[] = {
        {"the window", p.window}, {"a card", p.card}, {"a popup", p.popup}};
    const std::pair<const char*, Rgb> meanings[] = {{"good", p.good},
                                                    {"risk", p.risk},
                                                    {"neutral", p.neutral},
                                                    {"withdrawal", p.withdrawal},
                                                    {"confrontation", p.confrontation}};
    for (const auto& [where, surface] : surfaces) {
        std::string on = std::string(" on ") + where;
        text("text" + on, p.text, surface);
        text("muted text" + on, p.muted, surface);
        text("a link" + on, p.link, surface);
        edge("the frame of an input" + on, p.border, surface);
        for (const auto& [name, colour] : meanings) {
            text(std::string(name) + " text" + on, colour, surface);
            // A chip: the text colour over the colour of meaning laid on the surface.
            for (float a : {alpha::chip, alpha::chip_hovered, alpha::chip_active})
                text("text on a " + std::string(name) + " chip (alpha " +
                         std::to_string(a).substr(0, 4) + ")" + on,
                     p.text, over(colour, a, surface));
        }
        text("text on good evidence" + on, p.text, over(p.good, alpha::evidence, surface));
        text("text on risk evidence" + on, p.text, over(p.risk, alpha::evidence, surface));
        text("text on a banner" + on, p.text, over(p.notice, alpha::banner, surface));
        text("text on the record-problem card" + on, p.text,
             over(p.problem, alpha::banner, surface));
        for (const auto& [name, colour] : meanings)
            text("text on a " + std::string(name) + " graph node" + on, p.text,
                 over(colour, alpha::graph_node, surface));
        text("text on a table's other row" + on, p.text, over(p.text, alpha::row_alt, surface));
    }
    // Inside an input: the typed text, its hint, selected text.
    for (const auto& [where, surface] : {std::pair<const char*, Rgb>{"", p.frame},
                                         {" (hovered)", p.frame_hovered},
                                         {" (active)", p.frame_active}}) {
        text(std::string("text in an input") + where, p.text, surface);
        text(std::string("a hint in an input") + where, p.muted, surface);
        edge(std::string("a check mark or slider grab") + where, p.check, surface);
    }
    text("selected text in an input", p.text, over(p.selection, alpha::selection, p.frame));
    // Buttons, headers and the current tab.
    text("text on a button", p.text, p.button);
    text("text on a hovered button", p.text, p.button_hovered);
    text("text on a pressed button", p.text, p.button_active);
    text("text on a header", p.text, p.header);
    text("text on a hovered header", p.text, p.header_hovered);
    text("text on the current tab", p.text, p.header_active);
    // A highlighted row (a selected or hovered row of a list, the current line of the spotting
    // sheet): body text and chips, never muted text (the rows switch it to the body colour).
    for (const auto& [where, row] : {std::pair<const char*, Rgb>{"a selected row", p.header},
                                     {"a hovered row", p.header_hovered},
                                     {"a pressed row", p.header_active}}) {
        for (const auto& [name, colour] : meanings)
            text("text on a " + std::string(name) + " chip on " + where, p.text,
                 over(colour, alpha::chip, row));
    }
    // Check-in chips, off and on.
    text("text on a check-in chip", p.text, over(p.neutral, alpha::toggle_off, p.card));
    text("text on a hovered check-in chip", p.text,
         over(p.neutral, alpha::toggle_off_hovered, p.card));
    text("text on a chosen check-in chip", p.text, over(p.withdrawal, alpha::toggle_on, p.card));
    text("text on a hovered chosen check-in chip", p.text,
         over(p.withdrawal, alpha::toggle_on_hovered, p.card));
    // Meters, bars and charts: the fill against the empty part of the bar, and the lines of a
    // chart against the card.
    for (const auto& [name, colour] : meanings) {
        edge(std::string("a ") + name + " meter fill in its bar", colour, p.frame);
        edge(std::string("a ") + name + " chart line on a card", colour, p.card);
    }
    return out;
}

}  // namespace impasse::gui
