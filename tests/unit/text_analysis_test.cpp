// Sentences, stems, negation scope and questions.
#include <doctest/doctest.h>

#include <string>

#include "impasse/text.h"

using impasse::text::analyze;

namespace {

const impasse::text::Token& find(const impasse::text::Analysis& a, const std::string& norm,
                                 int nth = 0) {
    for (const auto& t : a.tokens)
        if (t.norm == norm && nth-- == 0) return t;
    FAIL("no token " << norm);
    return a.tokens.front();
}

}  // namespace

TEST_CASE("Snowball stems") {
    CHECK(impasse::text::stem("wondering") == "wonder");
    CHECK(impasse::text::stem("wondered") == "wonder");
    CHECK(impasse::text::stem("noticing") == impasse::text::stem("notice"));
}

TEST_CASE("sentences split at . ! ? and line breaks, not at an ellipsis") {
    auto a = analyze("I hear you. Do you... want to stop? Okay!\nNew line");
    REQUIRE(a.sentences.size() == 4);
    CHECK(a.sentences[1].question);
    CHECK_FALSE(a.sentences[0].question);
    CHECK(a.sentences[3].start ==
          std::string("I hear you. Do you... want to stop? Okay!\n").size());
}

TEST_CASE("negation reaches to the end of its clause") {
    auto a = analyze("I'm not saying you're wrong, but you seem upset.");
    CHECK(find(a, "not").negator);
    CHECK(find(a, "saying").negated);
    CHECK(find(a, "wrong").negated);
    CHECK_FALSE(find(a, "seem").negated);  // the comma and "but" close the scope
    CHECK_FALSE(find(a, "i").negated);
}

TEST_CASE("never and no negate too; 'but' ends the scope without a comma") {
    auto a = analyze("I never meant to blame you but I did push.");
    CHECK(find(a, "blame").negated);
    CHECK_FALSE(find(a, "push").negated);
    auto b = analyze("No one is blaming you.");
    CHECK(find(b, "blaming").negated);
}

TEST_CASE("questions without a question mark, and open questions") {
    auto a = analyze(
        "Do you feel angry with me. What was that like for you. Tell me more. "
        "What I mean is this.");
    REQUIRE(a.sentences.size() == 4);
    CHECK(a.sentences[0].question);
    CHECK_FALSE(a.sentences[0].open_question);
    CHECK(a.sentences[1].question);
    CHECK(a.sentences[1].open_question);
    CHECK(a.sentences[2].open_question);
    CHECK_FALSE(a.sentences[3].question);
}

TEST_CASE("content stems leave out short and stop words") {
    auto st =
        impasse::text::content_stems("I just feel so stupid about the homework", {"just", "about"});
    CHECK(st == std::vector<std::string>{"feel", "stupid", "homework"});
}
