// Sentences, clauses, negation scope, questions and stems over the tokenizer's output.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "impasse/text.h"
#include "text/utf8.h"

namespace impasse::text {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

bool ends_sentence(const Token& t) {
    return !t.word && (t.norm == "." || t.norm == "!" || t.norm == "?");
}

bool breaks_clause(const Token& t) {
    if (t.word) return false;
    static const std::unordered_set<std::string> breaks{",",  ";",   ":", "-", "(", ")",
                                                        "\"", "...", "/", "[", "]"};
    return breaks.count(t.norm) > 0;
}

bool is_pronoun(std::string_view w) {
    static const std::unordered_set<std::string_view> p{
        "you", "i",   "we",    "it",       "that",      "this", "they",
        "he",  "she", "there", "anything", "something", "your", "my"};
    return p.count(w) > 0;
}

bool is_aux(std::string_view w) {
    static const std::unordered_set<std::string_view> a{
        "is",    "was",  "are",  "were",  "do",     "does",  "did",   "can",      "could",
        "would", "will", "have", "has",   "should", "might", "may",   "happened", "made",
        "came",  "goes", "went", "feels", "felt",   "makes", "comes", "happens"};
    return a.count(w) > 0;
}

void mark_question(const std::vector<Token>& toks, Sentence& s, const LanguageRules& rules) {
    // The last non-word token of the sentence says it outright.
    for (size_t i = s.last; i > s.first; --i) {
        const Token& t = toks[i - 1];
        if (t.word) break;
        if (t.norm == "?") s.question = true;
    }
    // Skip discourse openers ("so", "and", "okay, ...").
    static const std::unordered_set<std::string_view> skip{"so", "and", "but",  "well", "okay",
                                                           "ok", "now", "then", "just", "oh"};
    size_t i = s.first;
    while (i < s.last && (!toks[i].word || skip.count(toks[i].norm)))
        ++i;
    if (i >= s.last) return;
    s.open_start = toks[i].start;
    const std::string& first = toks[i].norm;
    size_t j = i + 1;
    while (j < s.last && !toks[j].word)
        ++j;
    std::string_view second = j < s.last ? std::string_view(toks[j].norm) : std::string_view();
    if (contains(rules.open_question_openers, first)) {
        if (first == "tell" || first == "describe" || first == "say")
            s.open_question = second == "me" || second == "us";
        else
            s.open_question = s.question || is_aux(second) || second == "about" || second == "else";
    }
    if (!s.question && contains(rules.question_openers, first)) {
        bool wh = first == "what" || first == "how" || first == "why" || first == "when" ||
                  first == "where" || first == "who" || first == "which";
        s.question = wh ? is_aux(second) : is_pronoun(second);
    }
    if (s.open_question && (first == "what" || first == "how")) s.question = true;
    // Later in the sentence: "..., and what was that like?", "Can you tell me more?"
    for (size_t k = i; k < s.last && !s.open_question; ++k) {
        if (!toks[k].word) continue;
        size_t n = k + 1;
        while (n < s.last && !toks[n].word)
            ++n;
        if (n >= s.last) break;
        const std::string& w = toks[k].norm;
        const std::string& next = toks[n].norm;
        if (((w == "tell" && (next == "me" || next == "us")) || (w == "say" && next == "more")) ||
            (s.question && (w == "what" || w == "how") && (is_aux(next) || is_pronoun(next)))) {
            s.open_question = true;
            s.open_start = toks[k].start;
        }
    }
}

}  // namespace

const LanguageRules& default_rules() {
    static const LanguageRules r;
    return r;
}

namespace {

// A first-letter filter over a word list: most words are rejected without a string compare.
struct WordSet {
    const std::vector<std::string>& list;
    bool first[256] = {};
    explicit WordSet(const std::vector<std::string>& l) : list(l) {
        for (const auto& w : l)
            if (!w.empty()) first[static_cast<unsigned char>(w[0])] = true;
    }
    bool has(const std::string& w) const {
        return !w.empty() && first[static_cast<unsigned char>(w[0])] && contains(list, w);
    }
};

}  // namespace

Analysis analyze_impl(std::string_view text, const LanguageRules& rules, bool with_stems) {
    Analysis a;
    const WordSet negators(rules.negators), breaks(rules.clause_breaks);
    a.tokens = tokenize_counting(text, &a.invalid_bytes);
    auto& toks = a.tokens;

    // Sentences: a run of tokens closed by . ! ? (an ellipsis does not close one).
    size_t first = 0;
    for (size_t i = 0; i < toks.size(); ++i) {
        bool close = ends_sentence(toks[i]);
        // A sentence also closes at a line break between two tokens.
        if (!close && i + 1 < toks.size()) {
            std::string_view gap = text.substr(toks[i].end, toks[i + 1].start - toks[i].end);
            close = gap.find('\n') != std::string_view::npos;
        }
        if (close || i + 1 == toks.size()) {
            Sentence s;
            s.first = first;
            s.last = i + 1;
            a.sentences.push_back(s);
            first = i + 1;
        }
    }

    int clause = 0;
    for (size_t si = 0; si < a.sentences.size(); ++si) {
        Sentence& s = a.sentences[si];
        s.start = toks[s.first].start;
        s.end = toks[s.last - 1].end;
        bool in_scope = false;
        for (size_t i = s.first; i < s.last; ++i) {
            Token& t = toks[i];
            t.sentence = static_cast<int>(si);
            bool brk = breaks_clause(t) || (t.word && breaks.has(t.norm));
            if (brk && i > s.first) {
                ++clause;
                in_scope = false;
            }
            t.clause = clause;
            if (t.word) {
                ++a.word_count;
                if (with_stems) t.stem = stem(t.norm);
                t.negated = in_scope;
                if (negators.has(t.norm)) {
                    t.negator = true;
                    in_scope = true;
                }
            } else {
                t.stem = t.norm;
            }
        }
        mark_question(toks, s, rules);
        ++clause;
    }
    return a;
}

Analysis analyze(std::string_view text, const LanguageRules& rules) {
    return analyze_impl(text, rules, true);
}

std::vector<std::string> content_stems(std::string_view s,
                                       const std::vector<std::string>& stopwords) {
    std::vector<std::string> out;
    for (const Token& t : tokenize(s)) {
        if (!t.word || t.norm.size() < 4 || contains(stopwords, t.norm)) continue;
        std::string st = stem(t.norm);
        if (std::find(out.begin(), out.end(), st) == out.end()) out.push_back(std::move(st));
    }
    return out;
}

std::vector<std::string> content_stems(const Analysis& a,
                                       const std::vector<std::string>& stopwords) {
    std::vector<std::string> out;
    for (const Token& t : a.tokens) {
        if (!t.word || t.norm.size() < 4 || contains(stopwords, t.norm)) continue;
        if (std::find(out.begin(), out.end(), t.stem) == out.end()) out.push_back(t.stem);
    }
    return out;
}

}  // namespace impasse::text
