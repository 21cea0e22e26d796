// The marker-spotting drill: Cohen's kappa against worked examples, the per-turn and per-marker
// figures, the pairing rule for multi-marker turns, errors as values, the flag parser, and
// sheets built from the bundled Nadia case, a moment, a session and a transcript's turns.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "impasse/scenario_loader.h"
#include "impasse/spotting.h"

using namespace impasse;

namespace {

const char* const kDenial = "withdrawal.denial";
const char* const kMinimal = "withdrawal.minimal_response";
const char* const kAbstract = "withdrawal.abstract_communication";
const char* const kTherapist = "confrontation.complaint_about_therapist";
const char* const kProgress = "confrontation.complaint_about_progress";
const char* const kDefends = "confrontation.defends_self";
const char* const kControl = "confrontation.control_pressure";

// A sheet whose turn i + 1 carries the authored markers keys[i].
SpottingSheet sheet_of(const std::vector<std::vector<std::string>>& keys) {
    SpottingSheet s;
    s.scenario = "hand-made";
    for (size_t i = 0; i < keys.size(); ++i) {
        SpottingTurn t;
        t.index = static_cast<int>(i) + 1;
        t.node = "n" + std::to_string(i + 1);
        t.patient = "line " + std::to_string(i + 1);
        for (const auto& id : keys[i]) {
            MarkerRef m;
            m.id = id;
            t.markers.push_back(m);
        }
        s.turns.push_back(t);
    }
    return s;
}

// The flags that reproduce the sheet's key exactly.
std::vector<Flag> key_of(const SpottingSheet& s) {
    std::vector<Flag> out;
    for (const auto& t : s.turns)
        for (const auto& m : t.markers)
            out.push_back({t.index, m.id, 0});
    return out;
}

ScenarioPtr load(const std::string& relative) {
    LoadResult r = load_scenario_file(std::string(IMPASSE_SOURCE_DIR) + "/" + relative);
    REQUIRE_MESSAGE(r.scenario, relative);
    return r.scenario;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("spotting kappa: 2x2 textbook table, po .70, pe .50, kappa .40") {
    // Rater A (rows) yes/no against rater B (columns), n = 50:
    //           B yes  B no
    //   A yes     20      5    row 25
    //   A no      10     15    row 25
    //   columns   30     20
    // po = (20 + 15) / 50 = .70; pe = (25·30 + 25·20) / 50² = 1250 / 2500 = .50;
    // kappa = (.70 − .50) / (1 − .50) = .40.
    Kappa k = cohen_kappa({{20, 5}, {10, 15}});
    CHECK(k.n == 50);
    CHECK(k.observed == doctest::Approx(0.70));
    CHECK(k.expected == doctest::Approx(0.50));
    REQUIRE(k.value);
    CHECK(*k.value == doctest::Approx(0.40));
    CHECK(kappa_band(*k.value) == "fair");
}

TEST_CASE("spotting kappa: 2x2 table with high chance agreement, kappa .13") {
    // n = 100: [[45, 15], [25, 15]]; rows 60, 40; columns 70, 30.
    // po = (45 + 15) / 100 = .60; pe = (60·70 + 40·30) / 100² = 5400 / 10000 = .54;
    // kappa = .06 / .46 = .130434...
    Kappa k = cohen_kappa({{45, 15}, {25, 15}});
    CHECK(k.observed == doctest::Approx(0.60));
    CHECK(k.expected == doctest::Approx(0.54));
    REQUIRE(k.value);
    CHECK(*k.value == doctest::Approx(0.06 / 0.46));
    CHECK(kappa_band(*k.value) == "slight");
}

TEST_CASE("spotting kappa: 3x3 table, kappa .74") {
    // n = 100: [[50, 5, 5], [5, 15, 0], [0, 0, 20]]; rows 60, 20, 20; columns 55, 20, 25.
    // po = (50 + 15 + 20) / 100 = .85; pe = (60·55 + 20·20 + 20·25) / 10000 = 4200 / 10000 = .42;
    // kappa = .43 / .58 = .741379...
    Kappa k = cohen_kappa({{50, 5, 5}, {5, 15, 0}, {0, 0, 20}});
    CHECK(k.observed == doctest::Approx(0.85));
    CHECK(k.expected == doctest::Approx(0.42));
    REQUIRE(k.value);
    CHECK(*k.value == doctest::Approx(0.43 / 0.58));
    CHECK(kappa_band(*k.value) == "substantial");
}

TEST_CASE("spotting kappa: below chance, no judgements, one category, bad tables") {
    // Complete disagreement with balanced margins: po = 0, pe = (5·5 + 5·5) / 100 = .5,
    // kappa = −.5 / .5 = −1.
    Kappa neg = cohen_kappa({{0, 5}, {5, 0}});
    REQUIRE(neg.value);
    CHECK(*neg.value == doctest::Approx(-1.0));
    CHECK(kappa_band(*neg.value) == "poor");

    // Disagreement where one rater uses only one category: rows (10, 0), columns (0, 10):
    // pe = 0, po = 0, kappa = 0.
    Kappa zero = cohen_kappa({{0, 10}, {0, 0}});
    REQUIRE(zero.value);
    CHECK(*zero.value == doctest::Approx(0.0));

    // Everything in one category for both raters: pe = 1, kappa has no value; po is 1.
    Kappa one = cohen_kappa({{10, 0}, {0, 0}});
    CHECK(one.n == 10);
    CHECK_FALSE(one.value);
    CHECK(one.observed == 1.0);
    CHECK(one.expected == 1.0);

    Kappa empty = cohen_kappa({{0, 0}, {0, 0}});
    CHECK(empty.n == 0);
    CHECK_FALSE(empty.value);

    CHECK_FALSE(cohen_kappa({{1, 2}, {3}}).value);
    CHECK(cohen_kappa({{1, 2}, {3}}).n == 0);
    CHECK_FALSE(cohen_kappa({{1, -2}, {3, 4}}).value);
    Kappa huge = cohen_kappa({{2000000000, 0}, {0, 1}});
    CHECK(huge.n == 2000000001);
    CHECK_FALSE(huge.value);
}

TEST_CASE("spotting kappa: Landis and Koch bands") {
    CHECK(kappa_band(-0.01) == "poor");
    CHECK(kappa_band(0.0) == "slight");
    CHECK(kappa_band(0.20) == "slight");
    CHECK(kappa_band(0.21) == "fair");
    CHECK(kappa_band(0.50) == "moderate");
    CHECK(kappa_band(0.61) == "substantial");
    CHECK(kappa_band(0.81) == "almost perfect");
    CHECK(kappa_band(1.0) == "almost perfect");
}

TEST_CASE("spotting score: worked example over a sheet") {
    // Turn: authored -> flagged                    judgement(s)
    //   1: denial -> denial                          (denial, denial)      hit
    //   2: minimal -> nothing                        (minimal, none)       miss
    //   3: nothing -> nothing                        (none, none)          correct rejection
    //   4: nothing -> defends                        (none, defends)       false alarm
    //   5: progress -> therapist                     (progress, therapist) miss + false alarm
    //   6: nothing -> nothing                        (none, none)
    //   7: denial -> denial                          (denial, denial)
    //   8: nothing -> nothing                        (none, none)
    // Categories: none, denial, minimal, therapist, progress, defends (ids.yaml order).
    // Rows (authored):  none 4, denial 2, minimal 1, therapist 0, progress 1, defends 0.
    // Columns (flagged): none 4, denial 2, minimal 0, therapist 1, progress 0, defends 1.
    // po = (3 + 2) / 8 = .625; pe = (4·4 + 2·2) / 64 = 20 / 64 = .3125;
    // kappa = .3125 / .6875 = 5/11 = .4545...
    // Detection: TP turns 1, 5, 7 = 3; FN turn 2 = 1; FP turn 4 = 1; TN turns 3, 6, 8 = 3.
    // Sensitivity 3/4, specificity 3/4; table [[3, 1], [1, 3]]: po .75, pe .5, kappa .5.
    SpottingSheet s = sheet_of({{kDenial}, {kMinimal}, {}, {}, {kProgress}, {}, {kDenial}, {}});
    std::vector<Flag> flags{{1, kDenial, 0}, {4, kDefends, 0}, {5, kTherapist, 0}, {7, kDenial, 0}};
    SpottingResult r = score_spotting(s, flags);
    REQUIRE(r.ok());
    CHECK(r.hits == 2);
    CHECK(r.misses == 2);
    CHECK(r.false_alarms == 2);
    CHECK(r.correct_rejections == 3);

    REQUIRE(r.turns.size() == 8);
    CHECK(r.turns[4].misses == std::vector<std::string>{kProgress});
    CHECK(r.turns[4].false_alarms == std::vector<std::string>{kTherapist});
    CHECK(r.turns[4].pairs == Pairs{{kProgress, kTherapist}});
    CHECK(r.turns[2].pairs == Pairs{{"none", "none"}});

    CHECK(r.confusion.categories ==
          std::vector<std::string>{"none", kDenial, kMinimal, kTherapist, kProgress, kDefends});
    std::vector<std::vector<long long>> expected_counts{
        {3, 0, 0, 0, 0, 1},  // none
        {0, 2, 0, 0, 0, 0},  // denial
        {1, 0, 0, 0, 0, 0},  // minimal
        {0, 0, 0, 0, 0, 0},  // therapist
        {0, 0, 0, 1, 0, 0},  // progress
        {0, 0, 0, 0, 0, 0},  // defends
    };
    CHECK(r.confusion.counts == expected_counts);
    CHECK(r.kappa.n == 8);
    CHECK(r.kappa.observed == doctest::Approx(0.625));
    CHECK(r.kappa.expected == doctest::Approx(0.3125));
    REQUIRE(r.kappa.value);
    CHECK(*r.kappa.value == doctest::Approx(5.0 / 11.0));

    CHECK(r.detection.true_positive == 3);
    CHECK(r.detection.false_negative == 1);
    CHECK(r.detection.false_positive == 1);
    CHECK(r.detection.true_negative == 3);
    REQUIRE(r.detection.sensitivity);
    REQUIRE(r.detection.specificity);
    CHECK(*r.detection.sensitivity == doctest::Approx(0.75));
    CHECK(*r.detection.specificity == doctest::Approx(0.75));
    REQUIRE(r.detection_kappa.value);
    CHECK(*r.detection_kappa.value == doctest::Approx(0.5));

    REQUIRE(r.per_marker.size() == 5);
    CHECK(r.per_marker[0].marker == kDenial);
    CHECK(r.per_marker[0].expected == 2);
    CHECK(r.per_marker[0].hits == 2);
    CHECK(r.per_marker[2].marker == kTherapist);
    CHECK(r.per_marker[2].false_alarms == 1);
    CHECK(r.per_marker[2].expected == 0);
    CHECK(r.per_marker[3].marker == kProgress);
    CHECK(r.per_marker[3].misses == 1);
}

TEST_CASE("spotting score: a perfect answer has kappa 1") {
    SpottingSheet s = sheet_of({{kDenial}, {}, {kTherapist, kControl}, {}, {kMinimal}});
    SpottingResult r = score_spotting(s, key_of(s));
    REQUIRE(r.ok());
    CHECK(r.hits == 4);
    CHECK(r.misses == 0);
    CHECK(r.false_alarms == 0);
    CHECK(r.correct_rejections == 2);
    REQUIRE(r.kappa.value);
    CHECK(*r.kappa.value == doctest::Approx(1.0));
    CHECK(r.kappa.observed == doctest::Approx(1.0));
    REQUIRE(r.detection_kappa.value);
    CHECK(*r.detection_kappa.value == doctest::Approx(1.0));
    CHECK(*r.detection.sensitivity == 1.0);
    CHECK(*r.detection.specificity == 1.0);
}

TEST_CASE("spotting score: an empty answer misses everything") {
    // Turns: denial, none, minimal, none. Judgements (denial, none), (none, none) x2,
    // (minimal, none): rows none 2, denial 1, minimal 1; columns none 4.
    // po = 2/4 = .5; pe = (2·4) / 16 = .5; kappa = 0. Sensitivity 0/2, specificity 2/2.
    SpottingSheet s = sheet_of({{kDenial}, {}, {kMinimal}, {}});
    SpottingResult r = score_spotting(s, {});
    REQUIRE(r.ok());
    CHECK(r.hits == 0);
    CHECK(r.misses == 2);
    CHECK(r.correct_rejections == 2);
    REQUIRE(r.kappa.value);
    CHECK(*r.kappa.value == doctest::Approx(0.0));
    CHECK(r.kappa.observed == doctest::Approx(0.5));
    CHECK(*r.detection.sensitivity == 0.0);
    CHECK(*r.detection.specificity == 1.0);
    CHECK(kappa_band(*r.kappa.value) == "slight");
}

TEST_CASE("spotting score: a sheet with no markers, none flagged: kappa undefined, no NaN") {
    SpottingSheet s = sheet_of({{}, {}, {}});
    SpottingResult r = score_spotting(s, {{2, "none", 0}});
    REQUIRE(r.ok());
    CHECK(r.correct_rejections == 3);
    CHECK(r.confusion.categories == std::vector<std::string>{"none"});
    CHECK(r.kappa.n == 3);
    CHECK_FALSE(r.kappa.value);
    CHECK(r.kappa.observed == 1.0);
    CHECK(r.kappa.expected == 1.0);
    CHECK_FALSE(r.detection.sensitivity);  // no marker to detect
    REQUIRE(r.detection.specificity);
    CHECK(*r.detection.specificity == 1.0);
    CHECK_FALSE(r.detection_kappa.value);
    nlohmann::json j = spotting_json(r);
    CHECK(j["kappa"]["value"].is_null());
    CHECK(j["kappa"]["band"].is_null());
    CHECK(j["detection"]["sensitivity"].is_null());

    // An empty sheet: nothing judged.
    SpottingResult e = score_spotting(SpottingSheet{}, {});
    REQUIRE(e.ok());
    CHECK(e.kappa.n == 0);
    CHECK_FALSE(e.kappa.value);
}

TEST_CASE("spotting score: multi-marker turns pair identical ids first, then in ids.yaml order") {
    // Turn 1 authored {denial, minimal}, flagged {defends, minimal, abstract} (any order):
    //   hits {minimal}; misses {denial}; false alarms {abstract, defends} (ids.yaml order);
    //   pairs (minimal, minimal), (denial, abstract), (none, defends).
    // Turn 2 authored {therapist, control}, nothing flagged: (therapist, none), (control, none).
    SpottingSheet s = sheet_of({{kMinimal, kDenial}, {kTherapist, kControl}});
    std::vector<Flag> flags{{1, kDefends, 0},
                            {1, kMinimal, 0},
                            {1, kAbstract, 0},
                            {1, kMinimal, 0}};  // a duplicate counts once
    SpottingResult r = score_spotting(s, flags);
    REQUIRE(r.ok());
    const TurnSpotting& t = r.turns[0];
    CHECK(t.expected == std::vector<std::string>{kDenial, kMinimal});
    CHECK(t.flagged == std::vector<std::string>{kMinimal, kAbstract, kDefends});
    CHECK(t.hits == std::vector<std::string>{kMinimal});
    CHECK(t.misses == std::vector<std::string>{kDenial});
    CHECK(t.false_alarms == std::vector<std::string>{kAbstract, kDefends});
    CHECK(t.pairs == Pairs{{kMinimal, kMinimal}, {kDenial, kAbstract}, {"none", kDefends}});
    CHECK(r.turns[1].pairs == Pairs{{kTherapist, "none"}, {kControl, "none"}});
    CHECK(r.kappa.n == 5);
    CHECK(r.hits == 1);
    CHECK(r.misses == 3);
    CHECK(r.false_alarms == 2);

    // The order flags are written in does not matter.
    std::vector<Flag> reversed(flags.rbegin(), flags.rend());
    SpottingResult again = score_spotting(s, reversed);
    CHECK(again.turns[0].pairs == t.pairs);
    CHECK(again.confusion.counts == r.confusion.counts);
}

TEST_CASE("spotting score: unknown marker ids, turns off the sheet, none with a marker") {
    SpottingSheet s = sheet_of({{kDenial}, {}});
    SpottingResult unknown = score_spotting(s, {{1, "withdrawal.sulking", 4}}, "answers.txt");
    REQUIRE_FALSE(unknown.ok());
    REQUIRE(unknown.diagnostics.size() == 1);
    CHECK(unknown.diagnostics[0].code == "IMP1203");
    CHECK(unknown.diagnostics[0].file == "answers.txt");
    CHECK(unknown.diagnostics[0].line == 4);
    CHECK(unknown.diagnostics[0].message.find("'withdrawal.sulking'") != std::string::npos);
    // No far-fetched suggestion just because the type prefix matches.
    CHECK(unknown.diagnostics[0].message.find("did you mean") == std::string::npos);
    CHECK(unknown.turns.empty());
    CHECK_FALSE(unknown.kappa.value);

    SpottingResult range = score_spotting(s, {{3, kDenial, 0}, {0, kDenial, 0}});
    REQUIRE_FALSE(range.ok());
    REQUIRE(range.diagnostics.size() == 2);
    CHECK(range.diagnostics[0].code == "IMP1204");
    CHECK(range.diagnostics[0].message.find("turn 3") != std::string::npos);
    CHECK(range.diagnostics[0].message.find("turns 1 to 2") != std::string::npos);
    CHECK(range.diagnostics[1].message.find("turn 0") != std::string::npos);

    SpottingResult both = score_spotting(s, {{1, "none", 1}, {1, kDenial, 2}});
    REQUIRE_FALSE(both.ok());
    CHECK(both.diagnostics[0].code == "IMP1205");
    CHECK(both.diagnostics[0].line == 2);
}

TEST_CASE("spotting flags: parsing, comments, and errors naming the line") {
    ParsedFlags ok = parse_flags(
        "# my answers\n"
        "\n"
        "3 withdrawal.minimal_response\n"
        "  1\tconfrontation.complaint_about_progress   # the first line\r\n"
        "2 none\n"
        "3 withdrawal.denial",
        "f.txt");
    CHECK(ok.diagnostics.empty());
    REQUIRE(ok.flags.size() == 4);
    CHECK(ok.flags[0].turn == 3);
    CHECK(ok.flags[0].marker == kMinimal);
    CHECK(ok.flags[0].line == 3);
    CHECK(ok.flags[1].turn == 1);
    CHECK(ok.flags[1].marker == kProgress);
    CHECK(ok.flags[2].marker == "none");
    CHECK(ok.flags[3].line == 6);

    ParsedFlags bad = parse_flags(
        "1 withdrawal.denial\n"
        "2\n"
        "x withdrawal.denial\n"
        "4 minimal_response\n"
        "5 withdrawal.denail\n"
        "6 withdrawal.denial extra\n"
        "-1 withdrawal.denial\n",
        "f.txt");
    REQUIRE(bad.flags.size() == 1);
    REQUIRE(bad.diagnostics.size() == 6);
    CHECK(bad.diagnostics[0].line == 2);
    CHECK(bad.diagnostics[0].code == "IMP1201");
    CHECK(bad.diagnostics[0].message.find("no marker id") != std::string::npos);
    CHECK(bad.diagnostics[1].line == 3);
    CHECK(bad.diagnostics[1].code == "IMP1202");
    CHECK(bad.diagnostics[2].line == 4);
    CHECK(bad.diagnostics[2].code == "IMP1203");
    CHECK(bad.diagnostics[2].message.find("did you mean 'withdrawal.minimal_response'") !=
          std::string::npos);
    CHECK(bad.diagnostics[3].message.find("did you mean 'withdrawal.denial'") != std::string::npos);
    CHECK(bad.diagnostics[4].line == 6);
    CHECK(bad.diagnostics[4].code == "IMP1201");
    CHECK(bad.diagnostics[5].line == 7);
    CHECK(bad.diagnostics[5].code == "IMP1202");
    CHECK(bad.diagnostics[0].to_string().rfind("f.txt:2:1: error:", 0) == 0);

    CHECK(parse_flags("", "e").flags.empty());
    CHECK(parse_flags("", "e").diagnostics.empty());
    // A hostile token: the message stays short.
    ParsedFlags huge = parse_flags("1 " + std::string(100000, 'x'), "h");
    REQUIRE(huge.diagnostics.size() == 1);
    CHECK(huge.diagnostics[0].message.size() < 300);
}

TEST_CASE("spotting sheet: the bundled Nadia case along its expert path") {
    ScenarioPtr sc = load("scenarios/cases/nadia-this-isnt-working.yaml");
    SpottingSheet s = make_sheet(*sc);
    CHECK(s.scenario == sc->id);
    CHECK(s.source == "main_path");
    CHECK_FALSE(s.truncated);

    // The same path walked over the scenario's data: from start, the expert response's `next`,
    // up to and including the ending.
    std::vector<const Node*> path;
    for (const Node* n = &sc->start_node(); n && path.size() < 40;) {
        path.push_back(n);
        if (n->is_ending()) break;
        const Response* next = nullptr;
        for (const auto& r : n->responses)
            if (r.expert) next = &r;
        REQUIRE(next);
        n = sc->find_node(next->next);
    }
    REQUIRE(s.turns.size() == path.size());
    CHECK(s.turns.size() > 3);
    CHECK(path.back()->is_ending());
    int with_markers = 0;
    for (size_t i = 0; i < path.size(); ++i) {
        const SpottingTurn& t = s.turns[i];
        CHECK(t.index == static_cast<int>(i) + 1);
        CHECK(t.node == path[i]->id);
        CHECK(t.markers.size() == path[i]->markers.size());
        bool known_line = t.patient == path[i]->say;
        for (const auto& v : path[i]->variants)
            known_line = known_line || t.patient == v.say;
        CHECK_MESSAGE(known_line, t.node);
        with_markers += !t.markers.empty();
    }
    CHECK(with_markers > 0);
    CHECK(with_markers < static_cast<int>(path.size()));
    CHECK(s.turns[0].markers[0].id == kProgress);

    // Flagging exactly the authored markers: perfect agreement, kappa 1.
    SpottingResult perfect = score_spotting(s, key_of(s));
    REQUIRE(perfect.ok());
    CHECK(perfect.misses == 0);
    CHECK(perfect.hits > 0);
    REQUIRE(perfect.kappa.value);
    CHECK(*perfect.kappa.value == doctest::Approx(1.0));

    // Flagging nothing: sensitivity 0, kappa 0 (every judgement "none").
    SpottingResult empty = score_spotting(s, {});
    REQUIRE(empty.ok());
    CHECK(*empty.detection.sensitivity == 0.0);
    REQUIRE(empty.kappa.value);
    CHECK(*empty.kappa.value == doctest::Approx(0.0));

    // The turn limit.
    SheetOptions three;
    three.max_turns = 3;
    SpottingSheet cut = make_sheet(*sc, three);
    CHECK(cut.turns.size() == 3);
    CHECK(cut.truncated);
    SheetOptions exact;
    exact.max_turns = static_cast<int>(path.size());
    CHECK_FALSE(make_sheet(*sc, exact).truncated);

    // The JSON sheet hides the key unless asked.
    nlohmann::json hidden = sheet_json(s, false);
    CHECK_FALSE(hidden["turns"][0].contains("markers"));
    CHECK_FALSE(hidden["turns"][0].contains("stage"));
    nlohmann::json key = sheet_json(s, true);
    CHECK(key["turns"][0]["markers"][0]["id"] == kProgress);
}

TEST_CASE("spotting sheet: a moment is its single line") {
    ScenarioPtr sc = load("scenarios/moments/moment-c2-you-just-nod.yaml");
    SpottingSheet s = make_sheet(*sc);
    CHECK(s.source == "moment");
    REQUIRE(s.turns.size() == 1);
    CHECK(s.turns[0].node == sc->start);
    CHECK(s.turns[0].patient == sc->start_node().say);
    CHECK_FALSE(s.turns[0].markers.empty());
    // A perfect answer on one turn: every judgement in one category, so kappa has no value.
    SpottingResult r = score_spotting(s, key_of(s));
    REQUIRE(r.ok());
    CHECK(r.misses == 0);
    CHECK_FALSE(r.kappa.value);
    CHECK(r.kappa.observed == 1.0);
}

TEST_CASE("spotting sheet: from a session and from a transcript's turns") {
    ScenarioPtr sc = load("scenarios/cases/nadia-this-isnt-working.yaml");
    Session session(sc, 7);
    // Two answers off the main path: the first available response each time.
    for (int i = 0; i < 2; ++i) {
        auto avail = session.available();
        REQUIRE_FALSE(avail.empty());
        REQUIRE(session.choose(avail.front()->id).ok);
    }
    SpottingSheet from_turns = make_sheet(session.turns(), sc->id);
    CHECK(from_turns.source == "transcript");
    REQUIRE(from_turns.turns.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
        CHECK(from_turns.turns[i].index == static_cast<int>(i) + 1);
        CHECK(from_turns.turns[i].node == session.turns()[i].node);
        CHECK(from_turns.turns[i].patient == session.turns()[i].patient);
        CHECK(from_turns.turns[i].markers.size() == session.turns()[i].markers.size());
    }
    SpottingSheet live = make_sheet(session);
    REQUIRE(live.turns.size() == 3);
    CHECK(live.turns[2].index == 3);
    CHECK(live.turns[2].node == session.node().id);
    CHECK(live.turns[2].patient == session.line());
    CHECK(live.title == sc->title);
}

TEST_CASE("spotting json: the result's keys") {
    SpottingSheet s = sheet_of({{kDenial}, {}});
    nlohmann::json j = spotting_json(score_spotting(s, {{1, kDenial, 0}, {2, kMinimal, 0}}));
    for (const char* key :
         {"scenario", "turns", "totals", "per_marker", "confusion", "kappa", "detection"})
        CHECK_MESSAGE(j.contains(key), key);
    CHECK(j["totals"]["hits"] == 1);
    CHECK(j["totals"]["false_alarms"] == 1);
    CHECK(j["turns"][1]["false_alarms"][0] == kMinimal);
    CHECK(j["confusion"]["categories"][0] == "none");
    CHECK(j["kappa"]["n"] == 2);
    CHECK(j["detection"]["kappa"].contains("value"));
}

TEST_CASE("spotting flags: random input never crashes and every error names a real line") {
    const std::vector<std::string> pieces{"1",
                                          "2",
                                          "40",
                                          "-3",
                                          "x",
                                          " ",
                                          "\t",
                                          "\n",
                                          "\r\n",
                                          "#",
                                          "none",
                                          kDenial,
                                          kControl,
                                          "withdrawal.",
                                          ".",
                                          "\xff",
                                          std::string(1, '\0')};
    std::mt19937 rng(12345);
    SpottingSheet s = sheet_of({{kDenial}, {}, {kControl}});
    for (int round = 0; round < 500; ++round) {
        std::string text;
        int n = static_cast<int>(rng() % 30);
        for (int i = 0; i < n; ++i)
            text += pieces[rng() % pieces.size()];
        int lines = 1;
        for (char c : text)
            lines += c == '\n';
        ParsedFlags p = parse_flags(text, "r");
        for (const auto& d : p.diagnostics) {
            CHECK(d.line >= 1);
            CHECK(d.line <= lines);
            CHECK(d.severity == Severity::error);
        }
        for (const auto& f : p.flags) {
            CHECK(f.turn >= 1);
            CHECK((f.marker == "none" || f.marker == kDenial || f.marker == kControl));
        }
        SpottingResult r = score_spotting(s, p.flags);
        if (r.ok()) {
            CHECK(r.turns.size() == 3);
            CHECK(r.hits + r.misses == 2);
            CHECK(r.kappa.n >= 3);
            if (r.kappa.value) CHECK(*r.kappa.value <= 1.0 + 1e-12);
        } else {
            CHECK(r.diagnostics.front().line >= 1);
        }
    }
}
