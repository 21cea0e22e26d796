// Reports: the HTML is self-contained and escapes what the trainee wrote; JSON and CSV carry
// every turn.
#include <doctest/doctest.h>

#include <filesystem>

#include "impasse/report.h"
#include "impasse/xapi.h"

namespace fs = std::filesystem;

namespace {

struct Fixture {
    fs::path dir;
    std::unique_ptr<impasse::Store> store;
    int64_t drill = 0;
    Fixture() {
        char tmpl[] = "/tmp/impasse-report-XXXXXX";
        dir = mkdtemp(tmpl);
        std::string err;
        store = impasse::Store::open(dir.string(), &err);
        REQUIRE(store);
        drill = *store->begin_drill("harold-too-young", "h", 9, &err);
        impasse::TurnRow t;
        t.index = 0;
        t.node = "opening";
        t.input = {{"kind", "text"},
                   {"text", "<script>alert(1)</script> I wonder, right now, what's it like?"}};
        t.overall = 72;
        t.record = {
            {"node", "opening"},
            {"patient", "How old are you, anyway?"},
            {"cue", "He looks past you."},
            {"markers", {{{"id", "confrontation.complaint_about_therapist"}, {"salience", 4}}}},
            {"scores",
             {{"overall", 72}, {"principles", {{"here_and_now", 0.9}, {"tentativeness", 0.6}}}}},
            {"feedback", {{"summary", "You stayed with him."}}},
            {"state_after", {{"alliance", {{"bond", 0.55}, {"task", 0.4}, {"goal", 0.5}}}}}};
        REQUIRE(store->append_turn(drill, t).empty());
        impasse::CheckIn c;
        c.drill_id = drill;
        c.turn = 0;
        c.feelings = {"inadequate"};
        c.intensity = 6;
        c.urges = {"defend"};
        REQUIRE(store->add_checkin(c).empty());
        impasse::JournalEntry j;
        j.drill_id = drill;
        j.text = "I felt young & small.";
        REQUIRE(store->add_journal(j).empty());
        REQUIRE(store->finish_drill(drill, "resolved").empty());
    }
    ~Fixture() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("report: HTML is one self-contained page that escapes user text") {
    Fixture f;
    auto data = impasse::collect_report(*f.store, {f.drill, "", ""},
                                        [](const std::string&) { return "Too young"; });
    std::string html = impasse::render_report_html(data);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("href=") == std::string::npos);
    CHECK(html.find("How old are you, anyway?") != std::string::npos);
    CHECK(html.find("Complaint about the therapist") != std::string::npos);
    CHECK(html.find("Not good enough") != std::string::npos);
    CHECK(html.find("I felt young &amp; small.") != std::string::npos);
    CHECK(html.find("Too young") != std::string::npos);
    CHECK(html.find("Resolved") != std::string::npos);
}

TEST_CASE("report: JSON and CSV carry every turn") {
    Fixture f;
    auto data = impasse::collect_report(*f.store, {}, nullptr);
    auto j = impasse::render_report_json(data);
    REQUIRE(j["drills"].size() == 1);
    CHECK(j["drills"][0]["title"] == "harold-too-young");
    CHECK(j["drills"][0]["turns"][0]["overall"] == 72);
    CHECK(j["drills"][0]["checkins"][0]["urges"][0] == "defend");
    std::string csv = impasse::render_report_csv(data);
    auto first_nl = csv.find('\n');
    std::string header = csv.substr(0, first_nl);
    CHECK(header.find("here_and_now") != std::string::npos);
    CHECK(header.find("generalizing") != std::string::npos);
    std::string row = csv.substr(first_nl + 1);
    CHECK(row.find("\"<script>alert(1)</script> I wonder, right now, what's it like?\"") !=
          std::string::npos);
    CHECK(row.find(",0.9,") != std::string::npos);
    CHECK(row.find(",0.55,0.4,0.5") != std::string::npos);
}

TEST_CASE("xapi: one statement per turn and per drill, with stable ids") {
    Fixture f;
    auto data = impasse::collect_report(*f.store, {}, nullptr);
    auto a = impasse::xapi_statements(data, {});
    auto b = impasse::xapi_statements(data, {});
    REQUIRE(a.size() == 2);
    CHECK(a[0]["id"] == b[0]["id"]);
    CHECK(a[0]["id"] != a[1]["id"]);
    CHECK(a[0]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/responded");
    CHECK(a[0]["result"]["score"]["scaled"] == doctest::Approx(0.72));
    CHECK(a[1]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed");
    CHECK(a[1]["result"]["success"] == true);
    CHECK(a[0]["context"]["registration"] == a[1]["context"]["registration"]);
    std::string id = a[0]["id"];
    CHECK(id.size() == 36);
    CHECK(id[14] == '8');
}
