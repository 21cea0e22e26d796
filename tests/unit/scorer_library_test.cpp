// The bundled library, scored as authored options: expert answers clearly above the authored
// mistakes at every kind of moment (a check on the rubric's moment weights with real cases).
#include <doctest/doctest.h>

#include <string>

#include "impasse/paths.h"
#include "impasse/scenario_loader.h"
#include "scorer_fixture.h"

using namespace impasse::test;

TEST_CASE("bundled cases: expert options outscore options that enact counter-markers") {
    auto lib = impasse::load_library({std::string(IMPASSE_SOURCE_DIR) + "/scenarios"});
    if (lib.scenarios.empty()) return;  // no bundled library in this checkout
    double expert_sum = 0, mistake_sum = 0;
    int experts = 0, mistakes = 0, inverted = 0, nodes = 0;
    for (const auto& sc : lib.scenarios) {
        for (const auto& node : sc->nodes) {
            impasse::Moment m;
            m.scenario = sc.get();
            m.node = &node;
            m.markers = node.markers;
            m.stage = node.stage;
            m.rupture_type = sc->rupture_type;
            double best_expert = -1, best_mistake = -1;
            for (const auto& r : node.responses) {
                double o = scorer().score_option(r, m).overall;
                if (r.expert) {
                    expert_sum += o;
                    ++experts;
                    best_expert = std::max(best_expert, o);
                } else if (!r.counter_markers.empty()) {
                    mistake_sum += o;
                    ++mistakes;
                    best_mistake = std::max(best_mistake, o);
                }
            }
            if (best_expert >= 0 && best_mistake >= 0) {
                ++nodes;
                if (best_mistake >= best_expert) ++inverted;
            }
        }
    }
    REQUIRE(experts > 0);
    REQUIRE(mistakes > 0);
    double e = expert_sum / experts, k = mistake_sum / mistakes;
    CAPTURE(e);
    CAPTURE(k);
    CHECK(e >= 70);
    CHECK(k <= 40);
    CHECK(e - k >= 35);
    CHECK(inverted == 0);  // at no node does a mistake reach the expert answer
    MESSAGE("expert mean " << e << ", mistake mean " << k << ", nodes " << nodes);
}
