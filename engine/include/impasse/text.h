// Text analysis for the scorer: tokens with byte offsets, stems, sentences, clauses, negation
// scope and questions, for one English utterance.
//
// Mental model: `analyze()` turns a string into a flat list of tokens that all point back into
// the caller's bytes (start/end offsets), so every score can be traced to the trainee's words.
// Contractions are split into their parts with a normalised form ("I'm" -> "i" [I] + "am" ['m],
// "don't" -> "do" [do] + "not" [n't]); curly apostrophes count as apostrophes. Words are
// lower-cased (ASCII) and stemmed with Snowball English ("wondering" -> "wonder").
// Negation ("not", "n't", "never", "no", ...) reaches from the negator to the end of its clause
// (a comma, semicolon, colon, dash or "but" ends a clause): in "I'm not saying you're wrong,
// but..." the words "saying you're wrong" are `negated`.
//
// Ownership: an Analysis holds offsets, not views, and does not keep the text alive.
// Errors: none. Invalid UTF-8 bytes and control characters separate tokens and are counted in
// `invalid_bytes`; any input (empty, huge, binary) gives a valid, possibly empty, Analysis.
// Thread safety: all functions may be called from many threads at once (the Snowball stemmer,
// which is not thread-safe, is kept one per thread).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace impasse::text {

struct Token {
    size_t start = 0;      // byte offset into the analysed text, inclusive
    size_t end = 0;        // exclusive
    std::string norm;      // lower-cased normalised form: "i", "am", "not", "wonder", "?"
    std::string stem;      // Snowball stem of `norm` (words only; punctuation keeps `norm`)
    bool word = false;     // a word (letters/digits), not punctuation or a symbol
    bool negator = false;  // "not", "never", "no", ... (see LanguageRules)
    bool negated = false;  // inside the scope of an earlier negator in the same clause
    int sentence = 0;      // index into Analysis::sentences
    int clause = 0;        // running clause number across the text
};

struct Sentence {
    size_t first = 0;  // token index range [first, last)
    size_t last = 0;
    size_t start = 0;  // byte range of the sentence
    size_t end = 0;
    bool question = false;       // ends with '?' or opens like one ("do you", "what ...")
    bool open_question = false;  // a question opening with what/how/tell me/...
    size_t open_start = 0;       // byte offset where the open question begins
};

struct Analysis {
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    size_t word_count = 0;
    size_t invalid_bytes = 0;  // bytes that were not valid UTF-8 (skipped)
};

// Words that the analysis treats specially. The defaults are English; the rubric may replace
// them (assets/rubric.yaml, `language:`).
struct LanguageRules {
    std::vector<std::string> negators{"not",  "never",   "no",  "nothing", "nobody",
                                      "none", "neither", "nor", "cannot",  "nowhere"};
    std::vector<std::string> clause_breaks{"but", "although", "though", "however", "yet"};
    std::vector<std::string> question_openers{"do",   "does",   "did",   "are",   "is",   "was",
                                              "were", "can",    "could", "would", "will", "have",
                                              "has",  "should", "may",   "might", "what", "how",
                                              "why",  "when",   "where", "who",   "which"};
    std::vector<std::string> open_question_openers{"what", "how", "tell", "describe", "say"};
};

const LanguageRules& default_rules();

// Tokens only: the cheap pass (no stems, no scopes). The benchmark's floor.
std::vector<Token> tokenize(std::string_view text);

// Tokens, stems, sentences, clauses, negation and questions.
Analysis analyze(std::string_view text, const LanguageRules& rules = default_rules());

// Snowball English stem of a lower-case word ("wondering" -> "wonder").
std::string stem(std::string_view lower_word);

// True when `s` is entirely valid UTF-8.
bool valid_utf8(std::string_view s);

// Content-word stems of `s` (words of 4+ letters that are not in `stopwords`), for echo
// detection: which of the patient's words the trainee picked up.
std::vector<std::string> content_stems(std::string_view s,
                                       const std::vector<std::string>& stopwords);
// The same from an analysis already made of `s` with analyze() (no second tokenization).
std::vector<std::string> content_stems(const Analysis& a,
                                       const std::vector<std::string>& stopwords);

}  // namespace impasse::text
