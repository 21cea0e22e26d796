// Workshop demos: the what-if tree keeps every branch, back and forth returns to exactly what
// was shown, options are laid out side by side with scores and destinations, tallies are kept
// per moment, and the demo is saved in the store and exported.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "impasse/demo.h"
#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/store.h"
#include "impasse/transcript.h"

using namespace impasse;
namespace fs = std::filesystem;

namespace {

ScenarioPtr golden(const char* name) {
    LoadResult r = load_scenario_file(std::string(IMPASSE_SOURCE_DIR) + "/tests/golden/" + name +
                                      "/scenario.yaml");
    REQUIRE(r.scenario);
    return r.scenario;
}

}  // namespace

TEST_CASE("demo: branches are kept, and back returns to exactly what was shown") {
    ScenarioPtr sc = golden("withdrawal-resolved");
    Demo demo(sc, 7, nullptr);
    CHECK(demo.branches().size() == 1);
    CHECK(demo.session().node().id == "opening");
    CHECK_FALSE(demo.back().ok);  // nothing above the opening

    auto options = demo.options();
    REQUIRE(options.size() == 2);
    CHECK(options[0].response->id == "notice");
    CHECK(options[0].leads_to == "stepping_out");
    CHECK_FALSE(options[0].next_line.empty());
    CHECK(options[0].branch == -1);

    // Play the mistake, come back, play the repair: two branches from the opening.
    REQUIRE(demo.play("push_on").ok);
    CHECK(demo.session().node().id == "opening");  // push_on loops back to the opening
    std::string after_push = demo.session().line();
    REQUIRE(demo.back().ok);
    CHECK(demo.current() == 0);
    REQUIRE(demo.play("notice").ok);
    CHECK(demo.session().node().id == "stepping_out");
    CHECK(demo.branches().size() == 3);
    CHECK(demo.branch(0).children.size() == 2);
    CHECK(demo.depth(demo.current()) == 1);

    // Revisiting a branch does not replay it: the same branch, the same line.
    REQUIRE(demo.back().ok);
    auto again = demo.options();
    CHECK(again[1].branch == 1);
    REQUIRE(demo.play("push_on").ok);
    CHECK(demo.current() == 1);
    CHECK(demo.session().line() == after_push);
    CHECK(demo.branches().size() == 3);

    CHECK_FALSE(demo.play("no_such_response").ok);
    CHECK(demo.go(2).ok);
    CHECK(demo.session().node().id == "stepping_out");
    CHECK_FALSE(demo.go(99).ok);
}

TEST_CASE("demo: options carry scores and the principles they embody") {
    ScenarioPtr sc = golden("withdrawal-resolved");
    std::string err;
    auto scorer = make_rubric_scorer(std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml", &err);
    REQUIRE_MESSAGE(scorer, err);
    Demo demo(sc, 7, scorer.get());
    auto options = demo.options();
    REQUIRE(options.size() == 2);
    const Demo::Option& notice = options[0];
    const Demo::Option& push = options[1];
    CHECK(notice.score.overall > push.score.overall);
    CHECK_FALSE(notice.embodies.empty());
    CHECK(push.embodies.empty());
}

TEST_CASE("demo: tallies per moment, saved with the demo and exported") {
    ScenarioPtr sc = golden("withdrawal-resolved");
    Demo demo(sc, 7, nullptr);
    demo.set_hands("notice", 12);
    demo.set_hands("push_on", 31);
    demo.set_hands("push_on", -4);  // clamps
    CHECK(demo.hands("opening", "notice") == 12);
    CHECK(demo.hands("opening", "push_on") == 0);
    REQUIRE(demo.play("notice").ok);
    demo.set_hands("stay", 20);
    CHECK(demo.hands("stepping_out", "stay") == 20);
    CHECK(demo.hands("nowhere", "stay") == 0);

    nlohmann::json j = demo.to_json();
    CHECK(j["format"] == "impasse-demo/1");
    CHECK(j["scenario"] == sc->id);
    CHECK(j["branches"].size() == 2);
    CHECK(j["branches"][1]["response"] == "notice");
    CHECK(j["branches"][1]["node"] == "stepping_out");
    CHECK(j["tallies"]["opening"]["notice"] == 12);

    fs::path dir = fs::temp_directory_path() / ("impasse-demo-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    std::string open_err;
    auto store = Store::open(dir.string(), &open_err);
    REQUIRE_MESSAGE(store, open_err);
    int64_t id = 0;
    REQUIRE(store->save_demo(&id, sc->id, j.dump()).empty());
    demo.set_hands("stay", 25);
    REQUIRE(store->save_demo(&id, sc->id, demo.to_json().dump()).empty());
    auto rows = store->demos();
    REQUIRE(rows.size() == 1);
    CHECK(nlohmann::json::parse(rows[0].record)["tallies"]["stepping_out"]["stay"] == 25);
    nlohmann::json exported = store->export_all();
    REQUIRE(exported["demos"].size() == 1);
    CHECK(exported["demos"][0]["record"]["tallies"]["opening"]["notice"] == 12);
    int64_t spot = 0;
    REQUIRE(store
                ->add_spotting(&spot, sc->id, R"([{"turn":1,"marker":"none"}])",
                               R"({"kappa":{"value":1.0}})")
                .empty());
    CHECK(spot > 0);
    REQUIRE(store->spottings().size() == 1);
    CHECK(store->export_all()["spotting"][0]["result"]["kappa"]["value"] == 1.0);
    CHECK(store->delete_all().empty());
    CHECK(store->demos().empty());
    CHECK(store->spottings().empty());
    store.reset();
    fs::remove_all(dir);
}
