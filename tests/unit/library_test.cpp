// The bundled library (IMPASSE_SOURCE_DIR/scenarios) against issue 6 and docs/authoring.md:
// at least six cases of each rupture type, every marker in at least two cases, all three
// difficulties, both stage-process paths to the underlying need, twenty moment drills (four
// with answers from four orientations); every full case has a main path of at least eight decision
// points, four or more responses and an expert answer at every decision point, a resolved ending
// and an impasse or dropout; and every ending of every scenario is reached by actually playing it
// (conditions and effects included), found by a best-first search over sessions.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "impasse/scenario_loader.h"
#include "impasse/session.h"
#include "impasse/vocabulary.h"

using namespace impasse;

namespace {

std::vector<ScenarioPtr> bundled() {
    Library lib = load_library({std::string(IMPASSE_SOURCE_DIR) + "/scenarios"});
    return lib.scenarios;
}

// A coarse key for a session state: the node, the variables, visit counts (capped at 3, as
// conditions compare them with small numbers) and the alliance and affect in steps of 0.02.
// Sessions with the same key behave alike for reachability purposes.
std::string state_key(const Session& s) {
    std::string k = s.node().id;
    const SessionState& st = s.state();
    auto r = [](double v) { return std::to_string(std::lround(v * 50)); };
    k += "|" + r(st.alliance.bond) + "," + r(st.alliance.task) + "," + r(st.alliance.goal) + "," +
         r(st.affect.valence) + "," + r(st.affect.arousal);
    for (const auto& [name, v] : st.vars)
        k += "|" + name + "=" + v.to_string();
    for (const auto& [node, n] : st.visits)
        k += "|" + node + "#" + std::to_string(std::min(n, 3));
    return k;
}

// Whether playing can reach the ending `target`: options (and, where a node has a fallback, a
// typed answer that matches nothing) are tried best-first, nearest to the target in the node
// graph first, over distinct states, within a budget.
bool reaches(const ScenarioPtr& sc, const std::string& target, size_t budget = 6000) {
    // The expert path first: its ending is often deep behind conditions the search below
    // (nearest-first over distinct states) spends its budget before reaching.
    {
        Session s(sc, 1);
        for (int guard = 0; guard < 200 && !s.at_end(); ++guard) {
            const Response* pick = nullptr;
            for (const Response* r : s.available())
                if (!pick || r->expert) pick = r;
            if (!pick || !s.choose(pick->id).ok) break;
        }
        if (s.node().id == target) return true;
    }
    // Static distance of every node to the target, ignoring conditions.
    std::map<std::string, std::vector<std::string>> into;
    for (const Node& n : sc->nodes) {
        for (const Response& r : n.responses)
            into[r.next].push_back(n.id);
        if (!n.free_text.fallback.empty()) into[n.free_text.fallback].push_back(n.id);
        if (n.reactions)
            for (const std::string* t :
                 {&n.reactions->softens, &n.reactions->deepens, &n.reactions->risk})
                if (!t->empty()) into[*t].push_back(n.id);
    }
    std::map<std::string, int> dist{{target, 0}};
    std::deque<std::string> bfs{target};
    while (!bfs.empty()) {
        std::string id = bfs.front();
        bfs.pop_front();
        for (const std::string& from : into[id])
            if (dist.emplace(from, dist[id] + 1).second) bfs.push_back(from);
    }
    auto distance = [&](const Session& s) {
        auto it = dist.find(s.node().id);
        return it == dist.end() ? 1 << 20 : it->second;
    };
    std::multimap<int, Session> open;  // by distance to the target
    std::set<std::string> seen;
    Session first(sc, 1);
    seen.insert(state_key(first));
    open.emplace(distance(first), std::move(first));
    while (!open.empty() && seen.size() < budget) {
        Session s = std::move(open.begin()->second);
        open.erase(open.begin());
        if (s.node().id == target) return true;
        if (s.at_end() || s.turns().size() > 60) continue;  // a real drill is far shorter
        std::vector<Session> next;
        for (const Response* r : s.available()) {
            Session c = s;
            if (c.choose(r->id).ok) next.push_back(std::move(c));
        }
        if (!s.node().free_text.fallback.empty() && !s.node().reactions) {
            Session c = s;
            if (c.say("zzz").ok) next.push_back(std::move(c));
        }
        // A moment's reactions: each taken as a recorded route (which reaction a typed answer
        // gets depends on the scorer, which this search does without).
        if (s.node().reactions)
            for (const char* kind : {"softens", "deepens", "risk"}) {
                Session c = s;
                if (c.say_routed("an answer", kind, false, 1.0).ok) next.push_back(std::move(c));
            }
        for (Session& c : next) {
            int d = distance(c);
            if (d < (1 << 20) && seen.insert(state_key(c)).second) open.emplace(d, std::move(c));
        }
    }
    return false;
}

// The main path: from the start, always take the node's expert answer (else the available
// response with the highest summed ratings). Returns the decision nodes passed.
std::vector<const Node*> main_path(const ScenarioPtr& sc) {
    std::vector<const Node*> path;
    Session s(sc, 1);
    for (int guard = 0; guard < 200 && !s.at_end(); ++guard) {
        const Response* best = nullptr;
        int best_sum = -1;
        for (const Response* r : s.available()) {
            int sum = 0;
            for (const auto& [id, v] : r->ratings)
                sum += v;
            if (r->expert) sum += 1000;
            if (sum > best_sum) best = r, best_sum = sum;
        }
        if (!best) break;
        path.push_back(&s.node());
        if (!s.choose(best->id).ok) break;
    }
    return path;
}

}  // namespace

