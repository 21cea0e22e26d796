#include "impasse/utf8.h"

namespace impasse::utf8 {

size_t first_invalid(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t len = decode(s, i).len;
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string repaired(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t len = decode(s, i).len;
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.data() + i, len);
            i += len;
        }
    }
    return out;
}

std::string_view cut(std::string_view s, size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    size_t end = max_bytes;
    // Step back over continuation bytes to the start of the character that crosses the cut.
    size_t back = 0;
    while (end > 0 && back < 3 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
        --end;
        ++back;
    }
    if (back == 0) return s.substr(0, max_bytes);  // s[max_bytes] starts a character
    // s[end] is the lead byte of the crossing character, if valid: drop it.
    if (decode(s, end).len > back) return s.substr(0, end);
    return s.substr(0, max_bytes);  // stray continuation bytes: nothing to keep whole
}

namespace {

// The length of the blank character at the start of `s` (0 when there is none).
size_t blank_at(std::string_view s) {
    if (s.empty()) return 0;
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v')
        return 1;
    static const std::string_view blanks[] = {
        "\xC2\xA0",     "\xE1\x9A\x80", "\xE1\xA0\x8E", "\xE2\x80\x8B", "\xE2\x80\x8C",
        "\xE2\x80\x8D", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F",
        "\xE2\x81\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"};
    for (std::string_view b : blanks)
        if (s.substr(0, b.size()) == b) return b.size();
    // U+2000..U+200A: E2 80 80..8A
    if (s.size() >= 3 && s[0] == '\xE2' && s[1] == '\x80' &&
        static_cast<unsigned char>(s[2]) >= 0x80 && static_cast<unsigned char>(s[2]) <= 0x8A)
        return 3;
    return 0;
}

}  // namespace

bool blank(std::string_view s) {
    while (!s.empty()) {
        size_t n = blank_at(s);
        if (n == 0) return false;
        s.remove_prefix(n);
    }
    return true;
}

}  // namespace impasse::utf8
