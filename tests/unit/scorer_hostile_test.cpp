// Hostile input: correct output, never a crash.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "scorer_fixture.h"

using namespace impasse::test;

namespace {

void sane(const std::string& text, const impasse::Score& s) {
    CHECK(s.overall >= 0);
    CHECK(s.overall <= 100);
    for (double v : s.principles)
        CHECK((v >= 0 && v <= 1));
    for (double v : s.counter_markers)
        CHECK((v >= 0 && v <= 1));
    for (const auto& e : s.evidence) {
        REQUIRE(e.end <= text.size());
        CHECK(text.substr(e.start, e.end - e.start) == e.text);
    }
}

}  // namespace

TEST_CASE("empty and blank text score zero with no evidence") {
    for (const char* t : {"", "   ", "\n\n", "?!...", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80"}) {
        auto s = text_score(t, "withdrawal");
        CHECK(s.overall == 0);
        CHECK(s.evidence.empty());
        auto fb = scorer().feedback(s, t, moment("withdrawal"), nullptr);
        CHECK(!fb.summary.empty());
    }
}

TEST_CASE("a megabyte of text is scored, with bounded evidence") {
    std::string big;
    while (big.size() < (1u << 20))
        big += "I wonder what that was like for you, right now? You should relax. ";
    auto s = text_score(big, "confrontation");
    sane(big, s);
    CHECK(s.evidence.size() < 400);
    CHECK(principle(s, "tentativeness") > 0.5);
    std::string one_word(1u << 20, 'a');  // a single megabyte-long "word"
    sane(one_word, text_score(one_word));
}

const char kControl[] = "tell\x00me\x01more\x7F about\x1B[31m that";

TEST_CASE("invalid UTF-8, control characters, emoji and right-to-left text") {
    std::string cases[] = {
        std::string("I wonder \xFF\xFE\xC0 what \xED\xA0\x80 happened just now?"),
        std::string(kControl, sizeof kControl - 1),
        "\xF0\x9F\x98\xA0\xF0\x9F\x98\xA0 You always do this \xF0\x9F\x99\x84",
        "\xE2\x80\x8F\xD7\x90\xD7\xA0\xD7\x99 \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 I notice I "
        "feel stuck",
        std::string(5000, '\xFF'),
        std::string(10000, '?'),
        std::string(3000, '(') + " you should " + std::string(3000, ')'),
    };
    for (const auto& t : cases) {
        auto s = text_score(t, "withdrawal");
        sane(t, s);
        auto fb = scorer().feedback(s, t, moment("withdrawal"), nullptr);
        CHECK(!fb.summary.empty());
    }
    CHECK(principle(text_score(cases[0]), "here_and_now") > 0);
    CHECK(counter(text_score(cases[2]), "generalizing") > 0);
    CHECK(principle(text_score(cases[3]), "start_where_you_are") > 0);
}

TEST_CASE("random bytes and random word salad never break the scorer") {
    std::mt19937 rng(7);
    const char* words[] = {
        "I",   "you",   "not", "wonder", "'",      "\xE2\x80\x99",     "?",    ",",
        "...", "right", "now", "n't",    "should", "\xF0\x9F\x98\x80", "\xFF", "but"};
    for (int round = 0; round < 300; ++round) {
        std::string t;
        size_t n = rng() % 400;
        if (round % 2) {
            for (size_t i = 0; i < n; ++i)
                t.push_back(static_cast<char>(rng() & 0xFF));
        } else {
            for (size_t i = 0; i < n / 4; ++i) {
                t += words[rng() % (sizeof words / sizeof words[0])];
                if (rng() % 2) t += ' ';
            }
        }
        auto s = text_score(t, round % 3 ? "withdrawal" : "confrontation");
        sane(t, s);
        scorer().feedback(s, t, moment("withdrawal"), nullptr);
    }
}
