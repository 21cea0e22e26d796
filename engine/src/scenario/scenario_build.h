// Internal steps of the scenario loader: build() reads a parsed document into a Scenario,
// check() validates what spans nodes (links, reachability, conditions, teaching warnings).
#pragma once

#include <yaml-cpp/yaml.h>

#include "impasse/scenario.h"
#include "yaml/safe_yaml.h"

namespace impasse::scenario_impl {

void build(yaml::Reader& r, const YAML::Node& root, Scenario& s);
void check(const Scenario& s, Diagnostics& out);

}  // namespace impasse::scenario_impl
