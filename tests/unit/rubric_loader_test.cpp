// The rubric loader: the bundled rubric is clean, and every kind of mistake gets a located
// diagnostic with its code.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "impasse/rubric.h"

namespace {

std::string bundled() {
    std::ifstream in(std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The bundled rubric with `from` replaced by `to` (once).
std::string edited(const std::string& from, const std::string& to) {
    std::string s = bundled();
    size_t at = s.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return s.replace(at, from.size(), to);
}

const impasse::Diagnostic* find_code(const impasse::Diagnostics& d, const std::string& code) {
    for (const auto& x : d)
        if (x.code == code) return &x;
    return nullptr;
}

}  // namespace

TEST_CASE("the bundled rubric loads without errors or warnings") {
    auto r = impasse::load_rubric_file(std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml");
    for (const auto& d : r.diagnostics)
        CAPTURE(d.to_string());
    REQUIRE(r.rubric);
    CHECK(r.diagnostics.empty());
    for (const auto& e : r.rubric->principles) {
        CHECK(!e.name.empty());
        CHECK(!e.description.empty());
        CHECK(!e.well.empty());
        CHECK(!e.signals.empty());
    }
    for (const auto& e : r.rubric->counter_markers)
        CHECK(!e.signals.empty());
    for (const auto& e : r.rubric->strategies)
        CHECK(!e.signals.empty());
    CHECK(r.rubric->rupture_types.count("confrontation"));
    CHECK(r.rubric->stages.count("avoidance"));
}

TEST_CASE("an unknown principle id is named with a suggestion and its line") {
    auto r = impasse::load_rubric_text(edited("  tentativeness:\n", "  tentativenes:\n"), "r.yaml");
    CHECK_FALSE(r.rubric);
    const auto* d = find_code(r.diagnostics, "IMP0905");
    REQUIRE(d);
    CHECK(d->message.find("did you mean 'tentativeness'") != std::string::npos);
    CHECK(d->line > 1);
    CHECK(d->to_string().rfind("r.yaml:", 0) == 0);
    CHECK(find_code(r.diagnostics, "IMP0906"));  // and tentativeness itself is now missing
}

TEST_CASE("a bad pattern is an error that quotes it") {
    auto r =
        impasse::load_rubric_text(edited("\"i ...2 wonder\"", "\"i ... @nosuchclass\""), "r.yaml");
    CHECK_FALSE(r.rubric);
    const auto* d = find_code(r.diagnostics, "IMP0907");
    REQUIRE(d);
    CHECK(d->message.find("@nosuchclass") != std::string::npos);
    auto gap = impasse::load_rubric_text(edited("\"i ...2 wonder\"", "\"... wonder\""), "r.yaml");
    CHECK(find_code(gap.diagnostics, "IMP0907"));
    auto chars = impasse::load_rubric_text(edited("\"i ...2 wonder\"", "\"i (wonder)\""), "r.yaml");
    CHECK(find_code(chars.diagnostics, "IMP0907"));
}

TEST_CASE("wrong types, out-of-range numbers and unknown keys") {
    auto t = impasse::load_rubric_text(edited("weight: 0.75}", "weight: lots}"), "r.yaml");
    CHECK(find_code(t.diagnostics, "IMP0903"));
    auto range = impasse::load_rubric_text(edited("weight: 0.75}", "weight: 1.5}"), "r.yaml");
    CHECK(find_code(range.diagnostics, "IMP0908"));
    auto key = impasse::load_rubric_text(
        edited("    name: Tentativeness\n", "    name: Tentativeness\n    descripton: x\n"),
        "r.yaml");
    const auto* d = find_code(key.diagnostics, "IMP0904");
    REQUIRE(d);
    CHECK(d->message.find("did you mean 'description'") != std::string::npos);
    auto feat = impasse::load_rubric_text(edited("feature: open_question", "feature: openquestion"),
                                          "r.yaml");
    CHECK(find_code(feat.diagnostics, "IMP0910"));
    auto fit = impasse::load_rubric_text(
        edited("acknowledge_contribution: 0.5,", "acknowledge_contribution: 3,"), "r.yaml");
    CHECK(find_code(fit.diagnostics, "IMP0908"));
    auto stage =
        impasse::load_rubric_text(edited("    avoidance:\n", "    avoidence:\n"), "r.yaml");
    CHECK(find_code(stage.diagnostics, "IMP0905"));
}

TEST_CASE("syntax errors carry line and column; format and size are checked") {
    auto r = impasse::load_rubric_text("format: impasse-rubric/1\nprinciples: [a, b\n", "bad.yaml");
    CHECK_FALSE(r.rubric);
    const auto* d = find_code(r.diagnostics, "IMP0005");  // the safe YAML layer's codes
    REQUIRE(d);
    CHECK(d->line >= 2);
    auto f =
        impasse::load_rubric_text(edited("format: impasse-rubric/1", "format: other/2"), "r.yaml");
    CHECK(find_code(f.diagnostics, "IMP0911"));
    auto deep = impasse::load_rubric_text(std::string(10000, '['), "deep.yaml");
    CHECK(find_code(deep.diagnostics, "IMP0004"));
    auto missing = impasse::load_rubric_file("/nonexistent/rubric.yaml");
    CHECK(find_code(missing.diagnostics, "IMP0001"));
    auto binary = impasse::load_rubric_text("format: \xFF\xFE\n", "bin.yaml");
    CHECK(find_code(binary.diagnostics, "IMP0003"));
    auto huge = impasse::load_rubric_text(std::string(3 * 1024 * 1024, '#'), "huge.yaml");
    CHECK(find_code(huge.diagnostics, "IMP0002"));
    auto scalar = impasse::load_rubric_text("just text", "s.yaml");
    CHECK(find_code(scalar.diagnostics, "IMP0903"));
}

TEST_CASE("a duplicated key is reported") {
    auto r = impasse::load_rubric_text(
        edited("    name: Tentativeness\n", "    name: Tentativeness\n    name: Again\n"),
        "r.yaml");
    CHECK(find_code(r.diagnostics, "IMP0007"));
}

TEST_CASE("patterns compile: stems, exact forms, prefixes, gaps, anchors, look-aheads") {
    std::map<std::string, std::vector<impasse::PatternElem::Alt>> classes;
    std::vector<impasse::PatternElem> e;
    using K = impasse::PatternElem::Kind;
    CHECK(impasse::compile_pattern("^ i ...2 wondering|=may notic* !to", classes, &e) == "");
    REQUIRE(e.size() == 6);
    CHECK(e[0].kind == K::sentence_start);
    CHECK(e[2].kind == K::gap);
    CHECK(e[2].max_gap == 2);
    CHECK(e[3].alts.size() == 2);
    CHECK(e[3].alts[0].value == "wonder");
    CHECK(e[4].alts[0].match == impasse::PatternElem::Match::prefix);
    CHECK(e[5].kind == K::not_next);
    CHECK(impasse::compile_pattern("don't worry", classes, &e) == "");
    CHECK(e.size() == 3);  // do not worry
    CHECK(impasse::compile_pattern("", classes, &e) != "");
    CHECK(impasse::compile_pattern("a ...99 b", classes, &e) != "");
    CHECK(impasse::compile_pattern("a ...", classes, &e) != "");
    CHECK(impasse::compile_pattern("a ^", classes, &e) != "");
    CHECK(impasse::compile_pattern("a||b", classes, &e) != "");
}

TEST_CASE("implied_by names another principle with a factor in 0..1") {
    auto bad = impasse::load_rubric_text(edited("implied_by: {accept_responsibility: 0.6}   #",
                                                "implied_by: {acept_responsibility: 0.6}   #"),
                                         "r.yaml");
    const auto* d = find_code(bad.diagnostics, "IMP0905");
    REQUIRE(d);
    CHECK(d->message.find("accept_responsibility") != std::string::npos);
    auto range = impasse::load_rubric_text(edited("implied_by: {accept_responsibility: 0.6}   #",
                                                  "implied_by: {accept_responsibility: 2}   #"),
                                           "r.yaml");
    CHECK(find_code(range.diagnostics, "IMP0908"));
}
