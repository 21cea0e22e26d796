// Golden transcripts: each folder in tests/golden holds scenario.yaml, inputs.txt (the lines a
// trainee types to `impasse play`), an optional seed, and expected.json. The session is driven
// through run_play — the code `impasse play` runs — with a fixed clock and no rubric scorer
// (options are scored from their expert ratings), so the transcripts stay stable while the
// rubric is tuned. Adding a case is adding a folder. IMPASSE_UPDATE_GOLDEN=1 rewrites them.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "impasse/play.h"
#include "impasse/scenario_loader.h"
#include "impasse/transcript.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("golden transcripts reproduce exactly") {
    fs::path root = fs::path(IMPASSE_SOURCE_DIR) / "tests" / "golden";
    bool update = std::getenv("IMPASSE_UPDATE_GOLDEN") != nullptr;
    int cases = 0;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory()) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& dir : dirs) {
        CAPTURE(dir.filename().string());
        auto loaded = impasse::load_scenario_file((dir / "scenario.yaml").string());
        REQUIRE(loaded.scenario);
        uint64_t seed = fs::exists(dir / "seed") ? std::stoull(slurp(dir / "seed")) : 1;
        impasse::Session s(loaded.scenario, seed, nullptr,
                           [] { return std::string("2026-01-01T00:00:00.000Z"); });
        std::istringstream in(slurp(dir / "inputs.txt"));
        std::ostringstream out;
        impasse::PlayOptions o;
        o.show_prompt = false;
        impasse::run_play(s, in, out, o);
        nlohmann::json got = impasse::transcript_json(s);
        got.erase("impasse");  // the version of the program is not part of the golden
        fs::path expected = dir / "expected.json";
        if (update) std::ofstream(expected) << got.dump(2) << "\n";
        REQUIRE(fs::exists(expected));
        nlohmann::json want = nlohmann::json::parse(slurp(expected));
        CHECK(got == want);
        if (got != want) {
            for (size_t i = 0; i < std::min(got["turns"].size(), want["turns"].size()); ++i)
                if (got["turns"][i] != want["turns"][i]) {
                    INFO("first differing turn " << i);
                    CHECK(got["turns"][i].dump(1) == want["turns"][i].dump(1));
                    break;
                }
        }
        // The transcript replays identically, and its snapshot restores the same state.
        auto parsed = impasse::parse_transcript(got.dump(), "golden");
        REQUIRE(parsed.diagnostics.empty());
        CHECK(impasse::replay(parsed, loaded.scenario, nullptr).identical);
        ++cases;
    }
    CHECK(cases >= 6);
}
