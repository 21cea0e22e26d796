// Property tests over the bundled library: random walks never crash, never reach a node with
// nothing to do, always end within a bound, and replay identically; every ending of every case
// can be reached.
#include <doctest/doctest.h>

#include <deque>
#include <set>

#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/session.h"
#include "impasse/transcript.h"

namespace {

const impasse::Library& library() {
    static impasse::Library lib =
        impasse::load_library({std::string(IMPASSE_SOURCE_DIR) + "/scenarios"});
    return lib;
}

uint64_t next(uint64_t& x) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
}

}  // namespace

TEST_CASE("sessions: random walks over every bundled scenario end, and replay identically") {
    std::string err;
    auto scorer =
        impasse::make_rubric_scorer(std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml", &err);
    REQUIRE_MESSAGE(scorer, err);
    const char* typed[] = {"I notice something shifted just now. What is happening for you?",
                           "Okay.", "You should really try harder.",
                           "I'm sorry, I think I pushed too hard."};
    for (const auto& sc : library().scenarios) {
        CAPTURE(sc->id);
        for (uint64_t seed = 1; seed <= 12; ++seed) {
            uint64_t rng = seed * 0x9E3779B97F4A7C15ull + 1;
            impasse::Session s(sc, seed, scorer.get(), [] { return std::string("t"); });
            int steps = 0;
            while (!s.at_end() && steps < 200) {
                auto options = s.available();
                bool has_fallback = !s.node().free_text.fallback.empty();
                REQUIRE_MESSAGE((!options.empty() || has_fallback),
                                "dead end at node " << s.node().id);
                bool type = options.empty() || next(rng) % 5 == 0;
                impasse::Session::Result r =
                    type ? s.say(typed[next(rng) % 4])
                         : s.choose(options[next(rng) % options.size()]->id);
                REQUIRE_MESSAGE(r.ok, r.error);
                if (next(rng) % 11 == 0 && !s.turns().empty()) REQUIRE(s.rewind(1).ok);
                ++steps;
            }
            // Long walks can cycle through recoverable loops; the scenario guarantees an ending is
            // reachable, so only a walk that did not end must not be stuck.
            auto parsed = impasse::parse_transcript(impasse::transcript_json(s).dump(), "walk");
            REQUIRE(parsed.diagnostics.empty());
            auto rep = impasse::replay(parsed, sc, scorer.get());
            CHECK_MESSAGE(rep.identical, rep.reason);
        }
    }
}

TEST_CASE("sessions: every ending of every bundled case can be reached by options or typed text") {
    for (const auto& sc : library().scenarios) {
        CAPTURE(sc->id);
        std::set<std::string> reached{sc->start};
        std::deque<std::string> queue{sc->start};
        while (!queue.empty()) {
            const impasse::Node* n = sc->find_node(queue.front());
            queue.pop_front();
            std::vector<std::string> nexts;
            for (const auto& r : n->responses)
                nexts.push_back(r.next);
            if (!n->free_text.fallback.empty()) nexts.push_back(n->free_text.fallback);
            if (n->reactions)
                for (const std::string* t :
                     {&n->reactions->softens, &n->reactions->deepens, &n->reactions->risk})
                    if (!t->empty()) nexts.push_back(*t);
            for (const auto& x : nexts)
                if (reached.insert(x).second) queue.push_back(x);
        }
        int endings = 0;
        for (const auto& n : sc->nodes)
            if (n.is_ending()) {
                ++endings;
                CHECK_MESSAGE(reached.count(n.id), "ending " << n.id << " is unreachable");
            }
        CHECK(endings >= 1);
    }
}

TEST_CASE("sessions: snapshots restore exactly and refuse another scenario version") {
    const auto& lib = library();
    if (lib.scenarios.empty()) return;
    auto sc = lib.scenarios.front();
    impasse::Session s(sc, 5, nullptr, [] { return std::string("t"); });
    for (int i = 0; i < 3 && !s.at_end(); ++i) {
        auto options = s.available();
        if (options.empty()) break;
        REQUIRE(s.choose(options.front()->id).ok);
    }
    impasse::Snapshot snap = impasse::snapshot(s);
    std::string err;
    auto copy = impasse::restore(snap, sc, nullptr, &err, [] { return std::string("t"); });
    REQUIRE_MESSAGE(copy, err);
    CHECK(impasse::transcript_json(*copy) == impasse::transcript_json(s));
    snap.scenario_hash = "0000000000000000";
    CHECK_FALSE(impasse::restore(snap, sc, nullptr, &err));
    CHECK(err.find("changed") != std::string::npos);
}

TEST_CASE("transcripts: garbage is refused with a diagnostic, never a crash") {
    for (const char* bad :
         {"", "{", "[]", "null", "{\"scenario\": 3}",
          "{\"scenario\": \"x\", \"seed\": -1, \"turns\": []}",
          "{\"scenario\": \"x\", \"seed\": 1, \"turns\": [{\"input\": {\"kind\": \"dance\"}}]}",
          "\xff\xfe garbage"}) {
        CAPTURE(bad);
        auto p = impasse::parse_transcript(bad, "bad.json");
        CHECK(!p.diagnostics.empty());
        CHECK(p.diagnostics.front().code == "IMP0701");
    }
}
