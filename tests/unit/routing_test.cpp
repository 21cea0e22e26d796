// Routing a typed answer (session/routing.h): the FreeTextRule with and without a scorer.
#include <doctest/doctest.h>

#include "impasse/vocabulary.h"
#include "session/routing.h"

using namespace impasse;

namespace {

Response response(const std::string& id, std::vector<std::string> match,
                  std::map<std::string, int> ratings = {}) {
    Response r;
    r.id = id;
    r.text = id;
    r.next = "next";
    r.match = std::move(match);
    r.ratings = std::move(ratings);
    return r;
}

// Scores an option from its ratings only, so the typed profile decides the route.
class RatingsOnly : public Scorer {
  public:
    Score score_option(const Response& r, const Moment&) const override {
        Score s;
        for (const auto& [id, v] : r.ratings)
            s.principles[static_cast<size_t>(vocab::index_of(vocab::principles(), id))] = v / 2.0;
        return s;
    }
    Score score_text(std::string_view, const Moment&) const override { return {}; }
    Feedback feedback(const Score&, std::string_view, const Moment&,
                      const Response*) const override {
        return {};
    }
};

std::vector<const Response*> all(const Node& n) {
    std::vector<const Response*> out;
    for (const auto& r : n.responses)
        out.push_back(&r);
    return out;
}

}  // namespace

TEST_CASE("routing: match phrases without a scorer, case-insensitive, share of phrases") {
    Response r = response("a", {"tell me more", "what felt"});
    CHECK(match_similarity("TELL ME MORE please", r) == doctest::Approx(0.5));
    CHECK(match_similarity("tell me more, what felt wrong", r) == doctest::Approx(1.0));
    CHECK(match_similarity("nothing here", r) == 0.0);
    CHECK(match_similarity("anything", response("b", {})) == 0.0);
}

TEST_CASE("routing: the nearest response wins when it reaches min_similarity") {
    Node n;
    n.id = "n";
    n.responses = {response("a", {"alpha"}), response("b", {"beta", "gamma"})};
    n.free_text.fallback = "elsewhere";
    n.free_text.min_similarity = 0.5;
    Routing r = route_answer(nullptr, {}, "beta and gamma", n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "b");
    CHECK(r.similarity == doctest::Approx(1.0));
    CHECK_FALSE(r.fallback);

    SUBCASE("below the threshold it falls back") {
        n.free_text.min_similarity = 0.75;
        Routing f = route_answer(nullptr, {}, "only beta", n, all(n), {});
        CHECK(f.fallback);
        CHECK(f.response == nullptr);
        CHECK(f.similarity == doctest::Approx(0.5 * 1.0));  // 1 of 2 phrases
    }
}

TEST_CASE("routing: without a fallback the nearest is taken anyway, the first on a tie") {
    Node n;
    n.responses = {response("a", {}), response("b", {})};
    Routing r = route_answer(nullptr, {}, "unrelated words", n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "a");
    CHECK(r.similarity == 0.0);
    CHECK_FALSE(r.nowhere());
}

TEST_CASE("routing: only available responses are candidates; nowhere when none and no fallback") {
    Node n;
    n.responses = {response("a", {"alpha"}), response("b", {"beta"})};
    std::vector<const Response*> only_b = {&n.responses[1]};
    Routing r = route_answer(nullptr, {}, "alpha", n, only_b, {});
    REQUIRE(r.response);
    CHECK(r.response->id == "b");
    CHECK(route_answer(nullptr, {}, "alpha", n, {}, {}).nowhere());
    n.free_text.fallback = "elsewhere";
    CHECK(route_answer(nullptr, {}, "alpha", n, {}, {}).fallback);
}

TEST_CASE("routing: with a scorer the typed profile picks the closest expert profile") {
    RatingsOnly scorer;
    Node n;
    n.responses = {response("defend", {}, {{"non_defensive", 0}, {"here_and_now", 1}}),
                   response("explore", {}, {{"explore_patient_experience", 2}})};
    Score typed;
    typed.principles[static_cast<size_t>(
        vocab::index_of(vocab::principles(), "explore_patient_experience"))] = 0.9;
    Routing r = route_answer(&scorer, typed, "what was that like for you", n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "explore");
    CHECK(r.response == &n.responses[1]);  // points into the node, not a copy
    CHECK(r.similarity == doctest::Approx(1.0));
}