TEST_CASE("library: every ending of every bundled scenario is reached by playing it") {
    for (const ScenarioPtr& sc : bundled()) {
        CAPTURE(sc->id);
        for (const Node& n : sc->nodes) {
            if (!n.is_ending()) continue;
            CAPTURE(n.id);
            CHECK(reaches(sc, n.id));
        }
    }
}

TEST_CASE("library: each full case has a main path of 8+ decision points with 4+ responses") {
    for (const ScenarioPtr& sc : bundled()) {
        if (sc->kind != ScenarioKind::full_case) continue;
        CAPTURE(sc->id);
        std::vector<const Node*> path = main_path(sc);
        CHECK(path.size() >= 8);
        for (const Node& n : sc->nodes) {
            if (n.is_ending() || n.responses.empty()) continue;
            CAPTURE(n.id);
            CHECK(n.responses.size() >= 4);
            bool expert = false;
            for (const Response& r : n.responses)
                expert = expert || r.expert;
            CHECK(expert);
        }
        bool resolved = false, failed = false;
        for (const Node& n : sc->nodes) {
            if (!n.ending) continue;
            resolved = resolved || n.ending->kind == EndingKind::resolved;
            failed = failed || n.ending->kind == EndingKind::impasse ||
                     n.ending->kind == EndingKind::dropout;
        }
        CHECK(resolved);
        CHECK(failed);
    }
}

TEST_CASE("library: coverage of rupture types, markers, difficulty, stages and moments") {
    std::map<std::string, int> cases_by_type, cases_with_marker;
    std::set<int> difficulties;
    std::set<std::string> need_reached;  // rupture types whose cases reach underlying_need
    int moments = 0, orientation_moments = 0;
    for (const ScenarioPtr& sc : bundled()) {
        if (sc->kind == ScenarioKind::moment) {
            ++moments;
            std::set<std::string> orientations;
            for (const Node& n : sc->nodes)
                for (const Response& r : n.responses)
                    if (!r.orientation.empty()) orientations.insert(r.orientation);
            if (orientations.size() >= 4) ++orientation_moments;
            continue;
        }
        ++cases_by_type[sc->rupture_type];
        difficulties.insert(sc->difficulty);
        std::set<std::string> markers;
        for (const Node& n : sc->nodes) {
            for (const MarkerRef& m : n.markers)
                markers.insert(m.id);
            if (n.stage == "underlying_need") need_reached.insert(sc->rupture_type);
        }
        for (const std::string& m : markers)
            ++cases_with_marker[m];
    }
    CHECK(cases_by_type["withdrawal"] >= 10);
    CHECK(cases_by_type["confrontation"] >= 10);
    for (const vocab::Term& m : vocab::markers()) {
        std::string id(m.id);
        CAPTURE(id);
        CHECK(cases_with_marker[id] >= 2);
    }
    CHECK(difficulties == std::set<int>{1, 2, 3});
    CHECK(need_reached.count("withdrawal") == 1);
    CHECK(need_reached.count("confrontation") == 1);
    CHECK(moments >= 40);
    CHECK(orientation_moments >= 4);
}
