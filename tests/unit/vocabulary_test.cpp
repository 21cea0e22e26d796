// The compiled-in vocabulary must equal ids.yaml, the contract every output follows.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

#include "impasse/vocabulary.h"

namespace {

std::vector<std::string> ids(const std::vector<impasse::vocab::Term>& terms) {
    std::vector<std::string> out;
    for (const auto& t : terms)
        out.emplace_back(t.id);
    return out;
}

std::vector<std::string> seq(const YAML::Node& n) {
    std::vector<std::string> out;
    for (const auto& x : n)
        out.push_back(x.as<std::string>());
    return out;
}

void check_against(const std::string& path) {
    CAPTURE(path);
    YAML::Node y = YAML::LoadFile(path);
    using namespace impasse::vocab;
    CHECK(ids(rupture_types()) == seq(y["rupture_types"]));
    std::vector<std::string> all_markers = seq(y["markers"]["withdrawal"]);
    for (const auto& m : seq(y["markers"]["confrontation"]))
        all_markers.push_back(m);
    CHECK(ids(markers()) == all_markers);
    CHECK(ids(resolution_strategies()) == seq(y["resolution_strategies"]));
    CHECK(ids(principles()) == seq(y["principles"]));
    CHECK(ids(sequence_principles()) == seq(y["sequence_principles"]));
    CHECK(ids(counter_markers()) == seq(y["counter_markers"]));
    CHECK(ids(stages()) == seq(y["stages"]));
    CHECK(ids(alliance_dimensions()) == seq(y["alliance"]));
    CHECK(ids(feelings()) == seq(y["feelings"]));
    CHECK(ids(urges()) == seq(y["urges"]));
}

}  // namespace

TEST_CASE("vocabulary equals the project's copy of ids.yaml") {
    check_against(std::string(IMPASSE_SOURCE_DIR) + "/assets/ids.yaml");
}

TEST_CASE("vocabulary equals shared/domain/ids.yaml when it is beside the project") {
    std::string shared = std::string(IMPASSE_SOURCE_DIR) + "/../shared/domain/ids.yaml";
    if (!std::filesystem::exists(shared)) return;
    check_against(shared);
}

TEST_CASE("marker ids carry their rupture type") {
    using namespace impasse::vocab;
    for (const auto& m : markers())
        CHECK(!marker_rupture_type(m.id).empty());
    CHECK(marker_rupture_type("withdrawal.denial") == "withdrawal");
    CHECK(marker_rupture_type("confrontation.defends_self") == "confrontation");
    CHECK(marker_rupture_type("withdrawal") == "");
    CHECK(any_label("here_and_now") == "Here and now");
}
