// Evidence spans point at the trainee's own bytes, for every non-zero score.
#include <doctest/doctest.h>

#include <string>

#include "scorer_fixture.h"

using namespace impasse::test;

namespace {

void check_evidence(const std::string& text, const impasse::Score& s) {
    for (const auto& e : s.evidence) {
        CAPTURE(e.id);
        REQUIRE(e.start < e.end);
        REQUIRE(e.end <= text.size());
        CHECK(text.substr(e.start, e.end - e.start) == e.text);
    }
    auto has = [&](const char* kind, std::string_view id) {
        for (const auto& e : s.evidence)
            if (e.kind == kind && e.id == id) return true;
        return false;
    };
    using namespace impasse::vocab;
    for (size_t i = 0; i < principles().size(); ++i)
        if (s.principles[i] > 0)
            CHECK_MESSAGE(has("principle", principles()[i].id), principles()[i].id);
    for (size_t i = 0; i < counter_markers().size(); ++i)
        if (s.counter_markers[i] > 0)
            CHECK_MESSAGE(has("counter_marker", counter_markers()[i].id), counter_markers()[i].id);
    for (size_t i = 0; i < resolution_strategies().size(); ++i)
        if (s.strategies[i] > 0)
            CHECK_MESSAGE(has("strategy", resolution_strategies()[i].id),
                          resolution_strategies()[i].id);
}

}  // namespace

TEST_CASE("evidence offsets select exactly the quoted words") {
    const char* texts[] = {
        "I wonder if, when I mentioned the homework just now, it felt like I was pushing you.",
        "Don\xE2\x80\x99t worry \xE2\x80\x94 you\xE2\x80\x99re doing great! \xF0\x9F\x98\x8A",
        "I only said it because you always avoid the worksheet. You should try harder.",
        "My sense is we're caught in something together right now. What's that like for you?",
        "  Leading spaces.\n\nAnd a new paragraph: tell me more?  ",
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D I hear you are angry with me "
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
    };
    for (const char* t : texts) {
        CAPTURE(t);
        for (const char* rt : {"", "withdrawal", "confrontation"}) {
            auto s = text_score(t, rt);
            check_evidence(t, s);
        }
    }
}

TEST_CASE("evidence for an authored option points into its text too") {
    impasse::Response r;
    r.text = "I hear that I pushed you. Tell me more about how that landed.";
    r.ratings = {{"accept_responsibility", 2}, {"we_ness", 1}, {"here_and_now", 0}};
    r.counter_markers = {"placating"};
    r.strategy = "acknowledge_contribution";
    auto s = scorer().score_option(r, moment("confrontation"));
    check_evidence(r.text, s);
    CHECK(principle(s, "accept_responsibility") == 1.0);
    CHECK(principle(s, "we_ness") == 0.5);
    CHECK(principle(s, "here_and_now") == 0.0);
    CHECK(counter(s, "placating") == 1.0);
    CHECK(strategy(s, "acknowledge_contribution") == 1.0);
}

TEST_CASE("evidence quotes whole written words, not the halves of a contraction") {
    std::string t = "Let's slow down. I don\xE2\x80\x99t want to rush you, I'm stuck too.";
    auto s = text_score(t, "withdrawal");
    check_evidence(t, s);
    for (const auto& e : s.evidence) {
        CAPTURE(e.text);
        CHECK(e.text.rfind("'", 0) != 0);  // never starts inside a word
        CHECK(e.text.rfind("n\xE2\x80\x99t", 0) != 0);
        bool starts_word = e.start == 0 || t[e.start - 1] == ' ';
        CHECK(starts_word);
    }
}
