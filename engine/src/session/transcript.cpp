#include "impasse/transcript.h"

#include "impasse/json_read.h"
#include "json_get.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "impasse/diagnostic_codes.h"
#include "impasse/version.h"
#include "impasse/vocabulary.h"

namespace impasse {
namespace {

using nlohmann::json;

json by_ids(const std::vector<vocab::Term>& terms, const double* values) {
    json o = json::object();
    for (size_t i = 0; i < terms.size(); ++i)
        o[std::string(terms[i].id)] = std::round(values[i] * 1e4) / 1e4;
    return o;
}

json markers_json(const std::vector<MarkerRef>& ms) {
    json a = json::array();
    for (const auto& m : ms)
        a.push_back({{"id", m.id}, {"salience", m.salience}});
    return a;
}

json input_json(const TurnInput& in) {
    if (in.kind == TurnInput::Kind::option) return {{"kind", "option"}, {"response", in.response}};
    json j = {{"kind", "text"}, {"text", in.text}};
    if (in.route.recorded)
        j["route"] = {{"routed_to", in.route.routed_to},
                      {"fallback", in.route.fallback},
                      {"similarity", in.route.similarity}};
    return j;
}

// A typed input's recorded route, from its own "route" or from the turn around it.
void read_route(const json& from, TurnInput* ti) {
    if (!from.is_object() || !from.contains("routed_to") || !from["routed_to"].is_string()) return;
    ti->route.recorded = true;
    ti->route.routed_to = from["routed_to"].get<std::string>();
    ti->route.fallback =
        from.contains("fallback") && from["fallback"].is_boolean() && from["fallback"].get<bool>();
    ti->route.similarity = from.contains("similarity") && from["similarity"].is_number()
                               ? from["similarity"].get<double>()
                               : 0.0;
}

json feedback_json(const Feedback& f) {
    auto items = [](const std::vector<FeedbackItem>& v) {
        json a = json::array();
        for (const auto& i : v)
            a.push_back({{"id", i.id}, {"text", i.text}, {"quote", i.quote}});
        return a;
    };
    return {{"summary", f.summary},      {"did_well", items(f.did_well)},
            {"missed", items(f.missed)}, {"toward_stage", f.toward_stage},
            {"authored", f.authored},    {"expert_says", f.expert_says}};
}

json seq(double v) {
    return v < 0 ? json(nullptr) : json(std::round(v * 1e4) / 1e4);
}

const char* order_id(Session::OptionOrder o) {
    return o == Session::OptionOrder::shuffled ? "shuffled" : "file";
}

Session::OptionOrder order_of(const std::string& id) {
    return id == "shuffled" ? Session::OptionOrder::shuffled : Session::OptionOrder::file;
}

}  // namespace

json score_json(const Score& s) {
    json ev = json::array();
    for (const auto& e : s.evidence)
        ev.push_back(
            {{"kind", e.kind}, {"id", e.id}, {"start", e.start}, {"end", e.end}, {"text", e.text}});
    return {{"overall", std::round(s.overall * 100) / 100},
            {"principles", by_ids(vocab::principles(), s.principles.data())},
            {"counter_markers", by_ids(vocab::counter_markers(), s.counter_markers.data())},
            {"strategies", by_ids(vocab::resolution_strategies(), s.strategies.data())},
            {"evidence", ev}};
}

json state_json(const SessionState& s) {
    json vars = json::object();
    for (const auto& [k, v] : s.vars)
        vars[k] = v.is_bool() ? json(v.boolean) : json(v.number);
    json visits = json::object();
    for (const auto& [k, v] : s.visits)
        visits[k] = v;
    auto r = [](double x) { return std::round(x * 1e6) / 1e6; };
    return {{"alliance",
             {{"bond", r(s.alliance.bond)},
              {"task", r(s.alliance.task)},
              {"goal", r(s.alliance.goal)}}},
            {"affect", {{"valence", r(s.affect.valence)}, {"arousal", r(s.affect.arousal)}}},
            {"vars", vars},
            {"visits", visits},
            {"turn", s.turn}};
}

json turn_json(const TurnRecord& t) {
    json changes = json::array();
    for (const auto& c : t.changes)
        changes.push_back(
            {{"target", c.target}, {"before", c.before}, {"after", c.after}, {"cause", c.cause}});
    return {{"index", t.index},
            {"node", t.node},
            {"line", t.line_id},
            {"patient", t.patient},
            {"cue", t.cue},
            {"markers", markers_json(t.markers)},
            {"stage", t.stage},
            {"input", input_json(t.input)},
            {"said", t.said},
            {"option_order", order_id(t.order)},
            {"options", t.shown},
            {"routed_to", t.routed_to},
            {"similarity", seq(t.similarity)},
            {"fallback", t.fallback},
            {"next", t.next},
            {"scores", score_json(t.score)},
            {"feedback", feedback_json(t.feedback)},
            {"sequence",
             {{"evaluate_by_response", seq(t.evaluate_by_response)},
              {"situation_changing", seq(t.situation_changing)}}},
            {"state_before", state_json(t.before)},
            {"state_after", state_json(t.after)},
            {"changes", changes},
            {"timestamp", t.timestamp}};
}

json transcript_json(const Session& s) {
    json turns = json::array();
    for (const auto& t : s.turns())
        turns.push_back(turn_json(t));
    json ruptures = json::array();
    for (const auto& r : s.ruptures())
        ruptures.push_back({{"turn", r.turn},
                            {"node", r.node},
                            {"type", r.type},
                            {"markers", r.markers},
                            {"salience", r.salience},
                            {"attended", r.attended},
                            {"deepened", r.deepened},
                            {"outcome", r.outcome}});
    json ending = nullptr;
    if (const Ending* e = s.ending())
        ending = {{"kind", ending_kind_id(e->kind)}, {"node", s.node().id}, {"text", e->text}};
    return {{"format", kTranscriptFormat},
            {"impasse", version_string()},
            {"scenario", s.scenario().id},
            {"scenario_hash", s.scenario().hash},
            {"scorer_version", s.scorer_version()},
            {"seed", s.seed()},
            {"option_order", order_id(s.option_order())},
            {"turns", turns},
            {"current",
             {{"node", s.node().id},
              {"line", s.line_id()},
              {"patient", s.line()},
              {"stage", s.stage()}}},
            {"stage_path", s.stage_path()},
            {"ruptures", ruptures},
            {"ending", ending}};
}

Snapshot snapshot(const Session& s) {
    Snapshot snap;
    snap.scenario = s.scenario().id;
    snap.scenario_hash = s.scenario().hash;
    snap.seed = s.seed();
    snap.scorer_version = s.scorer_version();
    snap.option_order = order_id(s.option_order());
    snap.inputs = s.inputs();
    return snap;
}

json snapshot_json(const Snapshot& s) {
    json inputs = json::array();
    for (const auto& i : s.inputs)
        inputs.push_back(input_json(i));
    return {{"format", s.format},
            {"scenario", s.scenario},
            {"scenario_hash", s.scenario_hash},
            {"scorer_version", s.scorer_version},
            {"seed", s.seed},
            {"option_order", s.option_order},
            {"inputs", inputs}};
}

std::unique_ptr<Session> restore(const Snapshot& snap, ScenarioPtr scenario, const Scorer* scorer,
                                 std::string* error, Session::Clock clock) {
    auto fail = [&](const std::string& e) {
        if (error) *error = e;
        return std::unique_ptr<Session>();
    };
    if (!scenario) return fail("no scenario");
    if (snap.scenario != scenario->id)
        return fail("the snapshot is of scenario '" + snap.scenario + "', not '" + scenario->id +
                    "'");
    if (snap.scenario_hash != scenario->hash)
        return fail("the scenario '" + scenario->id +
                    "' has changed since this drill was recorded");
    auto s = std::make_unique<Session>(scenario, snap.seed, scorer, std::move(clock));
    s->set_option_order(order_of(snap.option_order));
    for (size_t i = 0; i < snap.inputs.size(); ++i) {
        Session::Result r = s->replay_input(snap.inputs[i]);
        if (!r.ok) return fail("turn " + std::to_string(i + 1) + " cannot be replayed: " + r.error);
    }
    return s;
}

ParsedTranscript parse_transcript(std::string_view text, const std::string& name) {
    ParsedTranscript out;
    auto fail = [&](const std::string& msg) {
        out.diagnostics.push_back({name, 1, 1, Severity::error, codes::bad_transcript, msg});
        return out;
    };
    if (text.size() > 64 * 1024 * 1024) return fail("the transcript is larger than 64 MiB");
    if (json_in::depth(text) > json_in::kMaxDepth)
        return fail("the transcript is nested more than " + std::to_string(json_in::kMaxDepth) +
                    " levels deep");
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        // Find the position for a helpful message.
        try {
            json probe = json::parse(text.begin(), text.end());
            (void)probe;
        } catch (const json::parse_error& e) {
            size_t byte = e.byte > 0 ? e.byte - 1 : 0;
            int line = 1, col = 1;
            for (size_t i = 0; i < byte && i < text.size(); ++i) {
                if (text[i] == '\n') {
                    ++line;
                    col = 1;
                } else {
                    ++col;
                }
            }
            out.diagnostics.push_back(
                {name, line, col, Severity::error, codes::bad_transcript, "not valid JSON"});
            return out;
        } catch (...) {
        }
        return fail("not valid JSON");
    }
    if (!j.is_object()) return fail("a transcript is a JSON object");
    auto str = [&](const char* k) -> std::string {
        auto it = j.find(k);
        return it != j.end() && it->is_string() ? it->get<std::string>() : "";
    };
    out.snapshot.scenario = str("scenario");
    out.snapshot.scenario_hash = str("scenario_hash");
    out.snapshot.scorer_version = str("scorer_version");
    out.snapshot.option_order = str("option_order") == "shuffled" ? "shuffled" : "file";
    if (out.snapshot.scenario.empty()) return fail("the transcript names no scenario");
    auto seed = j.find("seed");
    if (seed == j.end() || !seed->is_number_unsigned())
        return fail("the transcript has no valid seed");
    out.snapshot.seed = seed->get<uint64_t>();
    const json* inputs = nullptr;
    json collected = json::array();
    std::vector<const json*> around;  // the turn each input came from, when from turns
    if (auto it = j.find("turns"); it != j.end() && it->is_array()) {
        for (const auto& t : *it) {
            if (!t.is_object() || !t.contains("input")) return fail("a turn has no input");
            collected.push_back(t["input"]);
            around.push_back(&t);
        }
        inputs = &collected;
    } else if (auto in = j.find("inputs"); in != j.end() && in->is_array()) {
        inputs = &*in;
    } else {
        return fail("the transcript has no turns");
    }
    for (const auto& in : *inputs) {
        if (!in.is_object()) return fail("an input must be an object");
        std::string kind = json_get::str(in, "kind");
        TurnInput ti;
        if (kind == "option" && in.contains("response") && in["response"].is_string()) {
            ti.kind = TurnInput::Kind::option;
            ti.response = in["response"].get<std::string>();
        } else if (kind == "text" && in.contains("text") && in["text"].is_string()) {
            ti.kind = TurnInput::Kind::text;
            ti.text = in["text"].get<std::string>();
            size_t k = out.snapshot.inputs.size();
            if (in.contains("route"))
                read_route(in["route"], &ti);
            else if (k < around.size())
                read_route(*around[k], &ti);
        } else {
            return fail(
                "an input must be {\"kind\":\"option\",\"response\":ID} or "
                "{\"kind\":\"text\",\"text\":...}");
        }
        out.snapshot.inputs.push_back(ti);
    }
    out.json = std::move(j);
    return out;
}

