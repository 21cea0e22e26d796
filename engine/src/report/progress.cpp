#include "impasse/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "impasse/vocabulary.h"
#include "report/turn_view.h"

namespace impasse {
namespace {

struct Mean {
    double sum = 0;
    int n = 0;
    void add(double v) {
        sum += v;
        ++n;
    }
    double get() const { return n ? sum / n : -1; }
};

std::string two(double v) {
    char b[16];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

std::string lower_label(std::string_view id) {
    std::string s(vocab::any_label(id));
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

const Scenario* find(const std::vector<ScenarioPtr>& lib, const std::string& id) {
    for (const auto& s : lib)
        if (s->id == id) return s.get();
    return nullptr;
}

void recommend(const Store& store, const std::vector<ScenarioPtr>& lib,
               const std::vector<DrillRow>& drills, Progress& p) {
    int level = 1;
    std::string why = "Start with a gentle case.";
    const DrillRow* last = nullptr;
    for (const auto& d : drills)
        if (d.status == "finished") last = &d;
    if (last) {
        const Scenario* s = find(lib, last->scenario_id);
        int was = s ? s->difficulty : 1;
        level = was;
        if (last->distress >= 7) {
            level = std::max(1, was - 1);
            why = "Your last drill felt very hard (distress " + std::to_string(last->distress) +
                  "/10): the next one steps down so practice stays hard but achievable.";
        } else if (last->distress >= 0 && last->distress <= 3 && last->mean_score >= 60) {
            level = std::min(3, was + 1);
            why = "Your last drill went well and felt manageable (distress " +
                  std::to_string(last->distress) + "/10): the next one steps up.";
        } else if (last->distress < 0) {
            why = "Rate how hard a drill felt when it ends, and the next ones will adjust to you.";
        } else {
            why = "Your last drill was hard but workable: stay at this level.";
        }
    }
    p.next_level_reason = why;
    std::set<std::string> done;
    for (const auto& d : drills)
        done.insert(d.scenario_id);
    // Prefer the rupture type practised less.
    int w = p.rupture_types_practised["withdrawal"], c = p.rupture_types_practised["confrontation"];
    std::string want_type = w <= c ? "withdrawal" : "confrontation";
    std::vector<std::pair<int, Recommendation>> ranked;
    for (const auto& s : lib) {
        if (s->kind != ScenarioKind::full_case) continue;
        int cost = std::abs(s->difficulty - level) * 10 + (done.count(s->id) ? 5 : 0) +
                   (s->rupture_type == want_type ? 0 : 2);
        Recommendation r{s->id, s->title, s->difficulty, ""};
        r.reason = std::string(done.count(s->id) ? "Again, " : "New, ") + "difficulty " +
                   std::to_string(s->difficulty) + ", " + s->rupture_type +
                   (s->rupture_type == want_type ? " (you have practised it less)" : "");
        ranked.push_back({cost, r});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < ranked.size() && i < 3; ++i)
        p.next.push_back(ranked[i].second);
    (void)store;
}

}  // namespace

Progress compute_progress(const Store& store, const std::vector<ScenarioPtr>& library) {
    Progress p;
    auto drills = store.drills();
    p.drills = static_cast<int>(drills.size());
    const auto& principles = vocab::principles();
    std::map<std::string, Mean> overall_principle;
    // Per drill principle means, used for calibration.
    std::map<int64_t, std::vector<double>> drill_principles;
    // Turn-level rows for check-in patterns: (drill, turn) -> principle values.
    std::map<std::pair<int64_t, int>, std::vector<double>> turn_principles;
    Mean with_pause_score, without_pause_score;
    std::set<int64_t> paused;
    for (const auto& d : drills) {
        if (d.status == "finished") ++p.finished;
        if (!d.pause_note.empty()) paused.insert(d.id);
        if (const Scenario* s = find(library, d.scenario_id))
            ++p.rupture_types_practised[s->rupture_type];
        std::vector<Mean> per(principles.size());
        for (const auto& t : store.turns(d.id)) {
            ++p.turns;
            report::TurnView v = report::view_turn(t.record, t.input, t.overall);
            for (const auto& m : v.markers)
                ++p.markers_practised[m];
            for (size_t i = 0; i < principles.size() && i < v.principles.size(); ++i)
                if (v.principles[i] >= 0) {
                    per[i].add(v.principles[i]);
                    overall_principle[std::string(principles[i].id)].add(v.principles[i]);
                }
            turn_principles[{d.id, t.index}] = v.principles;
            if (v.overall >= 0)
                (d.pause_note.empty() ? without_pause_score : with_pause_score).add(v.overall);
        }
        std::vector<double> means;
        for (size_t i = 0; i < principles.size(); ++i) {
            means.push_back(per[i].get());
            if (per[i].n > 0)
                p.principle_series[std::string(principles[i].id)].push_back(
                    {d.started_at, d.id, per[i].get()});
        }
        drill_principles[d.id] = means;
    }
    for (const auto& [id, m] : overall_principle)
        p.principle_means[id] = m.get();

    // Check-in patterns: for each feeling and principle, turns answered right after a check-in
    // with that feeling at >= threshold versus all other checked-in turns.
    auto checkins = store.checkins();
    const int threshold = 6;
    for (const auto& f : vocab::feelings()) {
        for (size_t pi = 0; pi < principles.size(); ++pi) {
            Mean with, without;
            for (const auto& c : checkins) {
                auto it = turn_principles.find({c.drill_id, c.turn});
                if (it == turn_principles.end() || pi >= it->second.size() || it->second[pi] < 0)
                    continue;
                bool has =
                    c.intensity >= threshold &&
                    std::find(c.feelings.begin(), c.feelings.end(), f.id) != c.feelings.end();
                (has ? with : without).add(it->second[pi]);
            }
            if (with.n < 2 || without.n < 2) continue;
            CheckinPattern cp;
            cp.feeling = std::string(f.id);
            cp.principle = std::string(principles[pi].id);
            cp.threshold = threshold;
            cp.with_mean = with.get();
            cp.without_mean = without.get();
            cp.with_n = with.n;
            cp.without_n = without.n;
            cp.sentence = "When you felt " + lower_label(f.id) + " at " +
                          std::to_string(threshold) + " or more, your " +
                          lower_label(principles[pi].id) + " averaged " + two(cp.with_mean) +
                          "; otherwise " + two(cp.without_mean) + " (" + std::to_string(with.n) +
                          " and " + std::to_string(without.n) +
                          (without.n == 1 ? " answer)." : " answers).");
            p.patterns.push_back(cp);
        }
    }
    std::sort(p.patterns.begin(), p.patterns.end(),
              [](const CheckinPattern& a, const CheckinPattern& b) {
                  return std::fabs(a.with_mean - a.without_mean) >
                         std::fabs(b.with_mean - b.without_mean);
              });
    if (p.patterns.size() > 5) p.patterns.resize(5);

    // Calibration: self-ratings against the measured mean of the same drill.
    std::map<std::string, std::pair<Mean, Mean>> cal;
    for (const auto& r : store.self_ratings()) {
        int pi = vocab::index_of(principles, r.principle);
        auto it = drill_principles.find(r.drill_id);
        if (pi < 0 || it == drill_principles.end() || it->second[static_cast<size_t>(pi)] < 0)
            continue;
        cal[r.principle].first.add(r.rating);
        cal[r.principle].second.add(it->second[static_cast<size_t>(pi)]);
    }
    for (const auto& [id, m] : cal)
        p.calibration.push_back({id, m.first.get(), m.second.get(), m.first.n});

    // Pause comparison (descriptive).
    Mean int_with, int_without;
    for (const auto& c : checkins)
        (paused.count(c.drill_id) ? int_with : int_without).add(c.intensity);
    p.pause.with_pause = static_cast<int>(paused.size());
    p.pause.without_pause = p.drills - p.pause.with_pause;
    p.pause.score_with = with_pause_score.get();
    p.pause.score_without = without_pause_score.get();
    p.pause.intensity_with = int_with.get();
    p.pause.intensity_without = int_without.get();
    if (p.pause.with_pause > 0 && p.pause.without_pause > 0 && p.pause.score_with >= 0 &&
        p.pause.score_without >= 0) {
        p.pause.sentence = "Drills that began with a pause averaged " +
                           std::to_string(int(p.pause.score_with + 0.5)) +
                           " per answer; the others " +
                           std::to_string(int(p.pause.score_without + 0.5)) + ".";
        if (p.pause.intensity_with >= 0 && p.pause.intensity_without >= 0)
            p.pause.sentence += " Check-in intensity: " + two(p.pause.intensity_with).substr(0, 3) +
                                " vs " + two(p.pause.intensity_without).substr(0, 3) + ".";
        p.pause.sentence +=
            " This describes your record; it does not show that the pause caused the difference.";
    }
    recommend(store, library, drills, p);
    return p;
}

}  // namespace impasse
