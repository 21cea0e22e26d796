// Transcripts read back (outside input: garbage gets diagnostics, never a crash) and replay's
// divergence reasons.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "impasse/transcript.h"
#include "session_fixture.h"

using namespace impasse;
using impasse::test::fixed_clock;
using impasse::test::golden_scenario;

namespace {

std::string played(const ScenarioPtr& sc, uint64_t seed, const std::vector<std::string>& ids) {
    Session s(sc, seed, nullptr, fixed_clock());
    for (const auto& id : ids)
        REQUIRE(s.choose(id).ok);
    return transcript_json(s).dump();
}

ReplayResult replay_text(const std::string& text, const ScenarioPtr& sc) {
    ParsedTranscript p = parse_transcript(text, "t.json");
    REQUIRE(p.diagnostics.empty());
    return replay(p, sc, nullptr);
}

}  // namespace

TEST_CASE("transcript: the schema's fields are all there") {
    auto sc = golden_scenario("confrontation-rewind");
    auto j = nlohmann::json::parse(played(sc, 5, {"invite", "stay", "own_part"}));
    for (const char* k : {"format", "scenario", "scenario_hash", "seed", "turns", "ruptures",
                          "stage_path", "current", "ending"})
        CHECK_MESSAGE(j.contains(k), k);
    CHECK(j["format"] == "impasse-transcript/1");
    CHECK(j["ending"].is_null());
    const auto& t = j["turns"][0];
    for (const char* k :
         {"index", "node", "line", "patient", "cue", "markers", "stage", "input", "routed_to",
          "scores", "feedback", "sequence", "state_before", "state_after", "changes", "timestamp"})
        CHECK_MESSAGE(t.contains(k), k);
    CHECK(t["scores"]["principles"].size() == 10);
    CHECK(t["scores"]["counter_markers"].size() == 8);
    CHECK(t["scores"]["strategies"].size() == 10);
    CHECK(t["timestamp"] == "2026-01-01T00:00:00.000Z");
    CHECK(t["changes"][0]["cause"] == "invite");
}

TEST_CASE("transcript: garbage is refused with a diagnostic, never a crash") {
    const char* bad[] = {"",
                         "null",
                         "[1,2,3]",
                         "{\"scenario\": 1}",
                         "{\"scenario\": \"x\"}",
                         "{\"scenario\": \"x\", \"seed\": -1, \"turns\": []}",
                         "{\"scenario\": \"x\", \"seed\": 1, \"turns\": 5}",
                         "{\"scenario\": \"x\", \"seed\": 1, \"turns\": [{\"input\": 3}]}",
                         "{\"scenario\": \"x\", \"seed\": 1, \"turns\": [{\"input\": "
                         "{\"kind\": \"option\"}}]}",
                         "{\"scenario\": \"x\", \"seed\": 1, \"turns\": [7]}",
                         "{\"scenario\": \"x\", \"seed\": 1.5, \"turns\": []}",
                         "{\"scenario\": \"x\", \"seed\": 1, \"turns\": [] ",
                         "\xff\xfe\x00garbage"};
    for (const char* text : bad) {
        ParsedTranscript p = parse_transcript(text, "bad.json");
        CHECK_MESSAGE(has_errors(p.diagnostics), text);
        if (!p.diagnostics.empty()) CHECK(p.diagnostics[0].file == "bad.json");
    }
    // Deep nesting and random bytes.
    CHECK(has_errors(parse_transcript(std::string(100000, '['), "deep.json").diagnostics));
    std::mt19937 rng(42);
    for (int i = 0; i < 200; ++i) {
        std::string junk(static_cast<size_t>(rng() % 300), ' ');
        for (auto& c : junk)
            c = static_cast<char>(rng() % 256);
        (void)parse_transcript(junk, "junk.json");
    }
    CHECK(has_errors(read_transcript_file("/nonexistent/t.json").diagnostics));
}

TEST_CASE("replay: identical against the same scenario, the first divergence otherwise") {
    auto sc = golden_scenario("confrontation-rewind");
    const std::string text = played(sc, 5, {"invite", "stay", "own_part", "stay_close"});
    ReplayResult same = replay_text(text, sc);
    CHECK(same.identical);
    CHECK(same.reason.empty());

    SUBCASE("another scenario") {
        ReplayResult r = replay_text(text, golden_scenario("quit-early"));
        CHECK_FALSE(r.identical);
        CHECK(r.reason.find("scenario") != std::string::npos);
    }
    SUBCASE("a changed line") {
        auto changed = std::make_shared<Scenario>(*sc);
        changed->nodes[changed->node_index.at("again")].say = "Something else.";
        ReplayResult r = replay_text(text, changed);
        CHECK_FALSE(r.identical);
        CHECK(r.turn == 3);
        CHECK(r.reason.find("different patient line") != std::string::npos);
    }
    SUBCASE("a response that is no longer there") {
        auto changed = std::make_shared<Scenario>(*sc);
        changed->nodes[changed->node_index.at("anger_voiced")].responses[0].id = "renamed";
        ReplayResult r = replay_text(text, changed);
        CHECK_FALSE(r.identical);
        CHECK(r.turn == 2);
        CHECK(r.reason.find("own_part") != std::string::npos);
    }
    SUBCASE("a different effect: the state differs") {
        auto changed = std::make_shared<Scenario>(*sc);
        changed->nodes[changed->node_index.at("complaint")].responses[1].effects[0].value =
            Value::of(-0.3);
        ReplayResult r = replay_text(text, changed);
        CHECK_FALSE(r.identical);
        CHECK(r.turn == 0);
        CHECK(r.reason.find("state_after") != std::string::npos);
    }
    SUBCASE("a changed file that plays the same is identical, with a note") {
        auto changed = std::make_shared<Scenario>(*sc);
        changed->hash = "feedface";
        ReplayResult r = replay_text(text, changed);
        CHECK(r.identical);
        CHECK(r.reason.find("changed") != std::string::npos);
    }
}
