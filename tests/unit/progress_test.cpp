// Progress: check-in patterns, calibration, pause comparison and the next drill.
#include <doctest/doctest.h>

#include <filesystem>

#include "impasse/progress.h"

namespace fs = std::filesystem;

namespace {

impasse::ScenarioPtr scenario(const std::string& id, const std::string& type, int difficulty) {
    auto s = std::make_shared<impasse::Scenario>();
    s->id = id;
    s->title = id;
    s->rupture_type = type;
    s->difficulty = difficulty;
    return s;
}

void add_turn(impasse::Store& st, int64_t drill, int idx, double non_defensive) {
    impasse::TurnRow t;
    t.index = idx;
    t.node = "n" + std::to_string(idx);
    t.input = {{"kind", "option"}, {"response", "r"}};
    t.overall = non_defensive * 100;
    t.record = {{"markers", {{{"id", "confrontation.complaint_about_therapist"}, {"salience", 3}}}},
                {"scores", {{"principles", {{"non_defensive", non_defensive}}}}}};
    REQUIRE(st.append_turn(drill, t).empty());
}

void checkin(impasse::Store& st, int64_t drill, int turn, const std::string& feeling,
             int intensity) {
    impasse::CheckIn c;
    c.drill_id = drill;
    c.turn = turn;
    c.feelings = {feeling};
    c.intensity = intensity;
    REQUIRE(st.add_checkin(c).empty());
}

}  // namespace

TEST_CASE("progress: patterns, calibration, pause and next drill") {
    char tmpl[] = "/tmp/impasse-progress-XXXXXX";
    fs::path dir = mkdtemp(tmpl);
    std::string err;
    auto st = impasse::Store::open(dir.string(), &err);
    REQUIRE(st);
    std::vector<impasse::ScenarioPtr> lib{
        scenario("a", "confrontation", 2), scenario("b", "withdrawal", 3),
        scenario("c", "withdrawal", 1), scenario("d", "confrontation", 3)};
    auto d1 = *st->begin_drill("a", "h", 1, &err);
    add_turn(*st, d1, 0, 0.2);
    add_turn(*st, d1, 1, 0.4);
    add_turn(*st, d1, 2, 0.8);
    add_turn(*st, d1, 3, 0.6);
    checkin(*st, d1, 0, "irritated", 8);
    checkin(*st, d1, 1, "irritated", 7);
    checkin(*st, d1, 2, "calm", 2);
    checkin(*st, d1, 3, "irritated", 3);
    REQUIRE(st->add_self_rating({d1, "non_defensive", 0.9, ""}).empty());
    REQUIRE(st->set_pause_note(d1, "tight shoulders").empty());
    REQUIRE(st->finish_drill(d1, "resolved").empty());
    REQUIRE(st->set_distress(d1, 2).empty());

    auto p = impasse::compute_progress(*st, lib);
    CHECK(p.drills == 1);
    CHECK(p.turns == 4);
    CHECK(p.markers_practised["confrontation.complaint_about_therapist"] == 4);
    REQUIRE(!p.patterns.empty());
    const auto& top = p.patterns.front();
    CHECK(top.feeling == "irritated");
    CHECK(top.principle == "non_defensive");
    CHECK(top.with_mean == doctest::Approx(0.3));
    CHECK(top.without_mean == doctest::Approx(0.7));
    CHECK(top.sentence.find(
              "When you felt irritated, angry at 6 or more, your non-defensive averaged 0.30; "
              "otherwise 0.70") == 0);
    REQUIRE(p.calibration.size() == 1);
    CHECK(p.calibration[0].self_mean == doctest::Approx(0.9));
    CHECK(p.calibration[0].measured_mean == doctest::Approx(0.5));
    CHECK(p.pause.with_pause == 1);
    // Distress 2 with a mean of 50 stays at level 2: the same level first (repeating is fine in
    // deliberate practice), then the less practised rupture type one step away.
    REQUIRE(p.next.size() == 3);
    CHECK(p.next[0].scenario_id == "a");
    CHECK(p.next[1].scenario_id == "b");
    CHECK(p.next_level_reason.find("stay at this level") != std::string::npos);

    // A drill that felt very hard steps the level down.
    auto d2 = *st->begin_drill("d", "h", 2, &err);
    add_turn(*st, d2, 0, 0.5);
    REQUIRE(st->finish_drill(d2, "impasse").empty());
    REQUIRE(st->set_distress(d2, 9).empty());
    auto p2 = impasse::compute_progress(*st, lib);
    CHECK(p2.next_level_reason.find("steps down") != std::string::npos);
    CHECK(p2.next[0].difficulty == 2);
    fs::remove_all(dir);
}
