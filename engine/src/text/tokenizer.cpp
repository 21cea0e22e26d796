// The tokenizer: UTF-8 decoding, word/punctuation classes and English contractions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "impasse/text.h"
#include "text/utf8.h"

namespace impasse::text {
namespace {

bool ascii_word(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Letters of other scripts (Latin extensions, Greek, Cyrillic, Hebrew, Arabic, Indic, CJK,
// Hangul...) are word characters; general punctuation, symbols and emoji are not.
bool wide_word(uint32_t cp) {
    if (cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0xC0 && cp < 0x2000) return true;
    if (cp >= 0x3040 && cp < 0xA000) return true;
    if (cp >= 0xAC00 && cp < 0xD7B0) return true;
    if (cp >= 0xF900 && cp < 0xFB00) return true;
    if (cp >= 0xFB00 && cp < 0xFE00) return true;  // presentation forms (Hebrew, Arabic)
    return false;
}

bool is_space(uint32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060 || cp == 0x3000 ||
           cp == 0xFEFF || (cp >= 0x2066 && cp <= 0x2069);
}

bool is_control(uint32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

bool is_apostrophe(uint32_t cp) {
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

std::string lower_ascii(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    return out;
}

bool in(std::string_view w, std::initializer_list<std::string_view> list) {
    for (auto x : list)
        if (x == w) return true;
    return false;
}

void push(std::vector<Token>& out, size_t start, size_t end, std::string norm, bool word) {
    Token t;
    t.start = start;
    t.end = end;
    t.norm = std::move(norm);
    t.word = word;
    out.push_back(std::move(t));
}

// One word as written, from `start` to `end`; `apos` is the byte offset of its last apostrophe
// (npos when none) and `apos_len` that apostrophe's length in bytes (1 or 3).
void push_word(std::vector<Token>& out, std::string_view text, size_t start, size_t end,
               size_t apos, size_t apos_len) {
    if (apos == std::string_view::npos) {
        std::string lower = lower_ascii(text.substr(start, end - start));
        if (lower == "cannot") {  // "cannot" = "can" + "not"
            push(out, start, start + 3, "can", true);
            push(out, start + 3, end, "not", true);
            return;
        }
        push(out, start, end, std::move(lower), true);
        return;
    }
    std::string base = lower_ascii(text.substr(start, apos - start));
    std::string suffix = lower_ascii(text.substr(apos + apos_len, end - apos - apos_len));
    if (suffix == "t" && base.size() >= 2 && base.back() == 'n') {  // n't
        base.pop_back();
        std::string b = base == "ca"    ? "can"
                        : base == "wo"  ? "will"
                        : base == "sha" ? "shall"
                        : base == "ai"  ? "is"
                                        : base;
        push(out, start, apos - 1, std::move(b), true);
        push(out, apos - 1, end, "not", true);
        return;
    }
    const char* expanded = nullptr;
    if (suffix == "m")
        expanded = "am";
    else if (suffix == "re")
        expanded = "are";
    else if (suffix == "ve")
        expanded = "have";
    else if (suffix == "ll")
        expanded = "will";
    else if (suffix == "d")
        expanded = "would";
    else if (suffix == "s") {
        if (base == "let")
            expanded = "us";
        else if (in(base, {"it", "that", "what", "he", "she", "there", "here", "who", "where",
                           "how", "this", "everything", "nothing", "something", "someone"}))
            expanded = "is";
    }
    if (expanded && !base.empty()) {
        push(out, start, apos, std::move(base), true);
        push(out, apos, end, expanded, true);
        return;
    }
    if (suffix == "s" && !base.empty()) {  // possessive: the word, then a non-word "'s"
        push(out, start, apos, std::move(base), true);
        push(out, apos, end, "'s", false);
        return;
    }
    // o'clock, y'all: one word, apostrophe normalised.
    push(out, start, end, base + "'" + suffix, true);
}

}  // namespace

std::vector<Token> tokenize_counting(std::string_view text, size_t* invalid) {
    std::vector<Token> out;
    out.reserve(text.size() / 4 + 1);
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        Utf8 u = decode_utf8(text, i);
        if (u.len == 0) {  // invalid byte: a separator
            ++i;
            if (invalid) ++*invalid;
            continue;
        }
        uint32_t cp = u.cp;
        bool wordish = (cp < 0x80) ? ascii_word(static_cast<unsigned char>(cp)) : wide_word(cp);
        if (wordish) {
            size_t start = i;
            size_t apos = std::string_view::npos;
            size_t apos_len = 0;
            i += u.len;
            while (i < n) {
                Utf8 v = decode_utf8(text, i);
                if (v.len == 0) break;
                bool w = (v.cp < 0x80) ? ascii_word(static_cast<unsigned char>(v.cp))
                                       : (wide_word(v.cp) || (v.cp >= 0x300 && v.cp < 0x370));
                if (w) {
                    i += v.len;
                    continue;
                }
                if (is_apostrophe(v.cp) && i + v.len < n) {  // inside a word only
                    Utf8 next = decode_utf8(text, i + v.len);
                    bool nw = next.len > 0 &&
                              (next.cp < 0x80 ? ascii_word(static_cast<unsigned char>(next.cp))
                                              : wide_word(next.cp));
                    if (nw) {
                        apos = i;
                        apos_len = v.len;
                        i += v.len;
                        continue;
                    }
                }
                break;
            }
            push_word(out, text, start, i, apos, apos_len);
            continue;
        }
        if (is_space(cp) || is_control(cp)) {
            i += u.len;
            continue;
        }
        // Punctuation and symbols. Runs of . ! ? are one token ("...", "?!").
        if (cp == '.' || cp == '!' || cp == '?') {
            size_t start = i;
            bool q = false;
            size_t dots = 0;
            while (i < n && (text[i] == '.' || text[i] == '!' || text[i] == '?')) {
                q = q || text[i] == '?';
                dots += text[i] == '.';
                ++i;
            }
            std::string norm = q ? "?" : (dots >= 2 ? "..." : std::string(1, text[i - 1]));
            push(out, start, i, std::move(norm), false);
            continue;
        }
        std::string norm(text.substr(i, u.len));
        if (cp == 0x2026) norm = "...";
        if (cp == 0x2014 || cp == 0x2013) norm = "-";
        if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB) norm = "\"";
        if (is_apostrophe(cp)) norm = "'";
        if (cp == 0xFF1F || cp == 0x061F) norm = "?";  // fullwidth and Arabic question marks
        push(out, i, i + u.len, std::move(norm), false);
        i += u.len;
    }
    return out;
}

std::vector<Token> tokenize(std::string_view text) {
    return tokenize_counting(text, nullptr);
}

bool valid_utf8(std::string_view s) {
    return utf8::valid(s);
}

}  // namespace impasse::text
