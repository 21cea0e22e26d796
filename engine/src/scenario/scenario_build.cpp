// Building a Scenario from a parsed YAML document: keys, types, ranges and identifiers.
// Cross-node checks (links, reachability, conditions) are in scenario_check.cpp.
#include "scenario/scenario_build.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "impasse/diagnostic_codes.h"
#include "impasse/vocabulary.h"

namespace impasse::scenario_impl {
namespace {

using yaml::Reader;

std::vector<std::string> ids_of(const std::vector<vocab::Term>& terms) {
    std::vector<std::string> out;
    for (const auto& t : terms)
        out.emplace_back(t.id);
    return out;
}

SourceLoc loc(const Reader& r, const YAML::Node& n) {
    return SourceLoc{r.file(), r.line(n), r.column(n)};
}

// Checks `id` against a vocabulary list; reports `code` with a suggestion.
bool known(Reader& r, const YAML::Node& at, const std::string& id,
           const std::vector<vocab::Term>& list, const char* code, const std::string& what) {
    if (vocab::contains(list, id)) return true;
    std::string hint = yaml::did_you_mean(id, ids_of(list));
    r.error(at, code,
            "unknown " + what + " '" + id + "'" +
                (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    return false;
}

bool valid_local_id(const std::string& id) {
    if (id.empty() || id.size() > 80 || !std::islower(static_cast<unsigned char>(id[0])))
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) ||
               std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
}

bool valid_scenario_id(const std::string& id) {
    if (id.empty() || id.size() > 80 || !std::islower(static_cast<unsigned char>(id[0])))
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) ||
               std::isdigit(static_cast<unsigned char>(c)) || c == '-';
    });
}

void read_text(Reader& r, const YAML::Node& map, const char* key, std::string& out,
               const std::string& what) {
    if (const YAML::Node n = map[key])
        if (auto v = r.string(n, what + " '" + key + "'")) out = *v;
}

// A link to a node (start, next, fallback): when present it must name one. An empty value
// (`next: ""`, or a bare tag such as `start: !`) would lead nowhere at run time.
void read_target(Reader& r, const YAML::Node& map, const char* key, std::string& out,
                 const std::string& what, SourceLoc* at = nullptr) {
    read_text(r, map, key, out, what);
    if (const YAML::Node n = map[key]; n && at) *at = loc(r, n);
    if (const YAML::Node n = map[key]; n && n.IsScalar() && out.empty())
        r.error(n, codes::dangling_link, what + " '" + key + "' is empty: it must name a node");
}

Condition condition(Reader& r, const YAML::Node& n, const std::string& what) {
    Condition c;
    c.loc = loc(r, n);
    auto s = r.string(n, what);
    if (!s) return c;
    c.source = *s;
    c.text_column = r.column(n) + (n.Tag() == "!" ? 1 : 0);
    ParsedExpression p = parse_expression(*s);
    if (!p.error.empty()) {
        int col = r.column(n) + (n.Tag() == "!" ? 1 : 0) + p.error_offset;
        r.error_at(r.line(n), col, codes::condition_syntax,
                   "in " + what + ": " + p.error + " (at character " +
                       std::to_string(p.error_offset + 1) + " of \"" + *s + "\")");
        return c;
    }
    c.expr = p.expr;
    return c;
}

