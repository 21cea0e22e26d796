// The scenario loader and validator: every diagnostic code at its line and column (one small
// bad file each, in tests/data/scenarios/bad, whose first line says what it expects), the
// bundled library, and hostile input.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "impasse/scenario_loader.h"

namespace fs = std::filesystem;
using impasse::Severity;

namespace {

std::string data(const std::string& rel) {
    return std::string(IMPASSE_TEST_DATA) + "/" + rel;
}

std::string first_line(const fs::path& p) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    return line;
}

bool has(const impasse::Diagnostics& ds, const std::string& code, int line = 0, int col = 0) {
    return std::any_of(ds.begin(), ds.end(), [&](const impasse::Diagnostic& d) {
        return d.code == code && (line == 0 || d.line == line) && (col == 0 || d.column == col);
    });
}

std::string dump(const impasse::Diagnostics& ds) {
    std::string s;
    for (const auto& d : ds)
        s += d.to_string() + "\n";
    return s;
}

}  // namespace

TEST_CASE("loader: every bad file gives its diagnostic at its line and column") {
    std::set<std::string> codes;
    for (const auto& e : fs::directory_iterator(data("scenarios/bad"))) {
        std::string head = first_line(e.path());
        CAPTURE(e.path().string());
        REQUIRE(head.rfind("# expect: ", 0) == 0);
        std::istringstream in(head.substr(10));
        std::string code, pos;
        in >> code >> pos;
        int line = std::stoi(pos.substr(0, pos.find(':')));
        int col = std::stoi(pos.substr(pos.find(':') + 1));
        impasse::LoadResult r = impasse::load_scenario_file(e.path().string());
        INFO(dump(r.diagnostics));
        CHECK(has(r.diagnostics, code, line, col));
        bool warning_only = code == "IMP0402" || code == "IMP0405";
        CHECK((r.scenario != nullptr) == warning_only);
        for (const auto& d : r.diagnostics)
            CHECK(d.file == e.path().string());
        codes.insert(code);
    }
    CHECK(codes.size() >= 27);
}

TEST_CASE("loader: a complete small case loads with every field and location") {
    impasse::LoadResult r = impasse::load_scenario_file(data("scenarios/good/small-case.yaml"));
    INFO(dump(r.diagnostics));
    REQUIRE(r.scenario);
    CHECK(r.diagnostics.empty());
    const impasse::Scenario& s = *r.scenario;
    CHECK(s.id == "small-case");
    CHECK(s.patient.pronouns == "they/them");
    CHECK(s.initial.alliance.task == doctest::Approx(0.4));
    CHECK(s.initial.vars.at("pushed").is_bool());
    CHECK(s.hash.size() == 16);
    const impasse::Node* n = s.find_node("opening");
    REQUIRE(n);
    CHECK(n->loc.line == 27);
    CHECK(n->loc.column == 3);
    CHECK(n->markers.at(0).salience == 2);
    CHECK(n->variants.size() == 2);
    CHECK(n->variants[0].when.has_value());
    CHECK(n->variants[1].id == "opening#2");
    CHECK(n->pull.feelings == std::vector<std::string>{"anxious"});
    REQUIRE(n->responses.size() == 3);
    CHECK(n->responses[0].expert);
    CHECK(n->responses[0].ratings.at("here_and_now") == 2);
    CHECK(n->responses[0].effects.size() == 2);
    CHECK(n->responses[2].condition->source == "vars.pushed");
    CHECK(n->free_text.fallback == "pushed");
    CHECK(s.find_node("bad_end")->ending->kind == impasse::EndingKind::dropout);
}

TEST_CASE("loader: every bundled scenario validates without errors or warnings") {
    impasse::Library lib = impasse::load_library({std::string(IMPASSE_SOURCE_DIR) + "/scenarios"});
    INFO(dump(lib.diagnostics));
    CHECK(lib.diagnostics.empty());
    CHECK(lib.scenarios.size() == lib.files.size());
}

TEST_CASE("library: one bad file does not stop the others; duplicate ids are refused") {
    char tmpl[] = "/tmp/impasse-lib-XXXXXX";
    fs::path dir = mkdtemp(tmpl);
    fs::copy_file(data("scenarios/good/small-case.yaml"), dir / "a.yaml");
    fs::copy_file(data("scenarios/good/small-case.yaml"), dir / "b.yaml");
    fs::copy_file(data("scenarios/bad/IMP0005-syntax.yaml"), dir / "c.yaml");
    impasse::Library lib = impasse::load_library({dir.string()});
    CHECK(lib.scenarios.size() == 1);
    CHECK(has(lib.diagnostics, "IMP0302"));
    CHECK(has(lib.diagnostics, "IMP0005"));
    fs::remove_all(dir);
}

