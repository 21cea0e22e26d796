// The screens' wording helpers (app/gui/wording.h): plurals, one rounding for scores, and text
// shortened without splitting a UTF-8 character (issue 18, item 6).
#include <doctest/doctest.h>

#include "gui/wording.h"
#include "impasse/text.h"

using impasse::gui::count_of;
using impasse::gui::shorten;
using impasse::gui::whole_score;

TEST_CASE("counts take the right plural") {
    CHECK(count_of(1, "drill", "drills") == "1 drill");
    CHECK(count_of(0, "drill", "drills") == "0 drills");
    CHECK(count_of(2, "answer", "answers") == "2 answers");
}

TEST_CASE("a mean score rounds the same way on every screen") {
    CHECK(whole_score(72.5) == "73");  // printf's %.0f gives "72" here
    CHECK(whole_score(72.49) == "72");
    CHECK(whole_score(0) == "0");
}

TEST_CASE("shortened text ends on a word, never inside a character") {
    std::string text = "Grades have dropped from As to Cs since the fall; skipping first period";
    std::string s = shorten(text, 40);
    CHECK(s.size() <= 40 + 3);
    CHECK(s.rfind("\u2026") == s.size() - 3);
    CHECK(text.compare(0, s.size() - 3, s, 0, s.size() - 3) == 0);
    CHECK(text[s.size() - 3] == ' ');  // cut at a space
    // One long word of two-byte characters: the cut falls between characters.
    std::string wide;
    for (int i = 0; i < 60; ++i)
        wide += "\u00e9";
    std::string w = shorten(wide, 41);
    CHECK(impasse::text::valid_utf8(w));
    CHECK(w.size() == 40 + 3);
    CHECK(shorten("short", 90) == "short");
}