void read_effects(Reader& r, const YAML::Node& n, std::vector<Effect>& out) {
    if (!n.IsMap()) {
        r.error(n, codes::wrong_type, "effects must be a mapping of target: change");
        return;
    }
    for (const auto& kv : n) {
        Effect e;
        e.loc = loc(r, kv.first);
        e.target = kv.first.IsScalar() ? kv.first.Scalar() : "";
        const YAML::Node& v = kv.second;
        if (!v.IsScalar()) {
            r.error(v, codes::bad_effect,
                    "the effect on '" + e.target + "' must be a number, true/false or \"=N\"");
            continue;
        }
        const std::string& s = v.Scalar();
        if (s == "true" || s == "false") {
            e.op = Effect::Op::set;
            e.value = Value::of_bool(s == "true");
        } else {
            bool assign = !s.empty() && s[0] == '=';
            std::string num = assign ? s.substr(1) : s;
            char* end = nullptr;
            double d = std::strtod(num.c_str(), &end);
            if (num.empty() || !end || *end != '\0' || !std::isfinite(d)) {
                r.error(v, codes::bad_effect,
                        "the effect on '" + e.target +
                            "' must be a number, true/false or \"=N\", not '" + s + "'");
                continue;
            }
            e.op = assign ? Effect::Op::set : Effect::Op::add;
            e.value = Value::of(d);
        }
        out.push_back(e);
    }
}

void read_markers(Reader& r, const YAML::Node& n, std::vector<MarkerRef>& out) {
    if (!n.IsSequence()) {
        r.error(n, codes::wrong_type, "markers must be a list of {id, salience}");
        return;
    }
    for (const auto& m : n) {
        MarkerRef ref;
        ref.loc = loc(r, m);
        if (!m.IsMap()) {
            r.error(m, codes::wrong_type, "a marker is written {id: ..., salience: 1-5}");
            continue;
        }
        r.check_keys(m, {"id", "salience"}, "a marker");
        if (!r.require(m, "id", "a marker")) continue;
        if (auto id = r.string(m["id"], "a marker's id")) {
            ref.id = *id;
            known(r, m["id"], ref.id, vocab::markers(), codes::unknown_marker, "marker");
        }
        if (m["salience"]) {
            if (auto s = r.integer(m["salience"], "salience", 1, 5))
                ref.salience = static_cast<int>(*s);
        } else {
            r.error(m, codes::missing_key, "a marker needs 'salience' (1-5)");
        }
        out.push_back(ref);
    }
}

Response read_response(Reader& r, const YAML::Node& n, const Node& node) {
    Response resp;
    resp.loc = loc(r, n);
    if (!n.IsMap()) {
        r.error(n, codes::wrong_type, "a response is a mapping with id, text, next, feedback ...");
        return resp;
    }
    r.check_keys(n,
                 {"id", "text", "next", "ratings", "counter_markers", "strategy", "feedback",
                  "effects", "orientation", "condition", "expert", "match", "move"},
                 "a response");
    std::string what = "a response of node '" + node.id + "'";
    for (const char* k : {"id", "text", "next", "feedback"})
        r.require(n, k, what);
    read_text(r, n, "id", resp.id, "the response");
    if (const YAML::Node id = n["id"]; id && id.IsScalar() && !valid_local_id(resp.id))
        r.error(n["id"], codes::bad_identifier,
                "response id '" + resp.id + "' must be lowercase letters, digits and underscores");
    read_text(r, n, "text", resp.text, "the response");
    read_target(r, n, "next", resp.next, "the response", &resp.next_loc);
    read_text(r, n, "feedback", resp.feedback, "the response");
    if (const YAML::Node ratings = n["ratings"]) {
        if (!ratings.IsMap()) {
            r.error(ratings, codes::wrong_type, "ratings map principle ids to 0, 1 or 2");
        } else {
            for (const auto& kv : ratings) {
                std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
                if (!known(r, kv.first, id, vocab::principles(), codes::unknown_principle,
                           "principle"))
                    continue;
                if (auto v = r.integer(kv.second, "the rating of '" + id + "'", 0, 2))
                    resp.ratings[id] = static_cast<int>(*v);
            }
        }
    }
    if (const YAML::Node cm = n["counter_markers"]) {
        if (auto list = r.string_list(cm, "counter_markers")) {
            size_t i = 0;
            for (const auto& id : *list) {
                if (known(r, cm[i], id, vocab::counter_markers(), codes::unknown_counter_marker,
                          "counter-marker"))
                    resp.counter_markers.push_back(id);
                ++i;
            }
        }
    }
    if (const YAML::Node st = n["strategy"]) {
        if (auto s = r.string(st, "strategy"))
            if (known(r, st, *s, vocab::resolution_strategies(), codes::unknown_strategy,
                      "resolution strategy"))
                resp.strategy = *s;
    }
    if (const YAML::Node e = n["effects"]) read_effects(r, e, resp.effects);
    if (const YAML::Node o = n["orientation"]) {
        if (auto s = r.string(o, "orientation"))
            if (known(r, o, *s, vocab::orientations(), codes::unknown_orientation, "orientation"))
                resp.orientation = *s;
    }
    if (const YAML::Node c = n["condition"])
        resp.condition = condition(r, c, "the condition of response '" + resp.id + "'");
    if (const YAML::Node x = n["expert"])
        if (auto b = r.boolean(x, "expert")) resp.expert = *b;
    if (const YAML::Node m = n["match"])
        if (auto list = r.string_list(m, "match")) resp.match = *list;
    if (const YAML::Node mv = n["move"]) {
        if (auto s = r.string(mv, "move")) {
            if (known_move(*s))
                resp.move = *s;
            else
                r.error(mv, codes::unknown_move,
                        "unknown move '" + *s + "' (a response's move is risk_check or repair)");
        }
    }
    return resp;
}

