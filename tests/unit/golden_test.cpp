// Golden transcripts: every folder in tests/golden/ is one case, run through exactly the code
// `impasse play` runs (run_play in play.h), without a scorer (options are scored from their
// expert ratings, typed text is routed by `match` phrases) and with a fixed clock.
//
// A case folder holds scenario.yaml, inputs.txt (the stdin lines), optionally seed.txt (default
// 1), and the expected outputs: expected.json (the transcript) and expected.txt (what the
// terminal showed). Adding a case is adding a folder; IMPASSE_UPDATE_GOLDEN=1 rewrites the
// expected files from the current behaviour (review the diff before committing it).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "impasse/play.h"
#include "impasse/scenario_loader.h"
#include "impasse/transcript.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void spit(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

std::vector<fs::path> golden_cases() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(fs::path(IMPASSE_SOURCE_DIR) / "tests/golden"))
        if (e.is_directory() && fs::exists(e.path() / "scenario.yaml")) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("golden transcripts: play drives each case to its expected transcript") {
    const bool update = std::getenv("IMPASSE_UPDATE_GOLDEN") != nullptr;
    auto cases = golden_cases();
    REQUIRE(cases.size() >= 5);
    for (const auto& dir : cases) {
        const std::string name = dir.filename().string();
        INFO("golden case: " << name);
        impasse::LoadResult loaded = impasse::load_scenario_file((dir / "scenario.yaml").string());
        REQUIRE_MESSAGE(loaded.scenario, name << ": the scenario does not load");
        uint64_t seed = 1;
        if (fs::exists(dir / "seed.txt")) seed = std::stoull(slurp(dir / "seed.txt"));

        impasse::Session session(loaded.scenario, seed, nullptr,
                                 [] { return std::string("2026-01-01T00:00:00Z"); });
        std::istringstream in(slurp(dir / "inputs.txt"));
        std::ostringstream out;
        impasse::PlayOptions options;
        options.show_prompt = false;
        impasse::PlayOutcome outcome = impasse::run_play(session, in, out, options);
        json got = impasse::transcript_json(session);
        got.erase("impasse");  // the program's version: not part of the behaviour under test
        const std::string got_json = got.dump(2) + "\n";

        if (update) {
            spit(dir / "expected.json", got_json);
            spit(dir / "expected.txt", out.str());
            MESSAGE("rewrote the expected files of " << name);
            continue;
        }
        REQUIRE_MESSAGE(fs::exists(dir / "expected.json"),
                        name << ": no expected.json (run with IMPASSE_UPDATE_GOLDEN=1)");
        json want = json::parse(slurp(dir / "expected.json"));
        CHECK_MESSAGE(got == want, name << ": the transcript differs:\n" << got_json);
        CHECK_MESSAGE(out.str() == slurp(dir / "expected.txt"),
                      name << ": the terminal output differs:\n"
                           << out.str());
        // An ending is reached exactly when the transcript records one.
        CHECK((outcome == impasse::PlayOutcome::ended) == !got["ending"].is_null());

        // The transcript replays identically against its own scenario.
        impasse::ParsedTranscript parsed = impasse::parse_transcript(got_json, name);
        REQUIRE(parsed.diagnostics.empty());
        impasse::ReplayResult replayed = impasse::replay(parsed, loaded.scenario, nullptr);
        CHECK_MESSAGE(replayed.identical, name << ": " << replayed.reason);
    }
}
