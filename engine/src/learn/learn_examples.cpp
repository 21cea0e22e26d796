#include <algorithm>
#include <set>

#include "impasse/learn.h"
#include "impasse/vocabulary.h"

namespace impasse {
namespace {

enum class Topic { marker, principle, counter_marker, strategy, stage, other };

Topic topic_kind(const std::string& id) {
    if (vocab::contains(vocab::markers(), id)) return Topic::marker;
    if (vocab::contains(vocab::principles(), id)) return Topic::principle;
    if (vocab::contains(vocab::counter_markers(), id)) return Topic::counter_marker;
    if (vocab::contains(vocab::resolution_strategies(), id)) return Topic::strategy;
    if (vocab::contains(vocab::stages(), id)) return Topic::stage;
    return Topic::other;
}

LearnExample base(const Scenario& s, const Node& n) {
    LearnExample e;
    e.scenario_id = s.id;
    e.scenario_title = s.title;
    e.node_id = n.id;
    e.patient_line = n.say;
    e.cue = n.cue;
    return e;
}

// Adds candidates, one per scenario first, then more, up to `max`.
void take(std::vector<LearnExample>& out, std::vector<LearnExample> candidates, size_t max) {
    std::set<std::string> used;
    size_t taken = 0;
    for (int pass = 0; pass < 2 && taken < max; ++pass) {
        for (auto& c : candidates) {
            if (taken >= max) break;
            if (c.scenario_id.empty()) continue;
            if (pass == 0 && used.count(c.scenario_id)) continue;
            used.insert(c.scenario_id);
            out.push_back(std::move(c));
            c.scenario_id.clear();
            ++taken;
        }
    }
}

}  // namespace

std::vector<LearnExample> find_examples(const std::string& topic,
                                        const std::vector<ScenarioPtr>& scenarios, size_t max) {
    Topic kind = topic_kind(topic);
    std::vector<LearnExample> good, bad;
    for (const auto& sp : scenarios) {
        const Scenario& s = *sp;
        for (const auto& n : s.nodes) {
            if (n.is_ending()) continue;
            switch (kind) {
                case Topic::marker:
                    for (const auto& m : n.markers)
                        if (m.id == topic) good.push_back(base(s, n));
                    break;
                case Topic::stage:
                    if (n.stage == topic) good.push_back(base(s, n));
                    break;
                case Topic::principle:
                case Topic::counter_marker:
                case Topic::strategy:
                    for (const auto& r : n.responses) {
                        LearnExample e = base(s, n);
                        e.response_text = r.text;
                        if (kind == Topic::principle) {
                            auto it = r.ratings.find(topic);
                            if (it == r.ratings.end()) continue;
                            e.rating = it->second;
                            e.positive = it->second == 2;
                            if (it->second == 2)
                                good.push_back(e);
                            else if (it->second == 0)
                                bad.push_back(e);
                        } else if (kind == Topic::counter_marker) {
                            if (std::find(r.counter_markers.begin(), r.counter_markers.end(),
                                          topic) != r.counter_markers.end()) {
                                e.positive = false;
                                bad.push_back(e);
                            }
                        } else if (r.strategy == topic) {
                            good.push_back(e);
                        }
                    }
                    break;
                case Topic::other:
                    break;
            }
        }
    }
    std::vector<LearnExample> out;
    take(out, std::move(good), max);
    take(out, std::move(bad), max);
    return out;
}

}  // namespace impasse