void read_node(Reader& r, const YAML::Node& n, Node& node) {
    if (!n.IsMap()) {
        r.error(n, codes::wrong_type,
                "node '" + node.id + "' must be a mapping with say, stage, responses or ending");
        return;
    }
    r.check_keys(n,
                 {"say", "cue", "markers", "stage", "responses", "ending", "variants", "free_text",
                  "expert", "pull", "note"},
                 "node '" + node.id + "'");
    std::string what = "node '" + node.id + "'";
    r.require(n, "say", what);
    r.require(n, "stage", what);
    read_text(r, n, "say", node.say, what);
    read_text(r, n, "cue", node.cue, what);
    read_text(r, n, "note", node.note, what);
    if (const YAML::Node st = n["stage"])
        if (auto s = r.string(st, "stage"))
            if (known(r, st, *s, vocab::stages(), codes::unknown_stage, "stage")) node.stage = *s;
    if (const YAML::Node m = n["markers"]) read_markers(r, m, node.markers);
    if (const YAML::Node resps = n["responses"]) {
        if (!resps.IsSequence()) {
            r.error(resps, codes::wrong_type, "responses must be a list");
        } else {
            for (const auto& x : resps)
                node.responses.push_back(read_response(r, x, node));
        }
    }
    if (const YAML::Node e = n["ending"]) {
        Ending ending;
        ending.loc = loc(r, e);
        if (!e.IsMap()) {
            r.error(e, codes::wrong_type,
                    "an ending is {kind: resolved|partial|impasse|dropout, text: ...}");
        } else {
            r.check_keys(e, {"kind", "text", "closing"}, "an ending");
            r.require(e, "kind", "an ending");
            r.require(e, "text", "an ending");
            if (const YAML::Node k = e["kind"]) {
                if (auto s = r.string(k, "the ending's kind")) {
                    if (known(r, k, *s, vocab::ending_kinds(), codes::unknown_ending_or_type,
                              "ending kind"))
                        ending.kind = *s == "resolved"  ? EndingKind::resolved
                                      : *s == "partial" ? EndingKind::partial
                                      : *s == "impasse" ? EndingKind::impasse
                                                        : EndingKind::dropout;
                }
            }
            read_text(r, e, "text", ending.text, "the ending");
            read_text(r, e, "closing", ending.closing, "the ending");
        }
        node.ending = ending;
    }
    if (const YAML::Node vs = n["variants"]) {
        if (!vs.IsSequence()) {
            r.error(vs, codes::wrong_type, "variants must be a list");
        } else {
            int i = 0;
            for (const auto& v : vs) {
                ++i;
                LineVariant lv;
                lv.loc = loc(r, v);
                lv.id = node.id + "#" + std::to_string(i);
                if (!v.IsMap()) {
                    r.error(v, codes::wrong_type, "a variant is {say, cue, when, weight}");
                    continue;
                }
                r.check_keys(v, {"id", "say", "cue", "when", "weight"}, "a variant");
                r.require(v, "say", "a variant");
                read_text(r, v, "id", lv.id, "a variant");
                read_text(r, v, "say", lv.say, "a variant");
                read_text(r, v, "cue", lv.cue, "a variant");
                if (const YAML::Node w = v["when"]) lv.when = condition(r, w, "a variant's 'when'");
                if (const YAML::Node w = v["weight"])
                    if (auto d = r.number(w, "weight", 0.0, 1000.0)) lv.weight = *d;
                node.variants.push_back(lv);
            }
        }
    }
    if (const YAML::Node ft = n["free_text"]) {
        node.free_text.loc = loc(r, ft);
        if (!ft.IsMap()) {
            r.error(ft, codes::wrong_type,
                    "free_text is {fallback: NODE, min_similarity: 0..1, neutral: {say, cue}}");
        } else {
            r.check_keys(ft, {"fallback", "min_similarity", "neutral", "reactions"}, "free_text");
            if (const YAML::Node re = ft["reactions"]) {
                Reactions rx;
                rx.loc = loc(r, re);
                if (!re.IsMap()) {
                    r.error(re, codes::wrong_type,
                            "reactions is {softens: NODE, deepens: NODE, risk: NODE}");
                } else {
                    r.check_keys(re, {"softens", "deepens", "risk"}, "reactions");
                    r.require(re, "softens", "reactions");
                    r.require(re, "deepens", "reactions");
                    read_target(r, re, "softens", rx.softens, "reactions", &rx.softens_loc);
                    read_target(r, re, "deepens", rx.deepens, "reactions", &rx.deepens_loc);
                    read_target(r, re, "risk", rx.risk, "reactions", &rx.risk_loc);
                    node.reactions = rx;
                }
            }
            if (const YAML::Node nl = ft["neutral"]) {
                NeutralLine line;
                line.loc = loc(r, nl);
                if (!nl.IsMap()) {
                    r.error(nl, codes::wrong_type, "neutral is {say: ..., cue: ...}");
                } else {
                    r.check_keys(nl, {"say", "cue"}, "the neutral line");
                    r.require(nl, "say", "the neutral line");
                    read_text(r, nl, "say", line.say, "the neutral line");
                    read_text(r, nl, "cue", line.cue, "the neutral line");
                    node.free_text.neutral = line;
                }
            }
            read_target(r, ft, "fallback", node.free_text.fallback, "free_text",
                        &node.free_text.fallback_loc);
            if (const YAML::Node m = ft["min_similarity"])
                if (auto d = r.number(m, "min_similarity", 0.0, 1.0))
                    node.free_text.min_similarity = *d;
        }
    }
    if (const YAML::Node ex = n["expert"]) {
        ExpertAnswer a;
        a.loc = loc(r, ex);
        if (!ex.IsMap()) {
            r.error(ex, codes::wrong_type, "expert is {text: ..., shows: [principles]}");
        } else {
            r.check_keys(ex, {"text", "shows"}, "the expert answer");
            r.require(ex, "text", "the expert answer");
            read_text(r, ex, "text", a.text, "the expert answer");
            if (const YAML::Node shows = ex["shows"]) {
                if (auto list = r.string_list(shows, "shows")) {
                    size_t i = 0;
                    for (const auto& id : *list) {
                        if (known(r, shows[i], id, vocab::principles(), codes::unknown_principle,
                                  "principle"))
                            a.shows.push_back(id);
                        ++i;
                    }
                }
            }
        }
        node.expert = a;
    }
    if (const YAML::Node p = n["pull"]) {
        if (!p.IsMap()) {
            r.error(p, codes::wrong_type, "pull is {feelings: [...], urges: [...]}");
        } else {
            r.check_keys(p, {"feelings", "urges"}, "pull");
            if (const YAML::Node f = p["feelings"])
                if (auto list = r.string_list(f, "feelings")) {
                    size_t i = 0;
                    for (const auto& id : *list)
                        if (known(r, f[i++], id, vocab::feelings(), codes::unknown_feeling,
                                  "feeling"))
                            node.pull.feelings.push_back(id);
                }
            if (const YAML::Node u = p["urges"])
                if (auto list = r.string_list(u, "urges")) {
                    size_t i = 0;
                    for (const auto& id : *list)
                        if (known(r, u[i++], id, vocab::urges(), codes::unknown_feeling, "urge"))
                            node.pull.urges.push_back(id);
                }
        }
    }
}

