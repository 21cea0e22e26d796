// The themes' colours against WCAG 2.1 AA (app/gui/palette.h; issue 18, "Contrast"): every text
// colour on every surface it is drawn on reaches 4.5:1, and the frame of every input (and every
// graphic that carries meaning: meter fills, chart lines, check marks) reaches 3:1 against what
// surrounds it. The pairs come from the palette the GUI draws with, so they cannot drift apart.
#include <doctest/doctest.h>

#include <string>

#include "gui/palette.h"

using impasse::gui::contrast_pairs;
using impasse::gui::contrast_ratio;
using impasse::gui::Rgb;
using impasse::gui::Theme;

namespace {
const char* name(Theme t) {
    return t == Theme::dark ? "dark" : t == Theme::light ? "light" : "high-contrast";
}
}  // namespace

TEST_CASE("the WCAG contrast ratio of known pairs") {
    CHECK(contrast_ratio(Rgb{0, 0, 0}, Rgb{1, 1, 1}) == doctest::Approx(21.0));
    CHECK(contrast_ratio(Rgb{1, 1, 1}, Rgb{0, 0, 0}) == doctest::Approx(21.0));
    CHECK(contrast_ratio(Rgb{0.5f, 0.5f, 0.5f}, Rgb{0.5f, 0.5f, 0.5f}) == doctest::Approx(1.0));
    // #767676 on white is the lightest grey that passes AA for text: 4.54:1.
    float g = 0x76 / 255.0f;
    CHECK(contrast_ratio(Rgb{g, g, g}, Rgb{1, 1, 1}) == doctest::Approx(4.54).epsilon(0.005));
    // Pure red on white: 4.0:1.
    CHECK(contrast_ratio(Rgb{1, 0, 0}, Rgb{1, 1, 1}) == doctest::Approx(4.0).epsilon(0.005));
}

TEST_CASE("every colour pair of every theme reaches WCAG AA") {
    for (Theme t : {Theme::dark, Theme::light, Theme::high_contrast}) {
        auto pairs = contrast_pairs(t);
        // Text on the three surfaces, inputs, buttons, chips, meters: well over a hundred.
        CHECK(pairs.size() > 100);
        for (const auto& p : pairs) {
            double r = contrast_ratio(p.fore, p.back);
            INFO(std::string(name(t)), ": ", p.what, " is ", r, ":1, needs ", p.minimum, ":1");
            CHECK(r >= p.minimum);
        }
    }
}

TEST_CASE("the pairs name muted text and the input frame in both themes") {
    for (Theme t : {Theme::dark, Theme::light}) {
        auto pairs = contrast_pairs(t);
        int muted = 0, frames = 0;
        for (const auto& p : pairs) {
            if (p.what.rfind("muted text on", 0) == 0) ++muted;
            if (p.what.rfind("the frame of an input on", 0) == 0) {
                ++frames;
                CHECK(p.minimum == 3.0);
            }
        }
        CHECK(muted == 3);
        CHECK(frames == 3);
    }
}
