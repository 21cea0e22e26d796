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

}  // namespace impasse::utf8
