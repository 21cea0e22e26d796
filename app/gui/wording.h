// Words and numbers as the screens show them, in one place so every screen agrees: counts with
// the right plural, a score rounded the same way everywhere, and text shortened on a word (and
// so a UTF-8 character) boundary.
#pragma once

#include <string>

namespace impasse::gui {

// "1 drill", "3 drills".
std::string count_of(long n, const char* one, const char* many);

// A 0..100 score as a whole number, rounded half away from zero (72.5 -> "73").
std::string whole_score(double score);

// `text` cut to at most `max_bytes` bytes at the last space (or, with no space, at a UTF-8
// character boundary), with "…" when it was cut. Never splits a character.
std::string shorten(const std::string& text, size_t max_bytes);

}  // namespace impasse::gui
