// Session runtime: acting, state and its causes, conditions, variants, rewind, snapshots,
// rupture outcomes and sequence principles (session.h, transcript.h).
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "impasse/scenario_loader.h"
#include "impasse/transcript.h"
#include "session_fixture.h"

using namespace impasse;
using impasse::test::fixed_clock;
using impasse::test::golden_scenario;

namespace {

std::shared_ptr<Scenario> editable(const ScenarioPtr& s) {
    return std::make_shared<Scenario>(*s);
}

Node& node_of(Scenario& s, const std::string& id) {
    return s.nodes[s.node_index.at(id)];
}

nlohmann::json without_timestamps(nlohmann::json t) {
    for (auto& turn : t["turns"])
        turn.erase("timestamp");
    return t;
}

}  // namespace

TEST_CASE("session: acting returns errors as values and leaves the session unchanged") {
    Session s(golden_scenario("withdrawal-resolved"), 1, nullptr, fixed_clock());
    CHECK(s.node().id == "opening");
    CHECK(s.available().size() == 2);
    Session::Result r = s.choose("no_such_response");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("no_such_response") != std::string::npos);
    CHECK_FALSE(s.say("   ").ok);
    // No-break, zero-width and BOM "spaces" only: nothing was said either.
    CHECK_FALSE(s.say("\xC2\xA0\xE2\x80\x8B\xEF\xBB\xBF").ok);
    Session::Result latin1 = s.say("\xe9t\xe9 hello");  // Latin-1, not UTF-8
    CHECK_FALSE(latin1.ok);
    CHECK(latin1.error.find("UTF-8") != std::string::npos);
    CHECK_FALSE(s.say("\xed\xa0\x80 surrogate").ok);
    CHECK(s.turns().empty());
    CHECK(s.node().id == "opening");
}

TEST_CASE("session: conditions decide what is offered; an unavailable response is refused") {
    Session s(golden_scenario("withdrawal-resolved"), 1, nullptr, fixed_clock());
    // Reach `blocked` without naming the rupture first is impossible in this case, so reach it
    // the way the golden case does and then check the condition's two inputs.
    REQUIRE(s.choose("notice").ok);
    REQUIRE(s.choose("stay").ok);
    REQUIRE(s.choose("welcome").ok);
    REQUIRE(s.node().id == "blocked");
    // vars.named is true and the bond is 0.6 >= 0.5: both options are offered.
    CHECK(s.available().size() == 2);

    auto sc = editable(golden_scenario("withdrawal-resolved"));
    node_of(*sc, "opening").responses[0].effects.clear();  // `notice` no longer names it
    Session t(sc, 1, nullptr, fixed_clock());
    REQUIRE(t.choose("notice").ok);
    REQUIRE(t.choose("stay").ok);
    REQUIRE(t.choose("welcome").ok);
    REQUIRE(t.available().size() == 1);
    CHECK(t.available()[0]->id == "move_on");
    Session::Result r = t.choose("explore_fear");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("not available") != std::string::npos);
}

TEST_CASE("session: effects add, set and clamp, and every change names its cause") {
    auto sc = editable(golden_scenario("withdrawal-resolved"));
    node_of(*sc, "opening").responses[0].effects[0].value = Value::of(5.0);  // bond +5
    Session s(sc, 1, nullptr, fixed_clock());
    REQUIRE(s.choose("notice").ok);
    CHECK(s.state().alliance.bond == 1.0);  // clamped
    CHECK(s.state().vars.at("named").truthy());
    const auto& changes = s.turns().back().changes;
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].target == "alliance.bond");
    CHECK(changes[0].before == doctest::Approx(0.4));
    CHECK(changes[0].after == 1.0);
    CHECK(changes[0].cause == "notice");
    CHECK(changes[1].target == "vars.named");
    CHECK(s.turns().back().before.alliance.bond == doctest::Approx(0.4));
    CHECK(s.turns().back().after.alliance.bond == 1.0);
    CHECK(s.state().visits.at("stepping_out") == 1);
    CHECK(s.state().turn == 1);
}

