// Authored options, feedback and routing.
#include <doctest/doctest.h>

#include <string>

#include "impasse/rubric_scorer.h"
#include "scorer_fixture.h"

using namespace impasse::test;

namespace {

impasse::Node confrontation_node() {
    impasse::Node n;
    n.id = "n1";
    n.say = "This homework is pointless. You don't get what my week is like.";
    n.stage = "marker";
    n.markers.push_back({"confrontation.complaint_about_activities", 4, {}});
    impasse::Response good;
    good.id = "own";
    good.text =
        "You're right, I pushed the homework without asking about your week. What was "
        "that like for you?";
    good.ratings = {
        {"accept_responsibility", 2}, {"explore_patient_experience", 2}, {"non_defensive", 2}};
    good.strategy = "acknowledge_contribution";
    good.feedback = "Owning the push lets the complaint be heard.";
    impasse::Response bad;
    bad.id = "defend";
    bad.text = "I only suggested it because it helps people like you.";
    bad.ratings = {{"non_defensive", 0}, {"accept_responsibility", 0}};
    bad.counter_markers = {"defending", "generalizing"};
    bad.strategy = "provide_rationale";
    bad.feedback = "Explaining yourself here can shut the complaint down.";
    bad.match = {"only suggested"};
    n.responses = {good, bad};
    return n;
}

}  // namespace

TEST_CASE("an expert option outscores a mistake; ratings decide, the moment weighs") {
    auto node = confrontation_node();
    impasse::Moment m;
    m.node = &node;
    m.markers = node.markers;
    const auto& s = scorer();
    auto good = s.score_option(node.responses[0], m);
    auto bad = s.score_option(node.responses[1], m);
    CHECK(good.overall >= 70);
    CHECK(bad.overall <= 20);
    CHECK(principle(good, "accept_responsibility") == 1.0);
    CHECK(counter(bad, "defending") == 1.0);
}

TEST_CASE("feedback names principles, quotes the trainee, gives the authored and expert lines") {
    auto node = confrontation_node();
    impasse::Moment m;
    m.node = &node;
    m.markers = node.markers;
    const auto& s = scorer();
    std::string typed = "I only did it because it helps. You should just try it.";
    auto sc = s.score_text(typed, m);
    auto fb = s.feedback(sc, typed, m, nullptr);
    REQUIRE(!fb.missed.empty());
    CHECK(fb.missed[0].id == "defending");
    CHECK(typed.find(fb.missed[0].quote) != std::string::npos);
    CHECK(!fb.missed[0].quote.empty());
    CHECK(fb.toward_stage == "marker");
    CHECK(fb.expert_says.find(node.responses[0].text) != std::string::npos);
    CHECK(fb.summary.find("defending") != std::string::npos);

    auto chosen = s.score_option(node.responses[0], m);
    auto fb2 = s.feedback(chosen, node.responses[0].text, m, &node.responses[0]);
    CHECK(fb2.authored == node.responses[0].feedback);
    CHECK(fb2.expert_says.empty());  // it was the expert answer
    REQUIRE(!fb2.did_well.empty());
    CHECK(fb2.toward_stage == "disembedding");
    bool named = false;
    for (const auto& item : fb2.did_well)
        named = named || item.id == "accept_responsibility";
    CHECK(named);
}

TEST_CASE("a node's expert block is the expert alternative") {
    auto node = confrontation_node();
    node.expert = impasse::ExpertAnswer{"I hear you. I'd like to understand your week.", {}, {}};
    impasse::Moment m;
    m.node = &node;
    auto sc = scorer().score_text("Okay.", m);
    auto fb = scorer().feedback(sc, "Okay.", m, nullptr);
    CHECK(fb.expert_says.find("I'd like to understand your week") != std::string::npos);
}

TEST_CASE("make_default_scorer finds the bundled rubric") {
    std::string error;
    auto sc = impasse::make_default_scorer(&error);
    REQUIRE_MESSAGE(sc, error);
    CHECK(sc->score_text("What was that like for you?", impasse::Moment{}).overall > 0);
}
