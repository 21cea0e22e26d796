// Routing a typed answer (impasse/routing.h): with and without a scorer, the guards, risk.
#include <doctest/doctest.h>

#include <cmath>

#include "impasse/response_model.h"
#include "impasse/routing.h"
#include "impasse/vocabulary.h"

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

TEST_CASE("routing: an answer no option fits gets the neutral line, never the nearest anyway") {
    Node n;
    n.responses = {response("a", {}), response("b", {})};
    Routing r = route_answer(nullptr, {}, "unrelated words", n, all(n), {});
    CHECK(r.response == nullptr);
    CHECK(r.fallback);
    CHECK_FALSE(r.nowhere());
}

TEST_CASE("routing: only available responses are candidates; nowhere when none and no fallback") {
    Node n;
    n.responses = {response("a", {"alpha"}), response("b", {"beta"})};
    std::vector<const Response*> only_b = {&n.responses[1]};
    Routing r = route_answer(nullptr, {}, "alpha", n, only_b, {});
    CHECK(r.response == nullptr);  // "a" matched, but is not offered now
    CHECK(r.fallback);
    r = route_answer(nullptr, {}, "beta", n, only_b, {});
    REQUIRE(r.response);
    CHECK(r.response->id == "b");
    CHECK(route_answer(nullptr, {}, "alpha", n, {}, {}).nowhere());
    n.free_text.fallback = "elsewhere";
    CHECK(route_answer(nullptr, {}, "alpha", n, {}, {}).fallback);
}

namespace {

size_t pi(const char* id) {
    return static_cast<size_t>(vocab::index_of(vocab::principles(), id));
}
size_t ci(const char* id) {
    return static_cast<size_t>(vocab::index_of(vocab::counter_markers(), id));
}

// Reads capitalised cue words: OWN (owning, a repair), DEFEND (a strong counter-marker),
// RISK (a risk question), FRENCH (unreadable).
class CueScorer : public Scorer {
  public:
    Score score_option(const Response& r, const Moment& m) const override {
        return score_text(r.text, m);
    }
    Score score_text(std::string_view t, const Moment&) const override {
        Score s;
        auto has = [&](const char* w) { return t.find(w) != std::string_view::npos; };
        if (has("OWN")) {
            s.principles[pi("accept_responsibility")] = 0.9;
            s.principles[pi("explore_patient_experience")] = 0.8;
            s.overall = 85;
        }
        if (has("DEFEND")) {
            s.counter_markers[ci("defending")] = 0.9;
            s.overall = 10;
        }
        if (has("MEH")) {  // owning words, but read as a weak answer overall
            s.principles[pi("accept_responsibility")] = 0.9;
            s.principles[pi("explore_patient_experience")] = 0.8;
            s.overall = 40;
        }
        if (has("MIXED")) {  // half owning, half defending: neither clearly
            s.principles[pi("accept_responsibility")] = 0.6;
            s.counter_markers[ci("defending")] = 0.4;
            s.overall = 55;
        }
        if (has("ASK") || has("INFORM")) {
            s.principles[pi("explore_patient_experience")] = 0.6;
            s.overall = 60;
            s.behaviours[has("ASK") ? 0 : 7] = 0.9;  // question_open : giving_information
        }
        if (has("OFF")) {
            s.counter_markers[ci("ignoring_marker")] = 0.9;
            s.overall = 30;
        }
        if (has("RISK")) s.risk_check = 0.9;
        if (has("FRENCH")) s.unreadable = "not_english";
        return s;
    }
    Feedback feedback(const Score&, std::string_view, const Moment&,
                      const Response*) const override {
        return {};
    }
};

Node guarded_node() {
    Node n;
    n.id = "n";
    Response own = response("own", {});
    own.text = "OWN I rushed you about the homework";
    own.expert = true;
    Response defend = response("defend", {});
    defend.text = "DEFEND the homework is how this works";
    defend.counter_markers = {"defending"};
    Response safety = response("safety", {});
    safety.text = "RISK are you safe";
    safety.move = "risk_check";
    n.responses = {own, defend, safety};
    return n;
}

}  // namespace

TEST_CASE("routing: a typed answer reaches the option making the same move") {
    CueScorer scorer;
    Node n = guarded_node();
    std::string owning = "OWN yes I rushed you with the homework, what was that like";
    Routing r = route_answer(&scorer, scorer.score_text(owning, {}), owning, n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "own");
    CHECK(r.response == &n.responses[0]);  // points into the node, not a copy
    std::string defending = "DEFEND but the homework is the method";
    r = route_answer(&scorer, scorer.score_text(defending, {}), defending, n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "defend");
}