TEST_CASE("session: a `when` variant follows the state; other variants follow the seed") {
    Session s(golden_scenario("withdrawal-resolved"), 1, nullptr, fixed_clock());
    REQUIRE(s.choose("notice").ok);
    CHECK(s.line() == "I guess it was a bit much. I don't know.");
    REQUIRE(s.rewind(1).ok);
    REQUIRE(s.choose("push_on").ok);
    REQUIRE(s.choose("notice").ok);
    CHECK(s.line() == "You kept going anyway, so I guess it was fine.");
    CHECK(s.cue() == "A flat voice.");

    // The same seed draws the same lines; across seeds every unconditioned line appears.
    auto lines_for = [](uint64_t seed) {
        Session v(golden_scenario("seeded-variants"), seed, nullptr, fixed_clock());
        std::vector<std::string> lines{v.line()};
        for (int i = 0; i < 2; ++i) {
            REQUIRE(v.choose("ask_again").ok);
            lines.push_back(v.line());
        }
        return lines;
    };
    CHECK(lines_for(7) == lines_for(7));
    std::set<std::string> seen;
    for (uint64_t seed = 0; seed < 40; ++seed)
        for (const auto& l : lines_for(seed))
            seen.insert(l);
    CHECK(seen.count("I don't know.") == 1);
    CHECK(seen.count("Maybe. Hard to say.") == 1);
    CHECK(seen.count("That reminds me of my cousin's wedding, actually.") == 1);
    CHECK(seen.count("Why do you keep asking?") == 0);  // the bond is still above 0.45
}

TEST_CASE("session: endings stop the drill") {
    Session s(golden_scenario("confrontation-rewind"), 1, nullptr, fixed_clock());
    REQUIRE(s.choose("defend").ok);
    REQUIRE(s.choose("leave").ok);
    REQUIRE(s.at_end());
    REQUIRE(s.ending());
    CHECK(s.ending()->kind == EndingKind::dropout);
    CHECK(s.available().empty());
    CHECK_FALSE(s.choose("leave").ok);
    CHECK_FALSE(s.say("hello").ok);
}

TEST_CASE("session: rewind is exact, any number of turns") {
    auto sc = golden_scenario("seeded-variants");
    Session s(sc, 11, nullptr, fixed_clock());
    for (int i = 0; i < 3; ++i)
        REQUIRE(s.choose("ask_again").ok);
    Session one(sc, 11, nullptr, fixed_clock());
    REQUIRE(one.choose("ask_again").ok);

    REQUIRE(s.rewind(2).ok);
    CHECK(s.turns().size() == 1);
    CHECK(without_timestamps(transcript_json(s)) == without_timestamps(transcript_json(one)));
    CHECK(s.line() == one.line());
    CHECK(state_json(s.state()) == state_json(one.state()));

    CHECK_FALSE(s.rewind(0).ok);
    CHECK_FALSE(s.rewind(2).ok);
    REQUIRE(s.rewind(1).ok);
    CHECK(s.turns().empty());
    CHECK(s.node().id == "ask");
    CHECK(s.state().visits.at("ask") == 1);
}

TEST_CASE("session: a snapshot restores the same session and refuses another scenario") {
    auto sc = golden_scenario("free-text-routing");
    Session s(sc, 3, nullptr, fixed_clock());
    REQUIRE(s.say("Tell me more, what felt stupid?").ok);
    REQUIRE(s.choose("explain").ok);
    Snapshot snap = snapshot(s);
    CHECK(snap.scenario == sc->id);
    CHECK(snap.scenario_hash == sc->hash);
    CHECK(snap.seed == 3);
    REQUIRE(snap.inputs.size() == 2);

    std::string error;
    auto back = restore(snap, sc, nullptr, &error, fixed_clock());
    REQUIRE_MESSAGE(back, error);
    CHECK(transcript_json(*back) == transcript_json(s));

    auto changed = editable(sc);
    changed->hash = "0000";
    CHECK_FALSE(restore(snap, changed, nullptr, &error));
    CHECK(error.find("changed") != std::string::npos);
    CHECK_FALSE(restore(snap, golden_scenario("quit-early"), nullptr, &error));
    CHECK(error.find("scenario") != std::string::npos);

    // The snapshot survives its JSON form.
    ParsedTranscript p = parse_transcript(snapshot_json(snap).dump(), "snap");
    REQUIRE(p.diagnostics.empty());
    CHECK(p.snapshot.inputs.size() == 2);
    CHECK(p.snapshot.inputs[0].text == "Tell me more, what felt stupid?");
}

