// Whole-scenario checks: links, reachability, endings, conditions, effects, and the warnings
// that tell an author a moment cannot teach what it should.
#include <algorithm>
#include <deque>
#include <set>

#include "impasse/diagnostic_codes.h"
#include "impasse/vocabulary.h"
#include "scenario/scenario_build.h"

namespace impasse::scenario_impl {
namespace {

void add(Diagnostics& out, const SourceLoc& at, Severity sev, const char* code, std::string msg) {
    out.push_back(Diagnostic{at.file, at.line, at.column, sev, code, std::move(msg)});
}

std::vector<std::string> node_ids(const Scenario& s) {
    std::vector<std::string> out;
    for (const auto& n : s.nodes)
        out.push_back(n.id);
    return out;
}

// `at` is where the name is written; `fallback` (the enclosing item) when that is unknown.
void check_link(const Scenario& s, const std::string& target, const SourceLoc& at,
                const std::string& what, Diagnostics& out, const SourceLoc* fallback = nullptr) {
    if (target.empty() || s.find_node(target)) return;
    const SourceLoc& where = at.line > 0 || !fallback ? at : *fallback;
    std::string hint = yaml::did_you_mean(target, node_ids(s));
    add(out, where, Severity::error, codes::dangling_link,
        what + " points to node '" + target + "', which does not exist" +
            (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
}

bool known_path(const Scenario& s, const std::string& path, std::string* why) {
    static const std::set<std::string> fixed{"alliance.bond", "alliance.task",  "alliance.goal",
                                             "alliance.mean", "affect.valence", "affect.arousal",
                                             "turn"};
    if (fixed.count(path)) return true;
    if (path.rfind("vars.", 0) == 0) {
        if (s.initial.vars.count(path.substr(5))) return true;
        *why = "variable '" + path.substr(5) + "' is not declared in initial.vars";
        return false;
    }
    if (path.rfind("visits.", 0) == 0) {
        if (s.find_node(path.substr(7))) return true;
        *why = "'" + path + "' names no node";
        return false;
    }
    *why = "unknown name '" + path + "' (use alliance.*, affect.*, vars.NAME, visits.NODE or turn)";
    return false;
}

void check_condition(const Scenario& s, const Condition& c, Diagnostics& out) {
    if (!c.expr) return;
    ParsedExpression p = parse_expression(c.source);
    for (const auto& path : p.paths) {
        std::string why;
        if (!known_path(s, path, &why)) {
            // At the name itself, when it can be found in the one-line source.
            SourceLoc at = c.loc;
            size_t off = c.source.find(path);
            if (off != std::string::npos && c.text_column > 0 &&
                c.source.find('\n') == std::string::npos)
                at.column = c.text_column + static_cast<int>(off);
            add(out, at, Severity::error, codes::unknown_name, "in \"" + c.source + "\": " + why);
        }
    }
}

void check_effect(const Scenario& s, const Effect& e, Diagnostics& out) {
    static const std::set<std::string> numeric{"alliance.bond", "alliance.task", "alliance.goal",
                                               "affect.valence", "affect.arousal"};
    if (numeric.count(e.target)) {
        if (e.value.is_bool())
            add(out, e.loc, Severity::error, codes::bad_effect,
                "'" + e.target + "' takes a number, not true/false");
        return;
    }
    if (e.target.rfind("vars.", 0) == 0) {
        auto it = s.initial.vars.find(e.target.substr(5));
        if (it == s.initial.vars.end()) {
            add(out, e.loc, Severity::error, codes::bad_effect,
                "variable '" + e.target.substr(5) + "' is not declared in initial.vars");
        } else if (it->second.kind != e.value.kind) {
            add(out, e.loc, Severity::error, codes::bad_effect,
                "variable '" + it->first + "' is declared as a " +
                    (it->second.is_bool() ? "true/false" : "number") + " but this effect gives a " +
                    (e.value.is_bool() ? "true/false" : "number"));
        }
        return;
    }
    add(out, e.loc, Severity::error, codes::bad_effect,
        "unknown effect target '" + e.target +
            "' (alliance.bond|task|goal, affect.valence|arousal, vars.NAME)");
}

bool attends(const Response& r) {
    static const char* principles[] = {"here_and_now", "explore_patient_experience",
                                       "non_defensive", "accept_responsibility"};
    for (const char* p : principles) {
        auto it = r.ratings.find(p);
        if (it != r.ratings.end() && it->second == 2) return true;
    }
    static const std::set<std::string> strategies{"invite_discussion", "acknowledge_contribution",
                                                  "disclose_experience", "validate_defense",
                                                  "clarify_misunderstanding"};
    return strategies.count(r.strategy) > 0;
}

// A condition that reads no state and evaluates to false can never hold ("false", "1 > 2").
bool never_holds(const Condition& c) {
    if (!c.expr) return false;
    if (!parse_expression(c.source).paths.empty()) return false;
    Value v = c.expr->evaluate([](std::string_view) { return std::optional<Value>(); });
    return v.is_bool() ? !v.boolean : v.number == 0;
}

std::vector<std::string> successors(const Node& n) {
    std::vector<std::string> out;
    for (const auto& r : n.responses)
        out.push_back(r.next);
    if (!n.free_text.fallback.empty()) out.push_back(n.free_text.fallback);
    if (n.reactions)
        for (const std::string* t :
             {&n.reactions->softens, &n.reactions->deepens, &n.reactions->risk})
            if (!t->empty()) out.push_back(*t);
    return out;
}

}  // namespace

void check(const Scenario& s, Diagnostics& out) {
    SourceLoc top{s.source_file, 1, 1};
    if (!s.start.empty() && !s.find_node(s.start)) {
        std::string hint = yaml::did_you_mean(s.start, node_ids(s));
        add(out, s.start_loc.line > 0 ? s.start_loc : top, Severity::error, codes::dangling_link,
            "start points to node '" + s.start + "', which does not exist" +
                (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
    for (const auto& n : s.nodes) {
        bool has_exit = !n.responses.empty() || !n.free_text.fallback.empty() || n.reactions;
        if (n.ending && has_exit)
            add(out, n.loc, Severity::error, codes::node_shape,
                "node '" + n.id + "' has both an ending and responses; choose one");
        if (!n.ending && !has_exit)
            add(out, n.loc, Severity::error, codes::node_shape,
                "node '" + n.id +
                    "' has neither responses nor an ending, so the dialogue would stop here");
        if (!n.responses.empty() && !n.reactions &&
            std::all_of(n.responses.begin(), n.responses.end(),
                        [](const Response& r) { return r.condition && never_holds(*r.condition); }))
            add(out, n.loc, Severity::error, codes::no_option_possible,
                "node '" + n.id +
                    "': every response has a condition that can never hold, so the drill would "
                    "stop here with no way on");
        std::set<std::string> ids;
        int experts = 0;
        for (const auto& r : n.responses) {
            if (!r.id.empty() && !ids.insert(r.id).second)
                add(out, r.loc, Severity::error, codes::duplicate_response,
                    "response id '" + r.id + "' is used twice in node '" + n.id + "'");
            if (r.expert && ++experts == 2)
                add(out, r.loc, Severity::error, codes::several_experts,
                    "node '" + n.id + "' marks more than one response as expert");
            check_link(s, r.next, r.next_loc, "response '" + r.id + "'", out, &r.loc);
            if (r.condition) check_condition(s, *r.condition, out);
            for (const auto& e : r.effects)
                check_effect(s, e, out);
        }
        check_link(s, n.free_text.fallback, n.free_text.fallback_loc,
                   "free_text.fallback of node '" + n.id + "'", out, &n.free_text.loc);
        if (n.reactions) {
            const Reactions& rx = *n.reactions;
            check_link(s, rx.softens, rx.softens_loc, "reactions.softens of node '" + n.id + "'",
                       out, &rx.loc);
            check_link(s, rx.deepens, rx.deepens_loc, "reactions.deepens of node '" + n.id + "'",
                       out, &rx.loc);
            check_link(s, rx.risk, rx.risk_loc, "reactions.risk of node '" + n.id + "'", out,
                       &rx.loc);
            if (!n.responses.empty())
                add(out, rx.loc, Severity::error, codes::node_shape,
                    "node '" + n.id +
                        "' has both responses and reactions; reactions are for a node a typed "
                        "answer reaches without options (a moment)");
        }
        for (const auto& v : n.variants)
            if (v.when) check_condition(s, *v.when, out);
        if (!n.markers.empty() && !n.responses.empty() &&
            std::none_of(n.responses.begin(), n.responses.end(), attends))
            add(out, n.loc, Severity::warning, codes::rupture_without_repair,
                "node '" + n.id +
                    "' shows a rupture marker but no response attends to it (rated 2 on "
                    "here_and_now, "
                    "explore_patient_experience, non_defensive or accept_responsibility, or an "
                    "exploratory strategy): "
                    "the case cannot teach repair here");
    }
    if (s.kind == ScenarioKind::moment) {
        const Node* start = s.find_node(s.start);
        if (start && !start->expert &&
            std::none_of(start->responses.begin(), start->responses.end(),
                         [](const Response& r) { return r.expert; }))
            add(out, start->loc, Severity::error, codes::moment_without_expert,
                "a moment drill needs an expert answer at its start node ('expert: {text, "
                "shows}')");
    }
    if (has_errors(out) || !s.find_node(s.start)) return;

    // Reachability from start.
    std::set<std::string> reached{s.start};
    std::deque<std::string> queue{s.start};
    while (!queue.empty()) {
        const Node* n = s.find_node(queue.front());
        queue.pop_front();
        for (const auto& next : successors(*n))
            if (reached.insert(next).second) queue.push_back(next);
    }
    for (const auto& n : s.nodes)
        if (!reached.count(n.id))
            add(out, n.loc, Severity::warning, codes::unreachable_node,
                "node '" + n.id + "' cannot be reached from start '" + s.start + "'");

    // Nodes from which no ending can be reached (backwards search from the endings).
    std::map<std::string, std::vector<std::string>> preds;
    for (const auto& n : s.nodes)
        for (const auto& next : successors(n))
            preds[next].push_back(n.id);
    std::set<std::string> can_end;
    std::deque<std::string> back;
    for (const auto& n : s.nodes)
        if (n.ending) {
            can_end.insert(n.id);
            back.push_back(n.id);
        }
    while (!back.empty()) {
        std::string id = back.front();
        back.pop_front();
        for (const auto& p : preds[id])
            if (can_end.insert(p).second) back.push_back(p);
    }
    for (const auto& n : s.nodes)
        if (!can_end.count(n.id) && reached.count(n.id))
            add(out, n.loc, Severity::error, codes::no_ending_reachable,
                "no ending can be reached from node '" + n.id + "': the drill would loop forever");
}

}  // namespace impasse::scenario_impl