ParsedTranscript read_transcript_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ParsedTranscript p;
        p.diagnostics.push_back(
            {path, 0, 0, Severity::error, codes::bad_transcript, "cannot read the transcript"});
        return p;
    }
    // Read at most the limit and one byte more: a huge file (or /dev/zero) is refused without
    // being read whole.
    constexpr size_t kLimit = 64 * 1024 * 1024;
    std::string text;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<size_t>(in.gcount()));
        if (text.size() > kLimit) break;
    }
    if (in.bad() && text.empty()) {
        ParsedTranscript p;
        p.diagnostics.push_back({path, 0, 0, Severity::error, codes::bad_transcript,
                                 "cannot read the transcript (is it a folder?)"});
        return p;
    }
    return parse_transcript(text, path);
}

ReplayResult replay(const ParsedTranscript& t, ScenarioPtr scenario, const Scorer* scorer) {
    ReplayResult r;
    if (!scenario) {
        r.reason = "no scenario";
        return r;
    }
    if (t.snapshot.scenario != scenario->id) {
        r.reason = "the transcript is of scenario '" + t.snapshot.scenario + "', not '" +
                   scenario->id + "'";
        return r;
    }
    bool hash_differs =
        !t.snapshot.scenario_hash.empty() && t.snapshot.scenario_hash != scenario->hash;
    Session s(scenario, t.snapshot.seed, scorer, [] { return std::string(); });
    s.set_option_order(order_of(t.snapshot.option_order));
    // Made with another scorer: follow its recorded routes and do not compare scores.
    bool other_scorer = t.snapshot.scorer_version != s.scorer_version();
    const json* turns =
        t.json.contains("turns") && t.json["turns"].is_array() ? &t.json["turns"] : nullptr;
    for (size_t i = 0; i < t.snapshot.inputs.size(); ++i) {
        r.turn = static_cast<int>(i);
        const TurnInput& in = t.snapshot.inputs[i];
        if (turns && i < turns->size()) {
            const json& want = (*turns)[i];
            std::string node = json_get::str(want, "node"),
                        patient = json_get::str(want, "patient");
            if (node != s.node().id) {
                r.reason = "turn " + std::to_string(i + 1) + ": the transcript is at node '" +
                           node + "' but the scenario is at '" + s.node().id + "'";
                return r;
            }
            if (patient != s.line()) {
                r.reason = "turn " + std::to_string(i + 1) +
                           ": a different patient line is shown at node '" + node + "'";
                return r;
            }
        }
        TurnInput fresh = in;
        if (!other_scorer) fresh.route.recorded = false;  // route afresh and compare
        Session::Result res = s.replay_input(fresh);
        if (!res.ok) {
            r.reason = "turn " + std::to_string(i + 1) + ": " + res.error;
            return r;
        }
        if (turns && i < turns->size()) {
            const json& want = (*turns)[i];
            json got = turn_json(s.turns().back());
            for (const char* k : {"options", "routed_to", "next", "state_after"}) {
                if (want.contains(k) && want[k] != got[k]) {
                    r.reason = "turn " + std::to_string(i + 1) + ": '" + k + "' differs";
                    return r;
                }
            }
            const json* ws = want.contains("scores") ? &want["scores"] : nullptr;
            bool has_overall =
                ws && ws->is_object() && ws->contains("overall") && (*ws)["overall"].is_number();
            if (!other_scorer && has_overall &&
                std::fabs((*ws)["overall"].get<double>() - got["scores"]["overall"].get<double>()) >
                    0.01) {
                r.reason =
                    "turn " + std::to_string(i + 1) + ": the score differs (the rubric changed?)";
                return r;
            }
        }
    }
    r.turn = -1;
    if (other_scorer) {
        r.reason = "the transcript was scored by " +
                   (t.snapshot.scorer_version.empty() ? std::string("an unrecorded scorer")
                                                      : "scorer " + t.snapshot.scorer_version) +
                   ", and this is " +
                   (s.scorer_version().empty() ? std::string("no scorer")
                                               : "scorer " + s.scorer_version()) +
                   ": its recorded routes were replayed and reproduce; scores were not compared";
    }
    if (hash_differs) {
        r.reason += std::string(r.reason.empty() ? "" : "; ") +
                    "the scenario file changed since the transcript was made, but every turn "
                    "replays the same";
    }
    r.identical = true;
    return r;
}

}  // namespace impasse
