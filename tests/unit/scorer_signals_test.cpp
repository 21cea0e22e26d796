// Each kind of signal the rubric reads, including negation and hedging.
#include <doctest/doctest.h>

#include "scorer_fixture.h"

using namespace impasse::test;

TEST_CASE("each principle is seen in a typical phrase and absent from a neutral one") {
    struct Case {
        const char* id;
        const char* text;
    } cases[] = {
        {"tentativeness", "I might be wrong, but does that fit for you?"},
        {"own_subjectivity", "My sense is that something shifted."},
        {"we_ness", "Can we look at what is happening between us?"},
        {"here_and_now", "Right now, as I said that, you went quiet."},
        {"concrete_specific", "When I mentioned the homework a minute ago, you looked away."},
        {"start_where_you_are", "I notice I'm feeling a bit stuck myself."},
        {"accept_responsibility", "I think I pushed too hard. That was my mistake."},
        {"explore_patient_experience", "What was that like for you?"},
        {"non_defensive", "It makes sense that you're frustrated with me. Tell me more."},
        {"awareness_over_change", "Let's just notice what happens, without needing to fix it."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.id);
        CHECK(principle(text_score(c.text), c.id) >= 0.5);
        CHECK(principle(text_score("The weather was grey on Tuesday."), c.id) == 0.0);
    }
}

TEST_CASE("each counter-marker is seen in a typical phrase") {
    struct Case {
        const char* id;
        const char* text;
    } cases[] = {
        {"defending", "I only suggested it because it usually helps."},
        {"blaming", "You're being resistant again."},
        {"premature_interpretation", "Maybe this is about your father and growing up with him."},
        {"placating", "Don't worry, everything will be fine."},
        {"ignoring_marker", "Anyway, let's get back to the worksheet."},
        {"directive", "You should try to write down your thoughts."},
        {"lecturing", "Let me explain: research shows the homework is designed to help."},
        {"generalizing", "You always do this. People like you often struggle."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.id);
        CHECK(counter(text_score(c.text), c.id) >= 0.5);
        CHECK(counter(text_score("What was that like for you?"), c.id) < 0.3);
    }
}

TEST_CASE("negation: denying a blame is not blaming") {
    CHECK(counter(text_score("You are wrong about this."), "blaming") >= 0.5);
    CHECK(counter(text_score("I'm not saying you're wrong."), "blaming") == 0.0);
    CHECK(counter(text_score("I'm not saying you're wrong, but you are being difficult."),
                  "blaming") >= 0.5);  // the scope ends at the clause
    CHECK(counter(text_score("You should rest."), "directive") >= 0.5);
    CHECK(counter(text_score("I'm not telling you that you should do anything."), "directive") ==
          0.0);
}

TEST_CASE("hedging softens a counter-marker but keeps it") {
    double plain = counter(text_score("You should try the exercise."), "directive");
    double hedged = counter(text_score("Maybe you should try the exercise."), "directive");
    CHECK(hedged > 0);
    CHECK(hedged < plain);
    CHECK(principle(text_score("Maybe you should try the exercise."), "tentativeness") > 0);
}

TEST_CASE("a look-ahead tells reassurance from validation") {
    CHECK(counter(text_score("It's okay."), "placating") >= 0.5);
    CHECK(counter(text_score("It's okay to be angry with me."), "placating") == 0.0);
    CHECK(strategy(text_score("It's okay to be angry with me."), "validate_defense") >= 0.5);
}

TEST_CASE("'but' after an apology reads as defending") {
    CHECK(counter(text_score("I'm sorry, but I was only doing my job."), "defending") >= 0.6);
    CHECK(counter(text_score("I'm sorry I rushed you."), "defending") == 0.0);
}

TEST_CASE("questions: an open question explores, a closed one less") {
    double open = principle(text_score("How are you finding this?"), "explore_patient_experience");
    double closed = principle(text_score("Are you okay?"), "explore_patient_experience");
    CHECK(open > closed);
}

TEST_CASE("echoing the patient's words counts toward concreteness") {
    impasse::Node line;
    line.say = "I just feel like a burden in here, like nothing I say is interesting.";
    impasse::Moment m = moment("withdrawal");
    m.node = &line;
    auto echo = scorer().score_text("A burden? Say more about feeling uninteresting.", m);
    auto none = scorer().score_text("Say more about that.", m);
    CHECK(principle(echo, "concrete_specific") > principle(none, "concrete_specific"));
    bool found = false;
    for (const auto& e : echo.evidence)
        found = found || (e.id == "concrete_specific" && e.text == "burden");
    CHECK(found);
}

TEST_CASE("long explanations read as lecturing") {
    std::string long_text;
    for (int i = 0; i < 30; ++i)
        long_text += "The homework matters for progress. ";
    CHECK(counter(text_score(long_text), "lecturing") > 0.4);
}

TEST_CASE("strategies: the likely strategy follows the move") {
    using impasse::RubricScorer;
    auto idx = [](const char* id) {
        return impasse::vocab::index_of(impasse::vocab::resolution_strategies(), id);
    };
    CHECK(RubricScorer::likely_strategy(text_score("I think I pushed you too hard there.")) ==
          idx("acknowledge_contribution"));
    CHECK(RubricScorer::likely_strategy(text_score(
              "It reminds me of how it was with your mother.")) == idx("link_pattern_life"));
    CHECK(RubricScorer::likely_strategy(text_score("How do you feel about working with me?")) ==
          idx("invite_discussion"));
    CHECK(RubricScorer::likely_strategy(text_score("The weather is grey.")) == -1);
}

TEST_CASE("an implied principle: owning your part counts as non-defensive, with the same words") {
    auto s = text_score("I think I pushed you too hard there.");
    CHECK(principle(s, "accept_responsibility") >= 0.5);
    CHECK(principle(s, "non_defensive") ==
          doctest::Approx(0.6 * principle(s, "accept_responsibility")));
    bool quoted = false;
    for (const auto& e : s.evidence)
        quoted = quoted || (e.id == "non_defensive" && e.text.find("pushed") != std::string::npos);
    CHECK(quoted);
}
