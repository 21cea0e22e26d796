// Small scenarios for the session tests, built from the golden cases' YAML files.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "impasse/scenario_loader.h"
#include "impasse/session.h"

namespace impasse::test {

inline ScenarioPtr golden_scenario(const std::string& name) {
    LoadResult r = load_scenario_file(std::string(IMPASSE_SOURCE_DIR) + "/tests/golden/" + name +
                                      "/scenario.yaml");
    if (!r.scenario) FAIL("golden scenario " << name << " does not load");
    return r.scenario;
}

inline Session::Clock fixed_clock() {
    return [] { return std::string("2026-01-01T00:00:00.000Z"); };
}

}  // namespace impasse::test