TEST_CASE("routing: guards keep a counter-marker from the repair and a repair from a mistake") {
    CueScorer scorer;
    Node n = guarded_node();
    SUBCASE("a strong counter-marker never reaches the expert option") {
        n.responses.erase(n.responses.begin() + 1);  // only the expert and the safety check left
        std::string t = "DEFEND I rushed you about the homework because I had to";
        Routing r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
        CHECK(r.response == nullptr);
        CHECK(r.fallback);
    }
    SUBCASE("a repair never reaches a mistake branch") {
        n.responses.erase(n.responses.begin());  // only the mistake and the safety check left
        std::string t = "OWN the homework was my idea, not how this works for you";
        Routing r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
        CHECK(r.response == nullptr);
        CHECK(r.fallback);
    }
    SUBCASE("an option whose words the answer does not share is not a candidate") {
        std::string t = "mm what time is it";
        Routing r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
        CHECK(r.response == nullptr);
        CHECK(r.fallback);
    }
    SUBCASE("an unreadable answer gets the neutral line") {
        std::string t = "FRENCH OWN I rushed you about the homework";
        Routing r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
        CHECK(r.response == nullptr);
        CHECK(r.fallback);
    }
}

TEST_CASE("routing: the move is read with its MITI behaviour") {
    CueScorer scorer;
    REQUIRE(miti_behaviours()[0] == "question_open");
    REQUIRE(miti_behaviours()[7] == "giving_information");
    Node n;
    n.id = "n";
    Response inform = response("inform", {});
    inform.text = "INFORM people often find the first weeks strange";
    Response ask = response("ask", {});
    ask.text = "ASK what was this week like for you";
    n.responses = {inform, ask};
    // No shared content words: only the behaviour tells the two explorations apart.
    std::string t = "ASK hmm, tell me";
    Routing r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "ask");
    t = "INFORM hmm, that happens";
    r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "inform");
}

TEST_CASE("routing: an option that changes the subject is reached only by its words") {
    CueScorer scorer;
    Node n;
    n.id = "n";
    Response diary = response("diary", {});
    diary.text = "OFF let's look at your diary sheet instead";
    diary.counter_markers = {"ignoring_marker"};
    n.responses = {diary};
    std::string t = "OFF shall we grab a cuppa first";  // the same move, another topic
    Routing r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
    CHECK(r.response == nullptr);
    CHECK(r.fallback);
    t = "OFF okay, the diary sheet then";
    r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "diary");
}

TEST_CASE("routing: valence guards send weak or mixed answers to the neutral line") {
    CueScorer scorer;
    Node n = guarded_node();
    n.responses.pop_back();  // the expert and the mistake
    SUBCASE("a repair is not reached by an answer read as weak overall") {
        std::string t = "MEH I rushed you about the homework";
        Score typed = scorer.score_text(t, {});
        Routing r = route_answer(&scorer, typed, t, n, all(n), {});
        CHECK(r.response == nullptr);
        CHECK(r.fallback);
        std::string strong = "OWN I rushed you about the homework";
        r = route_answer(&scorer, scorer.score_text(strong, {}), strong, n, all(n), {});
        REQUIRE(r.response);
        CHECK(r.response->id == "own");
    }
    SUBCASE("a repair and a mistake this close: the neutral line") {
        std::string t = "MIXED the homework";
        Score typed = scorer.score_text(t, {});
        auto cands = route_candidates(scorer, typed, t, all(n), {});
        REQUIRE(cands.size() == 2);
        CHECK_FALSE(cands[0].barred);
        CHECK_FALSE(cands[1].barred);
        CHECK(std::abs(cands[0].similarity - cands[1].similarity) < 0.1);
        Routing r = route_answer(&scorer, typed, t, n, all(n), {});
        CHECK(r.response == nullptr);
        CHECK(r.fallback);
    }
}

TEST_CASE("routing: a risk question goes to the safety check, and only a risk question does") {
    CueScorer scorer;
    Node n = guarded_node();
    std::string t = "RISK can I ask, are you having thoughts of ending your life";
    Routing r = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
    REQUIRE(r.response);
    CHECK(r.response->id == "safety");
    CHECK(r.risk);
    std::string other = "OWN are you safe with the homework I rushed";
    r = route_answer(&scorer, scorer.score_text(other, {}), other, n, all(n), {});
    CHECK((r.response == nullptr || r.response->id != "safety"));
    SUBCASE("without a safety option it gets the neutral line, not a branch") {
        n.responses.pop_back();
        Routing q = route_answer(&scorer, scorer.score_text(t, {}), t, n, all(n), {});
        CHECK(q.response == nullptr);
        CHECK(q.fallback);
        CHECK(q.risk);
    }
}
