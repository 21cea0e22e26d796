// The tokenizer: words, contractions, offsets, and any bytes at all.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "impasse/text.h"

using impasse::text::Token;
using impasse::text::tokenize;

namespace {

std::vector<std::string> norms(const std::vector<Token>& toks, bool words_only = true) {
    std::vector<std::string> out;
    for (const auto& t : toks)
        if (t.word || !words_only) out.push_back(t.norm);
    return out;
}

}  // namespace

TEST_CASE("contractions split into normalised words with their own offsets") {
    std::string s = "I'm sure you're right, but I don't think we can't talk. Let's see.";
    auto toks = tokenize(s);
    CHECK(norms(toks) == std::vector<std::string>{"i", "am", "sure", "you", "are", "right", "but",
                                                  "i", "do", "not", "think", "we", "can", "not",
                                                  "talk", "let", "us", "see"});
    CHECK(s.substr(toks[0].start, toks[0].end - toks[0].start) == "I");
    CHECK(s.substr(toks[1].start, toks[1].end - toks[1].start) == "'m");
    for (const auto& t : toks) {
        if (t.norm == "do") CHECK(s.substr(t.start, t.end - t.start) == "do");
        if (t.norm == "not" && s.substr(t.start, 1) == "n")
            CHECK(s.substr(t.start, t.end - t.start) == "n't");
    }
}

TEST_CASE("curly apostrophes and irregular negatives") {
    std::string s = "I don\xE2\x80\x99t know, I won't, I can't, I cannot.";
    CHECK(norms(tokenize(s)) == std::vector<std::string>{"i", "do", "not", "know", "i", "will",
                                                         "not", "i", "can", "not", "i", "can",
                                                         "not"});
    auto toks = tokenize(s);
    CHECK(s.substr(toks[2].start, toks[2].end - toks[2].start) == "n\xE2\x80\x99t");
}

TEST_CASE("possessive 's stays apart from the word; it's becomes it is") {
    CHECK(norms(tokenize("your father's house")) ==
          std::vector<std::string>{"your", "father", "house"});
    CHECK(norms(tokenize("It's what's happening")) ==
          std::vector<std::string>{"it", "is", "what", "is", "happening"});
}

TEST_CASE("punctuation runs are single tokens; question marks are normalised") {
    auto toks = tokenize("Really?! Well... fine.");
    CHECK(norms(toks, false) ==
          std::vector<std::string>{"really", "?", "well", "...", "fine", "."});
}

TEST_CASE("every token's offsets lie inside the text and on UTF-8 boundaries") {
    std::string s =
        "Caf\xC3\xA9 \xF0\x9F\x98\x80 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D bad\xFF\xFE"
        "byte "
        "\x01\x02"
        "tab\there \xE2\x80\x8F rtl";
    auto toks = tokenize(s);
    for (const auto& t : toks) {
        REQUIRE(t.start < t.end);
        REQUIRE(t.end <= s.size());
        CHECK(impasse::text::valid_utf8(s.substr(t.start, t.end - t.start)));
    }
    auto w = norms(toks);
    CHECK(w[0] == "caf\xC3\xA9");
    CHECK(w[1] == "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");  // Hebrew is a word
    CHECK(w[2] == "bad");
    CHECK(w[3] == "byte");
    CHECK(w[4] == "tab");
}

TEST_CASE("invalid UTF-8 is detected and skipped") {
    CHECK(impasse::text::valid_utf8("plain and \xC3\xA9"));
    CHECK_FALSE(impasse::text::valid_utf8("\xC0\xAF"));      // overlong
    CHECK_FALSE(impasse::text::valid_utf8("\xED\xA0\x80"));  // surrogate
    CHECK_FALSE(impasse::text::valid_utf8("cut \xE2\x80"));  // truncated
    auto a = impasse::text::analyze("ok \xFF\xFF ok");
    CHECK(a.invalid_bytes == 2);
    CHECK(a.word_count == 2);
}

TEST_CASE("empty and blank input give no tokens") {
    CHECK(tokenize("").empty());
    CHECK(tokenize(" \n\t ").empty());
    auto a = impasse::text::analyze("");
    CHECK(a.tokens.empty());
    CHECK(a.sentences.empty());
}
