// Random walks, complementing session_property_test.cpp: over the bundled scenarios
// (IMPASSE_SOURCE_DIR/scenarios, read at run time; an empty library passes) *and* the golden
// cases, with and without the rubric scorer, rewinding several turns at a time. They never
// crash, never reach a moment with nothing to do before an ending, their transcripts replay
// identically, and their snapshots restore to the same transcript byte for byte.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/transcript.h"
#include "session_fixture.h"

using namespace impasse;

namespace {

std::vector<ScenarioPtr> library() {
    std::vector<std::string> roots;
    for (const char* dir : {"/scenarios", "/tests/golden"}) {
        std::string p = std::string(IMPASSE_SOURCE_DIR) + dir;
        if (std::filesystem::is_directory(p)) roots.push_back(p);
    }
    return load_library(roots).scenarios;
}

const char* const kTyped[] = {
    "I wonder what just happened between us.",
    "You should really just do the homework.",
    "That makes sense. Tell me more about how that was for you.",
    "I think I pushed too hard just now.",
    "asdf qwerty",
};

// One random walk; returns false (with a message) when the drill dead-ends.
bool walk(Session& s, std::mt19937_64& rng, std::string& why) {
    for (int step = 0; step < 120 && !s.at_end(); ++step) {
        auto options = s.available();
        if (options.empty() && s.node().free_text.fallback.empty()) {
            why = "dead end at node '" + s.node().id + "' after " +
                  std::to_string(s.turns().size()) + " turns";
            return false;
        }
        unsigned roll = static_cast<unsigned>(rng() % 100);
        if (roll < 8 && !s.turns().empty()) {
            int n = 1 + static_cast<int>(rng() % std::min<size_t>(3, s.turns().size()));
            if (!s.rewind(n).ok) {
                why = "rewind failed";
                return false;
            }
        } else if (roll < 25 || options.empty()) {
            Session::Result r = s.say(kTyped[rng() % (sizeof kTyped / sizeof *kTyped)]);
            if (!r.ok) {
                why = "typed answer refused at '" + s.node().id + "': " + r.error;
                return false;
            }
        } else {
            Session::Result r = s.choose(options[rng() % options.size()]->id);
            if (!r.ok) {
                why = "offered option refused: " + r.error;
                return false;
            }
        }
    }
    return true;
}

// Walks every case 32 times with one scorer (nullptr: typed answers go unscored).
void walk_library(const Scorer* scorer) {
    std::string error;
    for (const auto& sc : library()) {
        for (uint64_t seed = 0; seed < 32; ++seed) {
            INFO(sc->id << " seed " << seed << (scorer ? " (rubric)" : " (no scorer)"));
            Session s(sc, seed, scorer, test::fixed_clock());
            std::mt19937_64 rng(seed * 7919 + 1);
            std::string why;
            CHECK_MESSAGE(walk(s, rng, why), why);

            std::string text = transcript_json(s).dump();
            ParsedTranscript p = parse_transcript(text, "walk.json");
            REQUIRE(p.diagnostics.empty());
            ReplayResult r = replay(p, sc, scorer);
            CHECK_MESSAGE(r.identical, r.reason);

            auto back = restore(snapshot(s), sc, scorer, &error, test::fixed_clock());
            REQUIRE_MESSAGE(back, error);
            CHECK(transcript_json(*back).dump() == text);
        }
    }
}

}  // namespace

TEST_CASE("session walks without a scorer: snapshots restore byte for byte") {
    walk_library(nullptr);
}

TEST_CASE("session walks with the rubric scorer: snapshots restore byte for byte") {
    std::string error;
    std::unique_ptr<RubricScorer> rubric =
        make_rubric_scorer(std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml", &error);
    REQUIRE_MESSAGE(rubric, error);
    walk_library(rubric.get());
}
