#include "gui/wording.h"

#include <cmath>

namespace impasse::gui {

std::string count_of(long n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string whole_score(double score) {
    return std::to_string(std::lround(score));
}

std::string shorten(const std::string& text, size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    size_t cut = max_bytes;
    // Back to a character boundary (not inside a UTF-8 continuation byte).
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    size_t space = text.rfind(' ', cut);
    if (space != std::string::npos && space > max_bytes / 2) cut = space;
    std::string out = text.substr(0, cut);
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';'))
        out.pop_back();
    return out + "\u2026";
}

}  // namespace impasse::gui