void read_patient(Reader& r, const YAML::Node& n, Patient& p) {
    if (!n.IsMap()) {
        r.error(n, codes::wrong_type,
                "patient must be a mapping (name, age, pronouns, background, ...)");
        return;
    }
    r.check_keys(n,
                 {"name", "age", "pronouns", "background", "presenting_problem", "schema",
                  "longs_for", "fears"},
                 "patient");
    r.require(n, "name", "patient");
    r.require(n, "age", "patient");
    read_text(r, n, "name", p.name, "patient");
    if (const YAML::Node a = n["age"])
        if (auto v = r.integer(a, "patient age", 12, 110)) p.age = static_cast<int>(*v);
    read_text(r, n, "pronouns", p.pronouns, "patient");
    read_text(r, n, "background", p.background, "patient");
    read_text(r, n, "presenting_problem", p.presenting_problem, "patient");
    read_text(r, n, "schema", p.schema, "patient");
    read_text(r, n, "longs_for", p.longs_for, "patient");
    read_text(r, n, "fears", p.fears, "patient");
}

void read_initial(Reader& r, const YAML::Node& n, InitialState& s) {
    if (!n.IsMap()) {
        r.error(n, codes::wrong_type, "initial must be a mapping (alliance, affect, vars)");
        return;
    }
    r.check_keys(n, {"alliance", "affect", "vars"}, "initial");
    if (const YAML::Node a = n["alliance"]) {
        if (!a.IsMap()) {
            r.error(a, codes::wrong_type, "alliance is {bond, task, goal}, each 0..1");
        } else {
            r.check_keys(a, {"bond", "task", "goal"}, "alliance");
            if (a["bond"])
                if (auto v = r.number(a["bond"], "bond", 0, 1)) s.alliance.bond = *v;
            if (a["task"])
                if (auto v = r.number(a["task"], "task", 0, 1)) s.alliance.task = *v;
            if (a["goal"])
                if (auto v = r.number(a["goal"], "goal", 0, 1)) s.alliance.goal = *v;
        }
    }
    if (const YAML::Node a = n["affect"]) {
        if (!a.IsMap()) {
            r.error(a, codes::wrong_type, "affect is {valence: -1..1, arousal: 0..1}");
        } else {
            r.check_keys(a, {"valence", "arousal"}, "affect");
            if (a["valence"])
                if (auto v = r.number(a["valence"], "valence", -1, 1)) s.affect.valence = *v;
            if (a["arousal"])
                if (auto v = r.number(a["arousal"], "arousal", 0, 1)) s.affect.arousal = *v;
        }
    }
    if (const YAML::Node vars = n["vars"]) {
        if (!vars.IsMap()) {
            r.error(vars, codes::wrong_type, "vars maps names to numbers or true/false");
        } else {
            for (const auto& kv : vars) {
                std::string name = kv.first.IsScalar() ? kv.first.Scalar() : "";
                if (!valid_local_id(name)) {
                    r.error(kv.first, codes::bad_identifier,
                            "variable name '" + name +
                                "' must be lowercase letters, digits and underscores");
                    continue;
                }
                const YAML::Node& v = kv.second;
                if (v.IsScalar() && (v.Scalar() == "true" || v.Scalar() == "false")) {
                    s.vars[name] = Value::of_bool(v.Scalar() == "true");
                } else if (auto d = r.number(v, "variable '" + name + "'", -1e9, 1e9)) {
                    s.vars[name] = Value::of(*d);
                }
            }
        }
    }
}

}  // namespace