TEST_CASE("session: rupture outcomes") {
    auto outcome_of = [](const Session& s, size_t i) { return s.ruptures().at(i).outcome; };
    {  // attended, and the process reached exploration: resolved
        Session s(golden_scenario("confrontation-rewind"), 1, nullptr, fixed_clock());
        REQUIRE(s.choose("invite").ok);
        CHECK(outcome_of(s, 0) == "partly resolved");  // disembedding so far
        REQUIRE(s.choose("stay").ok);
        CHECK(outcome_of(s, 0) == "resolved");
        CHECK(s.ruptures()[0].type == "confrontation");
        CHECK(s.ruptures()[0].salience == 4);
        CHECK(s.ruptures()[0].markers.size() == 2);
        CHECK(s.ruptures()[0].attended);
    }
    {  // a counter-marker and an escalation: deepened
        Session s(golden_scenario("confrontation-rewind"), 1, nullptr, fixed_clock());
        REQUIRE(s.choose("defend").ok);
        CHECK(s.ruptures()[0].deepened);
        CHECK(outcome_of(s, 0) == "deepened");
    }
    {  // attended but the process stayed at disembedding: partly resolved
        Session s(golden_scenario("withdrawal-resolved"), 1, nullptr, fixed_clock());
        REQUIRE(s.choose("notice").ok);
        CHECK(s.stage() == "disembedding");
        CHECK(outcome_of(s, 0) == "partly resolved");
        REQUIRE(s.choose("stay").ok);
        CHECK(outcome_of(s, 0) == "resolved");  // later lines count as they come
    }
    {  // typed text that routed to the fallback, with no repair shown: unaddressed
        Session s(golden_scenario("free-text-routing"), 1, nullptr, fixed_clock());
        REQUIRE(s.say("hmm").ok);
        CHECK(s.turns()[0].fallback);
        CHECK(outcome_of(s, 0) == "unaddressed");
    }
}

TEST_CASE("session: sequence principles are judged from the history") {
    Session s(golden_scenario("seeded-variants"), 1, nullptr, fixed_clock());
    REQUIRE(s.choose("ask_again").ok);
    // The first turn has no history: not applicable.
    CHECK(s.turns()[0].evaluate_by_response < 0);
    CHECK(s.turns()[0].situation_changing < 0);
    REQUIRE(s.choose("ask_again").ok);
    // The bond fell after the last answer and the trainee repeated the same move.
    CHECK(s.turns()[1].situation_changing == 0.0);
    CHECK(s.turns()[1].evaluate_by_response == doctest::Approx(0.5));
    REQUIRE(s.choose("ask_again").ok);
    REQUIRE(s.choose("ask_again").ok);
    REQUIRE(s.choose("notice_pattern").ok);
    CHECK(s.turns()[4].situation_changing == 1.0);
    CHECK(s.turns()[4].evaluate_by_response == 1.0);
}

TEST_CASE("session: an author can start at any node with any state") {
    LoadResult r = load_scenario_file(std::string(IMPASSE_SOURCE_DIR) +
                                      "/tests/golden/withdrawal-resolved/scenario.yaml");
    REQUIRE(r.scenario);
    Session s(r.scenario, 3);
    SessionState st;
    st.alliance = {0.2, 1.7, -0.5};  // clamped
    REQUIRE(s.start_at("exploring", st).ok);
    CHECK(s.node().id == "exploring");
    CHECK(s.state().alliance.bond == doctest::Approx(0.2));
    CHECK(s.state().alliance.task == doctest::Approx(1.0));
    CHECK(s.state().alliance.goal == doctest::Approx(0.0));
    CHECK(s.state().visits.at("exploring") == 1);
    CHECK(s.turns().empty());
    auto options = s.available();
    REQUIRE_FALSE(options.empty());
    REQUIRE(s.choose(options.front()->id).ok);
    CHECK(s.turns().size() == 1);
    REQUIRE(s.rewind(1).ok);  // back to the chosen start, not the case's
    CHECK(s.node().id == "exploring");
    s.restart();
    CHECK(s.node().id == "exploring");
    CHECK_FALSE(s.start_at("no_such_node", st).ok);
    SessionState bad;
    bad.vars["undeclared"] = Value::of_bool(true);
    CHECK_FALSE(s.start_at("exploring", bad).ok);
}

TEST_CASE("session: a variable pushed past any bound stays finite (JSON cannot hold infinity)") {
    const char* yaml = R"(format: impasse/1
id: loop-case
title: "T"
summary: "S"
rupture_type: withdrawal
difficulty: 1
patient: {name: A, age: 30}
initial:
  vars: {n: 0}
start: a
nodes:
  a:
    say: "Fine."
    stage: marker
    markers: [{id: withdrawal.denial, salience: 2}]
    responses:
      - id: again
        text: "Say more?"
        next: a
        ratings: {here_and_now: 2}
        effects: {vars.n: +1e308}
        feedback: "F"
      - id: done
        text: "What is happening right now?"
        next: z
        expert: true
        ratings: {here_and_now: 2}
        feedback: "F"
  z:
    say: "Bye."
    stage: marker
    ending: {kind: resolved, text: "E"}
)";
    impasse::LoadResult lr = impasse::load_scenario_text(yaml, "loop.yaml");
    REQUIRE(lr.scenario);
    Session s(lr.scenario, 1, nullptr, fixed_clock());
    for (int i = 0; i < 4; ++i)
        REQUIRE(s.choose("again").ok);
    double n = s.state().vars.at("n").number;
    CHECK(std::isfinite(n));
    CHECK(n == doctest::Approx(1e15));
}
