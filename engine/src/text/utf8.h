// Strict UTF-8 decoding (no overlongs, no surrogates, nothing above U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "impasse/text.h"

namespace impasse::text {

struct Utf8 {
    uint32_t cp = 0;
    size_t len = 0;  // 0: the byte at the position is not the start of a valid sequence
};

inline Utf8 decode_utf8(std::string_view s, size_t i) {
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

// The tokenizer, also counting invalid bytes into `*invalid` when given.
std::vector<Token> tokenize_counting(std::string_view text, size_t* invalid);

// analyze(), leaving Token::stem empty when `with_stems` is false (for callers that cache stems
// per word form themselves).
Analysis analyze_impl(std::string_view text, const LanguageRules& rules, bool with_stems);

}  // namespace impasse::text
