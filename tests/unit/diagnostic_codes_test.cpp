// The one table of diagnostic codes (impasse/diagnostic_codes.h) against the code that reports
// them and the pages that document them (issue 19: "Diagnostic codes are defined once, in a
// table"). Every code in the table has its entry in the docs under the same title and
// severity, no documented code is missing from the table, no engine or app source spells a code
// as a literal, and the bad example files report their codes at the table's severity.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "impasse/diagnostic_codes.h"
#include "impasse/scenario_loader.h"

namespace fs = std::filesystem;
using namespace impasse;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path source(const char* rel) {
    return fs::path(IMPASSE_SOURCE_DIR) / rel;
}

struct Documented {
    std::string title;  // "" where the page gives none per code (a range heading)
    std::string severity;
    std::string page;
};

// Codes as the three pages document them: `## IMP0104 — wrong type` headings (a "(warning)"
// suffix marks a warning) and `## IMP1201–IMP1205 — ...` ranges in diagnostics.md; table rows
// `| IMP0903 | error | ...` in diagnostics-rubric.md and `| IMP1201 | ... |` in spotting.md.
std::map<std::string, Documented> documented() {
    std::map<std::string, Documented> out;
    std::istringstream main(slurp(source("docs/diagnostics.md")));
    std::regex heading(R"(^## (IMP\d{4}) — (.*)$)");
    std::regex range(R"(^## IMP(\d{4})–IMP(\d{4}) — )");
    std::string line;
    std::smatch m;
    while (std::getline(main, line)) {
        if (std::regex_search(line, m, heading)) {
            std::string title = m[2];
            std::string sev = "error";
            const std::string suffix = " (warning)";
            if (title.size() > suffix.size() &&
                title.compare(title.size() - suffix.size(), suffix.size(), suffix) == 0) {
                title.resize(title.size() - suffix.size());
                sev = "warning";
            }
            out[m[1]] = {title, sev, "diagnostics.md"};
        } else if (std::regex_search(line, m, range)) {
            for (int c = std::stoi(m[1]); c <= std::stoi(m[2]); ++c) {
                char id[16];
                std::snprintf(id, sizeof id, "IMP%04d", c);
                out[id] = {"", "", "diagnostics.md"};
            }
        }
    }
    std::istringstream rubric(slurp(source("docs/diagnostics-rubric.md")));
    std::regex rubric_row(R"(^\| (IMP\d{4}) \| (error|warning) \|)");
    while (std::getline(rubric, line))
        if (std::regex_search(line, m, rubric_row)) out[m[1]] = {"", m[2], "diagnostics-rubric.md"};
    std::istringstream spotting(slurp(source("docs/spotting.md")));
    std::regex spot_row(R"(^\| (IMP\d{4}) \|)");
    while (std::getline(spotting, line))
        if (std::regex_search(line, m, spot_row)) out[m[1]].page = "spotting.md";
    return out;
}

}  // namespace

TEST_CASE("the diagnostic table: ascending, unique, well-formed codes") {
    std::regex form(R"(IMP\d{4})");
    std::string previous;
    int n = 0;
    for (auto* d = diagnostic_codes_begin(); d != diagnostic_codes_end(); ++d, ++n) {
        INFO(d->code);
        CHECK(std::regex_match(d->code, form));
        CHECK(std::string(d->code) > previous);
        CHECK(std::string(d->title).size() > 3);
        CHECK(find_diagnostic_code(d->code) == d);
        previous = d->code;
    }
    CHECK(n > 50);
    CHECK(find_diagnostic_code("IMP9999") == nullptr);
    CHECK(std::string(codes::unknown_key) == "IMP0102");
}

TEST_CASE("every code in the table is documented, under its title and severity, and no other") {
    auto docs = documented();
    std::set<std::string> table;
    for (auto* d = diagnostic_codes_begin(); d != diagnostic_codes_end(); ++d) {
        INFO(d->code);
        table.insert(d->code);
        auto it = docs.find(d->code);
        REQUIRE_MESSAGE(it != docs.end(), d->code << " has no entry in docs/diagnostics*.md");
        if (!it->second.title.empty()) CHECK(it->second.title == std::string(d->title));
        if (!it->second.severity.empty()) CHECK(it->second.severity == severity_name(d->severity));
    }
    for (const auto& [code, doc] : docs)
        CHECK_MESSAGE(table.count(code), code << " is documented in " << doc.page
                                              << " but not in impasse/diagnostic_codes.h");
}

TEST_CASE("no engine or app source spells a diagnostic code as a literal") {
    std::regex literal(R"("IMP\d{4}")");
    int files = 0;
    for (const char* dir : {"engine", "app"}) {
        for (const auto& e : fs::recursive_directory_iterator(source(dir))) {
            auto ext = e.path().extension();
            if (!e.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
            if (e.path().filename() == "diagnostic_codes.h") continue;
            ++files;
            std::string text = slurp(e.path());
            std::smatch m;
            CHECK_MESSAGE(!std::regex_search(text, m, literal),
                          e.path().string()
                              << " spells " << m.str(0) << ": name it by its codes:: constant");
        }
    }
    CHECK(files > 50);
}

TEST_CASE("the bad example files report their own code, at the table's severity") {
    int files = 0;
    for (const auto& e : fs::directory_iterator(source("tests/data/scenarios/bad"))) {
        std::string name = e.path().filename().string();
        if (name.rfind("IMP", 0) != 0) continue;
        ++files;
        INFO(name);
        auto r = load_scenario_file(e.path().string());
        bool found = false;
        for (const auto& d : r.diagnostics) {
            const DiagnosticDescriptor* desc = find_diagnostic_code(d.code);
            REQUIRE_MESSAGE(desc, d.code << " is not in the table");
            CHECK(d.severity == desc->severity);
            found = found || d.code == name.substr(0, 7);
        }
        CHECK_MESSAGE(found, "no " << name.substr(0, 7) << " reported");
    }
    CHECK(files > 30);
}
