// The moment changes the weights: rupture type, markers, stage.
#include <doctest/doctest.h>

#include "scorer_fixture.h"

using namespace impasse::test;

TEST_CASE(
    "a confrontation calls for non-defensiveness and ownership; a withdrawal for here and now") {
    const auto& s = scorer();
    auto conf = s.call_for(moment("confrontation"));
    auto with = s.call_for(moment("withdrawal"));
    auto pi = [](const char* id) {
        return static_cast<size_t>(impasse::vocab::index_of(impasse::vocab::principles(), id));
    };
    CHECK(conf.principles[pi("non_defensive")] > with.principles[pi("non_defensive")]);
    CHECK(conf.principles[pi("accept_responsibility")] >
          with.principles[pi("accept_responsibility")]);
    CHECK(with.principles[pi("here_and_now")] > conf.principles[pi("here_and_now")]);
    CHECK(with.principles[pi("tentativeness")] > conf.principles[pi("tentativeness")]);

    std::string owning = "You're right, I did push. It makes sense you're angry with me.";
    std::string gentle = "I wonder if something just happened right now, as I said that?";
    CHECK(s.score_text(owning, moment("confrontation")).overall >
          s.score_text(owning, moment("withdrawal")).overall);
    CHECK(s.score_text(gentle, moment("withdrawal")).overall >
          s.score_text(gentle, moment("confrontation")).overall);
}

TEST_CASE("the rupture type is taken from the markers when not given") {
    impasse::Moment m;
    m.markers.push_back({"confrontation.complaint_about_therapist", 4, {}});
    CHECK(scorer().call_for(m).rupture_type == "confrontation");
}

TEST_CASE("linking to the past is premature at the marker, acceptable once the need is near") {
    std::string link = "I wonder if this is a bit like how it was with your father, growing up?";
    auto early = scorer().score_text(link, moment("withdrawal", "marker"));
    auto late = scorer().score_text(link, moment("withdrawal", "underlying_need"));
    CHECK(late.overall > early.overall + 10);
    auto c_early = scorer().call_for(moment("withdrawal", "marker"));
    auto c_late = scorer().call_for(moment("withdrawal", "avoidance"));
    size_t lp = static_cast<size_t>(
        impasse::vocab::index_of(impasse::vocab::resolution_strategies(), "link_pattern_life"));
    CHECK(c_early.strategies[lp] < 0);
    CHECK(c_late.strategies[lp] > 0);
}