TEST_CASE("loader: hostile input gets one clear diagnostic") {
    using impasse::load_scenario_text;
    SUBCASE("a file over the size limit") {
        std::string big(9 * 1024 * 1024, 'a');
        auto r = load_scenario_text(big, "big.yaml");
        CHECK(has(r.diagnostics, "IMP0002"));
        CHECK(r.diagnostics.size() == 1);
    }
    SUBCASE("flow nesting far deeper than the limit") {
        std::string deep(1'000'000, '[');
        auto r = load_scenario_text(deep, "deep.yaml");
        CHECK(has(r.diagnostics, "IMP0004", 1));
        CHECK(r.diagnostics.size() == 1);
    }
    SUBCASE("block nesting deeper than the limit") {
        std::string deep;
        for (int i = 0; i < 200; ++i)
            deep += std::string(static_cast<size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
        auto r = load_scenario_text(deep, "deep.yaml");
        CHECK(has(r.diagnostics, "IMP0004"));
    }
    SUBCASE("an alias bomb") {
        std::string bomb =
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        std::string prev = "a";
        for (char c = 'b'; c <= 'k'; ++c) {
            bomb += std::string(1, c) + ": &" + c + " [";
            for (int i = 0; i < 9; ++i)
                bomb += (i ? ",*" : "*") + prev;
            bomb += "]\n";
            prev = std::string(1, c);
        }
        auto r = load_scenario_text(bomb, "bomb.yaml");
        CHECK(has(r.diagnostics, "IMP0006"));
        CHECK(r.scenario == nullptr);
    }
    SUBCASE("binary garbage") {
        std::string junk;
        for (int i = 0; i < 4096; ++i)
            junk += static_cast<char>((i * 7919) % 256);
        auto r = load_scenario_text(junk, "junk.yaml");
        CHECK(has(r.diagnostics, "IMP0003"));
        CHECK(r.diagnostics.size() == 1);
    }
    SUBCASE("invalid UTF-8, with its position") {
        auto r = load_scenario_text("format: impasse/1\ntitle: \"caf\xe9\"\n", "latin1.yaml");
        CHECK(has(r.diagnostics, "IMP0003", 2, 12));
    }
    SUBCASE("a folder or a missing file passed as a scenario") {
        auto r = impasse::load_scenario_file(data("scenarios"));
        CHECK(has(r.diagnostics, "IMP0001"));
        auto m = impasse::load_scenario_file(data("scenarios/nope.yaml"));
        CHECK(has(m.diagnostics, "IMP0001"));
    }
    SUBCASE("an unreadable file") {
        char tmpl[] = "/tmp/impasse-unreadable-XXXXXX";
        fs::path dir = mkdtemp(tmpl);
        fs::path f = dir / "x.yaml";
        std::ofstream(f) << "format: impasse/1\n";
        ::chmod(f.c_str(), 0);
        auto r = impasse::load_scenario_file(f.string());
        // root can read anything; others get IMP0001. Either way: no crash, no scenario.
        CHECK(r.scenario == nullptr);
        fs::remove_all(dir);
    }
    SUBCASE("millions of tiny values: refused before parsing, at the value past the limit") {
        std::string many = "format: impasse/1\nlist:\n";
        for (int i = 0; i < 2'000'000; ++i)
            many += "- a\n";
        auto r = load_scenario_text(many, "many.yaml");
        CHECK(has(r.diagnostics, "IMP0010", 400'001, 1));
        CHECK(r.diagnostics.size() == 1);
    }
    SUBCASE("a literal block full of brackets is text, not nesting") {
        std::string text = "format: impasse/1\nid: x\nsummary: |\n  " + std::string(70, '[') +
                           "\n  and more text\nsecond: >-\n  " + std::string(90, '{') + "\n";
        auto r = load_scenario_text(text, "lit.yaml");
        CHECK_FALSE(has(r.diagnostics, "IMP0004"));
        CHECK(has(r.diagnostics, "IMP0102"));  // `second` is unknown: the file was read
    }
    SUBCASE("a '---' inside a literal block is text, not a second document") {
        std::string text = "format: impasse/1\nid: x\nsummary: |\n  a\n---\n";
        auto one = load_scenario_text("---\nformat: impasse/1\nid: x\n", "one.yaml");
        CHECK_FALSE(has(one.diagnostics, "IMP0008"));  // a marker before the only document
        auto two = load_scenario_text(text, "two.yaml");
        CHECK(has(two.diagnostics, "IMP0008", 5, 1));
    }
    SUBCASE("old Mac line endings (CR only) read as line breaks, with the right positions") {
        std::ifstream in(data("scenarios/good/small-case.yaml"), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string unix_text = ss.str(), mac = unix_text;
        for (char& c : mac)
            if (c == '\n') c = '\r';
        auto a = load_scenario_text(unix_text, "unix.yaml");
        auto b = load_scenario_text(mac, "mac.yaml");
        REQUIRE_MESSAGE(b.scenario, dump(b.diagnostics));
        CHECK(b.scenario->nodes.size() == a.scenario->nodes.size());
        CHECK(b.scenario->hash != "");
        std::string broken = "format: impasse/1\rid: x\rtitle: [\r";
        auto c = load_scenario_text(broken, "broken.yaml");
        REQUIRE_FALSE(c.diagnostics.empty());
        CHECK(c.diagnostics.front().line >= 3);
    }
    SUBCASE("empty and whitespace-only files") {
        CHECK(has(load_scenario_text("", "empty.yaml").diagnostics, "IMP0101"));
        CHECK(has(load_scenario_text("   \n\n", "blank.yaml").diagnostics, "IMP0101"));
    }
}
