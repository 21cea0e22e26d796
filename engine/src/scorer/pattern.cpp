// The rubric's small phrase-pattern language, compiled into PatternElem lists.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "impasse/rubric.h"
#include "impasse/text.h"
#include "impasse/utf8.h"

namespace impasse {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i <= s.size()) {
        size_t j = s.find(sep, i);
        if (j == std::string_view::npos) j = s.size();
        out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
            ++i;
        size_t j = i;
        while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])))
            ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

bool plain_word_char(unsigned char c) {
    return std::isalnum(c) || c >= 0x80;
}

// One alternative: "=form", "prefix*", "@class" or a word (stem match). A word may contain an
// apostrophe only when it stands alone (a contraction becomes several words).
std::string parse_alt(std::string_view alt,
                      const std::map<std::string, std::vector<PatternElem::Alt>>& classes,
                      std::vector<PatternElem::Alt>* out) {
    if (alt.empty()) return "empty alternative (two '|' in a row?)";
    if (alt[0] == '@') {
        auto it = classes.find(std::string(alt.substr(1)));
        if (it == classes.end()) return "unknown word class '" + std::string(alt) + "'";
        out->insert(out->end(), it->second.begin(), it->second.end());
        return "";
    }
    PatternElem::Alt a;
    std::string_view body = alt;
    if (body[0] == '=') {
        a.match = PatternElem::Match::exact;
        body.remove_prefix(1);
    } else if (body.back() == '*') {
        a.match = PatternElem::Match::prefix;
        body.remove_suffix(1);
    }
    if (body.empty()) return "'" + std::string(alt) + "' has no letters";
    for (size_t i = 0; i < body.size(); ++i)
        if (!plain_word_char(static_cast<unsigned char>(body[i]))) {
            size_t len = std::max<size_t>(1, utf8::decode(body, i).len);  // the whole character
            return "'" + std::string(alt) + "' has a character patterns do not use ('" +
                   utf8::repaired(body.substr(i, len)) +
                   "'); write words, '|', '...', '^', '!' or '@class'";
        }
    std::string lower;
    for (char c : body)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    a.value = a.match == PatternElem::Match::stem ? text::stem(lower) : lower;
    out->push_back(std::move(a));
    return "";
}

}  // namespace

std::string compile_pattern(std::string_view source,
                            const std::map<std::string, std::vector<PatternElem::Alt>>& classes,
                            std::vector<PatternElem>* out) {
    out->clear();
    auto pieces = words_of(source);
    if (pieces.empty()) return "the pattern is empty";
    for (size_t pi = 0; pi < pieces.size(); ++pi) {
        std::string_view piece = pieces[pi];
        PatternElem e;
        if (piece == "^") {
            if (pi != 0) return "'^' (start of a sentence) must come first";
            e.kind = PatternElem::Kind::sentence_start;
            out->push_back(std::move(e));
            continue;
        }
        if (piece.substr(0, 3) == "..." || piece.substr(0, 3) == "\xE2\x80\xA6") {
            size_t skip = piece[0] == '.' ? 3 : 3;
            std::string_view num = piece.substr(skip);
            int gap = 3;
            if (!num.empty()) {
                gap = 0;
                for (char c : num) {
                    if (!std::isdigit(static_cast<unsigned char>(c)))
                        return "a gap is '...' or '...N' (N up to 9), not '" + std::string(piece) +
                               "'";
                    gap = gap * 10 + (c - '0');
                    if (gap > 9) return "a gap may span at most 9 words ('...9')";
                }
            }
            if (out->empty() || (out->back().kind != PatternElem::Kind::word &&
                                 out->back().kind != PatternElem::Kind::not_next))
                return "a gap '...' must stand between two words";
            e.kind = PatternElem::Kind::gap;
            e.max_gap = gap;
            out->push_back(std::move(e));
            continue;
        }
        bool negative = piece[0] == '!';
        if (negative) {
            piece.remove_prefix(1);
            if (out->empty() || out->back().kind != PatternElem::Kind::word)
                return "a look-ahead '!word' must follow a word";
        }
        if (piece.find('\'') != std::string_view::npos ||
            piece.find("\xE2\x80\x99") != std::string_view::npos) {
            // A contraction: as many words as the tokenizer makes of it.
            if (negative || piece.find('|') != std::string_view::npos)
                return "'" + std::string(piece) +
                       "': write contractions out in full inside '|' or '!' (\"do not\")";
            auto toks = text::tokenize(piece);
            for (const auto& t : toks) {
                if (!t.word) continue;
                PatternElem w;
                w.alts.push_back({PatternElem::Match::stem, text::stem(t.norm)});
                out->push_back(std::move(w));
            }
            continue;
        }
        e.kind = negative ? PatternElem::Kind::not_next : PatternElem::Kind::word;
        for (auto alt : split(piece, '|')) {
            std::string err = parse_alt(alt, classes, &e.alts);
            if (!err.empty()) return err;
        }
        out->push_back(std::move(e));
    }
    if (out->back().kind == PatternElem::Kind::gap) return "a pattern may not end with a gap";
    bool has_word = false;
    for (const auto& e : *out)
        has_word = has_word || e.kind == PatternElem::Kind::word;
    if (!has_word) return "the pattern has no word to match";
    return "";
}

}  // namespace impasse
