// The one UTF-8 decoder. Every text that comes from outside (scenario and rubric files,
// transcripts, `score --jsonl` lines, rows of the record, HTTP bodies, typed answers) is checked
// with it before it is used, and every message that quotes outside text is cut with cut().
//
// Strict (RFC 3629): overlong sequences (C0 AF, E0 80 AF), UTF-16 surrogates (ED A0 80), code
// points above U+10FFFF (F4 90 80 80) and truncated sequences are all invalid. nlohmann::json
// refuses to write any of them, so text that passes valid() can always be written as JSON.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace impasse::utf8 {

struct Decoded {
    uint32_t cp = 0;  // the code point
    size_t len = 0;   // its length in bytes; 0: s[i] does not start a valid sequence
};

// The code point starting at byte `i` of `s` (i < s.size()).
inline Decoded decode(std::string_view s, size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    const size_t left = s.size() - i;
    unsigned char c = p[0];
    if (c < 0x80) return {c, 1};
    auto cont = [&](size_t k) { return k < left && (p[k] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) {
        if (!cont(1)) return {};
        return {static_cast<uint32_t>((c & 0x1F) << 6 | (p[1] & 0x3F)), 2};
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return {};
        uint32_t cp = static_cast<uint32_t>((c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
        return {cp, 3};
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return {};
        uint32_t cp = static_cast<uint32_t>((c & 0x07) << 18 | (p[1] & 0x3F) << 12 |
                                            (p[2] & 0x3F) << 6 | (p[3] & 0x3F));
        if (cp < 0x10000 || cp > 0x10FFFF) return {};
        return {cp, 4};
    }
    return {};
}

// Byte offset of the first byte that does not start a valid sequence, or npos.
size_t first_invalid(std::string_view s);

// True when all of `s` is valid UTF-8.
inline bool valid(std::string_view s) {
    return first_invalid(s) == std::string_view::npos;
}

// `s` with every invalid byte replaced by U+FFFD: always valid.
std::string repaired(std::string_view s);

// The longest prefix of `s` that is at most `max_bytes` long and does not end inside a
// multi-byte character. Only a cut character is dropped; invalid bytes before it are kept
// (repair them separately if needed).
std::string_view cut(std::string_view s, size_t max_bytes);

// True when `s` is made only of blanks, visible or not: ASCII whitespace, the Unicode spaces
// (U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) and the invisible
// ones (U+180E, U+200B-U+200D, U+2060, U+FEFF, the BOM). An empty `s` is blank. An answer that
// is blank says nothing, however many bytes it has.
bool blank(std::string_view s);

}  // namespace impasse::utf8
