// Golden transcripts: each folder in tests/golden holds scenario.yaml, inputs.txt (the lines a
// trainee types to `impasse play`), an optional seed, expected.json (the transcript),
// optionally expected.txt (what the terminal showed) and optionally `order` ("shuffled": the
// options shown shuffled by the seed; else in file order). The session is driven through
// run_play — the code `impasse play` runs — with a fixed clock and no rubric scorer (options
// are scored from their expert ratings, typed text is routed by `match` phrases), so the
// transcripts stay stable while the rubric is tuned. Adding a case is adding a folder.
// IMPASSE_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "impasse/model_scorer.h"
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

// One run of a golden folder: `name` "" for inputs.txt / expected.json / expected.txt, else
// inputs.NAME.txt / expected.NAME.json / expected.NAME.txt (a moment reached by different
// answers). A folder with a file `scorer` reading "model" scores with the bundled response
// model (assets/model), so its transcripts change when the model is retrained: regenerate them
// then (scripts/train-scorer says so).
void run_golden(const fs::path& dir, const impasse::LoadResult& loaded, const std::string& name,
                const impasse::Scorer* scorer, bool update) {
    std::string suffix = name.empty() ? "" : "." + name;
    CAPTURE(name);
    uint64_t seed = fs::exists(dir / "seed") ? std::stoull(slurp(dir / "seed")) : 1;
    impasse::Session s(loaded.scenario, seed, scorer,
                       [] { return std::string("2026-01-01T00:00:00.000Z"); });
    // A file `order` reading "shuffled": the options are shown shuffled by the seed.
    if (fs::exists(dir / "order") && slurp(dir / "order").rfind("shuffled", 0) == 0)
        s.set_option_order(impasse::OptionOrder::shuffled);
    std::istringstream in(slurp(dir / ("inputs" + suffix + ".txt")));
    std::ostringstream out;
    impasse::PlayOptions o;
    o.show_prompt = false;
    impasse::PlayOutcome outcome = impasse::run_play(s, in, out, o);
    nlohmann::json got = impasse::transcript_json(s);
    got.erase("impasse");  // the version of the program is not part of the golden
    fs::path expected = dir / ("expected" + suffix + ".json");
    fs::path expected_text = dir / ("expected" + suffix + ".txt");
    if (update) {
        std::ofstream(expected) << got.dump(2) << "\n";
        if (fs::exists(expected_text)) std::ofstream(expected_text) << out.str();
    }
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
    // What the terminal showed, when the case records it (create an empty expected.txt and
    // run with IMPASSE_UPDATE_GOLDEN=1 to start recording it).
    if (fs::exists(expected_text)) CHECK(out.str() == slurp(expected_text));
    // An ending is reached exactly when the transcript records one.
    CHECK((outcome == impasse::PlayOutcome::ended) == !got["ending"].is_null());
    // The transcript replays identically, and its snapshot restores the same state.
    auto parsed = impasse::parse_transcript(got.dump(), "golden");
    REQUIRE(parsed.diagnostics.empty());
    auto replayed = impasse::replay(parsed, loaded.scenario, scorer);
    CHECK_MESSAGE(replayed.identical, replayed.reason);
}

const impasse::Scorer* bundled_model_scorer() {
    static std::unique_ptr<impasse::ModelScorer> scorer = [] {
        std::string root = std::string(IMPASSE_SOURCE_DIR) + "/assets/";
        std::string error;
        auto s = impasse::make_model_scorer(root + "model/response-model.txt", root + "rubric.yaml",
                                            root + "lexicons/risk.txt", &error);
        INFO(error);
        return s;
    }();
    return scorer.get();
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
        const impasse::Scorer* scorer = nullptr;
        if (fs::exists(dir / "scorer") && slurp(dir / "scorer").rfind("model", 0) == 0) {
            scorer = bundled_model_scorer();
            REQUIRE(scorer);
        }
        std::vector<std::string> runs;
        for (const auto& e : fs::directory_iterator(dir)) {
            std::string f = e.path().filename().string();
            if (f == "inputs.txt")
                runs.emplace_back();
            else if (f.rfind("inputs.", 0) == 0 && f.size() > 11 &&
                     f.compare(f.size() - 4, 4, ".txt") == 0)
                runs.push_back(f.substr(7, f.size() - 11));
        }
        std::sort(runs.begin(), runs.end());
        for (const auto& name : runs) {
            run_golden(dir, loaded, name, scorer, update);
            ++cases;
        }
    }
    CHECK(cases >= 6);
}
