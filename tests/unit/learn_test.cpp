// Learn pages: every vocabulary id has a page, the pages parse, docs/theory.md is current, and
// examples are found in scenarios.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "impasse/learn.h"
#include "impasse/markdown.h"
#include "impasse/scenario_loader.h"
#include "impasse/vocabulary.h"

namespace {

impasse::LearnLibrary pages() {
    return impasse::load_learn_pages(std::string(IMPASSE_SOURCE_DIR) + "/assets/learn");
}

}  // namespace

TEST_CASE("learn: every id in the vocabulary has a page, and the pages load cleanly") {
    auto lib = pages();
    for (const auto& d : lib.diagnostics)
        FAIL_CHECK(d.to_string());
    using namespace impasse::vocab;
    for (const auto* list : {&rupture_types(), &markers(), &resolution_strategies(), &principles(),
                             &sequence_principles(), &counter_markers(), &stages(),
                             &alliance_dimensions(), &feelings(), &urges()})
        for (const auto& t : *list) {
            CAPTURE(t.id);
            const auto* p = lib.find(std::string(t.id));
            REQUIRE(p != nullptr);
            CHECK(!p->summary.empty());
            CHECK(!impasse::md::parse(p->body).empty());
        }
}

TEST_CASE("learn: every link in a page points at an existing page") {
    auto lib = pages();
    for (const auto& p : lib.pages)
        for (const auto& b : impasse::md::parse(p.body)) {
            std::vector<impasse::md::Span> spans = b.spans;
            for (const auto& cell : b.cells)
                spans.insert(spans.end(), cell.begin(), cell.end());
            for (const auto& s : spans)
                if (s.style == impasse::md::Span::Style::link) {
                    CAPTURE(p.id);
                    CAPTURE(s.target);
                    REQUIRE(s.target.rfind("learn:", 0) == 0);
                    CHECK(lib.find(s.target.substr(6)) != nullptr);
                }
        }
}

TEST_CASE("learn: docs/theory.md is generated from the pages and up to date") {
    std::ifstream in(std::string(IMPASSE_SOURCE_DIR) + "/docs/theory.md");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string expected = impasse::theory_markdown(pages());
    CHECK_MESSAGE(ss.str() == expected,
                  "regenerate: impasse learn --all --markdown > docs/theory.md");
}

TEST_CASE("markdown: headings, bullets, emphasis, links and tables") {
    using impasse::md::Block;
    using impasse::md::Span;
    auto blocks = impasse::md::parse(
        "# Title\n\nA **bold** and *soft* [link](learn:x).\n\n- one\n- two\n\n| a | b "
        "|\n|---|---|\n| 1 | 2 |\n");
    REQUIRE(blocks.size() == 6);
    CHECK(blocks[0].kind == Block::Kind::heading);
    CHECK(blocks[0].level == 1);
    REQUIRE(blocks[1].spans.size() == 7);
    CHECK(blocks[1].spans[1].style == Span::Style::bold);
    CHECK(blocks[1].spans[3].style == Span::Style::italic);
    CHECK(blocks[1].spans[5].style == Span::Style::link);
    CHECK(blocks[1].spans[5].target == "learn:x");
    CHECK(blocks[2].kind == Block::Kind::bullet);
    CHECK(blocks[4].header_row);
    CHECK(blocks[5].cells.size() == 2);
    std::string term = impasse::md::to_terminal(blocks, 40);
    CHECK(term.find("Title\n=====") == 0);
    CHECK(term.find("  - one") != std::string::npos);
}

TEST_CASE("learn: examples come from the scenarios given") {
    auto s = std::make_shared<impasse::Scenario>();
    s->id = "t";
    s->title = "T";
    impasse::Node n;
    n.id = "a";
    n.say = "I'm fine.";
    n.markers.push_back({"withdrawal.denial", 3, {}});
    impasse::Response good;
    good.id = "g";
    good.text = "I notice you smiled just now.";
    good.ratings["here_and_now"] = 2;
    good.strategy = "invite_discussion";
    impasse::Response bad;
    bad.id = "b";
    bad.text = "Let's get back to the worksheet.";
    bad.ratings["here_and_now"] = 0;
    bad.counter_markers = {"ignoring_marker"};
    n.responses = {good, bad};
    s->nodes.push_back(n);
    std::vector<impasse::ScenarioPtr> lib{s};
    auto m = impasse::find_examples("withdrawal.denial", lib);
    REQUIRE(m.size() == 1);
    CHECK(m[0].patient_line == "I'm fine.");
    auto p = impasse::find_examples("here_and_now", lib);
    REQUIRE(p.size() == 2);
    CHECK(p[0].positive);
    CHECK(p[0].rating == 2);
    CHECK_FALSE(p[1].positive);
    CHECK(impasse::find_examples("ignoring_marker", lib).at(0).response_text ==
          "Let's get back to the worksheet.");
    CHECK(impasse::find_examples("invite_discussion", lib).size() == 1);
}

TEST_CASE("learn: every marker the bundled library uses has live examples") {
    impasse::Library lib = impasse::load_library({std::string(IMPASSE_SOURCE_DIR) + "/scenarios"});
    std::set<std::string> used;
    for (const auto& s : lib.scenarios)
        for (const auto& n : s->nodes)
            for (const auto& m : n.markers)
                used.insert(m.id);
    CHECK(!used.empty());
    for (const auto& id : used) {
        CAPTURE(id);
        auto examples = impasse::find_examples(id, lib.scenarios);
        CHECK(!examples.empty());
        for (const auto& e : examples)
            CHECK(!e.patient_line.empty());
    }
    // Principles rated in the library have examples both ways.
    CHECK(!impasse::find_examples("non_defensive", lib.scenarios).empty());
}