void build(Reader& r, const YAML::Node& root, Scenario& s) {
    if (!root.IsMap()) {
        r.error(root, codes::not_a_scenario,
                "a scenario file is a mapping that starts with 'format: impasse/1'");
        return;
    }
    r.check_keys(root,
                 {"format", "id", "kind", "title", "summary", "teaching_point", "rupture_type",
                  "difficulty", "tags", "patient", "initial", "start", "nodes"},
                 "the scenario");
    for (const char* k : {"format", "id", "title", "summary", "rupture_type", "difficulty",
                          "patient", "start", "nodes"})
        r.require(root, k, "the scenario");
    read_text(r, root, "format", s.format, "the scenario");
    if (root["format"] && s.format != "impasse/1")
        r.error(root["format"], codes::not_a_scenario,
                "format '" + s.format + "' is not one this Impasse reads (impasse/1)");
    read_text(r, root, "id", s.id, "the scenario");
    if (root["id"] && !valid_scenario_id(s.id))
        r.error(root["id"], codes::bad_identifier,
                "scenario id '" + s.id + "' must be lowercase letters, digits and dashes");
    if (const YAML::Node k = root["kind"]) {
        if (auto v = r.string(k, "kind")) {
            if (*v == "moment")
                s.kind = ScenarioKind::moment;
            else if (*v != "case")
                r.error(k, codes::out_of_range,
                        "kind must be 'case' or 'moment', not '" + *v + "'");
        }
    }
    read_text(r, root, "title", s.title, "the scenario");
    read_text(r, root, "summary", s.summary, "the scenario");
    read_text(r, root, "teaching_point", s.teaching_point, "the scenario");
    if (const YAML::Node t = root["rupture_type"])
        if (auto v = r.string(t, "rupture_type"))
            if (known(r, t, *v, vocab::rupture_types(), codes::unknown_ending_or_type,
                      "rupture type"))
                s.rupture_type = *v;
    if (const YAML::Node d = root["difficulty"])
        if (auto v = r.integer(d, "difficulty", 1, 3)) s.difficulty = static_cast<int>(*v);
    if (const YAML::Node t = root["tags"])
        if (auto v = r.string_list(t, "tags")) s.tags = *v;
    if (const YAML::Node p = root["patient"]) read_patient(r, p, s.patient);
    if (const YAML::Node i = root["initial"]) read_initial(r, i, s.initial);
    read_target(r, root, "start", s.start, "the scenario", &s.start_loc);
    const YAML::Node nodes = root["nodes"];
    if (!nodes) return;
    if (!nodes.IsMap() || nodes.size() == 0) {
        r.error(nodes, codes::wrong_type,
                "nodes must be a mapping of node id to node, with at least one node");
        return;
    }
    for (const auto& kv : nodes) {
        Node node;
        node.id = kv.first.IsScalar() ? kv.first.Scalar() : "";
        node.loc = loc(r, kv.first);
        if (!valid_local_id(node.id))
            r.error(kv.first, codes::bad_identifier,
                    "node id '" + node.id + "' must be lowercase letters, digits and underscores");
        read_node(r, kv.second, node);
        if (s.node_index.count(node.id)) continue;  // a duplicate key, already reported
        s.node_index[node.id] = s.nodes.size();
        s.nodes.push_back(std::move(node));
    }
}

}  // namespace impasse::scenario_impl
