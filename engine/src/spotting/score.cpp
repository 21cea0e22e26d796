// score_spotting(): the trainee's flags against the sheet's authored markers (rules and
// formulas in impasse/spotting.h).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "impasse/diagnostic_codes.h"
#include "impasse/spotting.h"
#include "impasse/vocabulary.h"
#include "spotting/marker_ids.h"

namespace impasse {
namespace {

using spotting::kNone;

// Deduplicated, in ids.yaml order (unknown ids last, by name).
std::vector<std::string> ordered(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
        int oa = spotting::marker_order(a), ob = spotting::marker_order(b);
        return oa != ob ? oa < ob : a < b;
    });
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

bool has(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
}

// The judgements of one turn: identical ids first, then the rest paired in order, then the
// leftovers against none.
std::vector<std::pair<std::string, std::string>> pair_up(const TurnSpotting& t) {
    std::vector<std::pair<std::string, std::string>> out;
    if (t.expected.empty() && t.flagged.empty()) {
        out.emplace_back(kNone, kNone);
        return out;
    }
    for (const auto& id : t.hits)
        out.emplace_back(id, id);
    size_t common = std::min(t.misses.size(), t.false_alarms.size());
    for (size_t i = 0; i < common; ++i)
        out.emplace_back(t.misses[i], t.false_alarms[i]);
    for (size_t i = common; i < t.misses.size(); ++i)
        out.emplace_back(t.misses[i], kNone);
    for (size_t i = common; i < t.false_alarms.size(); ++i)
        out.emplace_back(kNone, t.false_alarms[i]);
    return out;
}

Diagnostics check(const SpottingSheet& sheet, const std::vector<Flag>& flags,
                  const std::string& name) {
    Diagnostics out;
    std::set<int> indices;
    for (const auto& t : sheet.turns)
        indices.insert(t.index);
    std::string range = indices.empty()       ? std::string("no turns")
                        : indices.size() == 1 ? "only turn " + std::to_string(*indices.begin())
                                              : "turns " + std::to_string(*indices.begin()) +
                                                    " to " + std::to_string(*indices.rbegin());
    std::map<int, std::pair<const Flag*, const Flag*>> none_and_marker;  // per turn
    for (const Flag& f : flags) {
        if (!indices.count(f.turn)) {
            out.push_back(spotting::error_at(
                name, f.line, 1, codes::flag_turn_missing,
                "turn " + std::to_string(f.turn) + " is not on the sheet, which has " + range));
            continue;
        }
        if (f.marker != kNone && !spotting::known_marker(f.marker)) {
            out.push_back(spotting::error_at(name, f.line, 1, codes::flag_marker,
                                             spotting::unknown_marker_message(f.marker)));
            continue;
        }
        auto& seen = none_and_marker[f.turn];
        (f.marker == kNone ? seen.first : seen.second) = &f;
        if (seen.first && seen.second) {
            const Flag* later = seen.first->line > seen.second->line ? seen.first : seen.second;
            out.push_back(spotting::error_at(name, later->line, 1, codes::flag_none_and_marker,
                                             "turn " + std::to_string(f.turn) +
                                                 " is flagged both `none` and '" +
                                                 seen.second->marker + "'; keep one"));
            seen = {nullptr, nullptr};  // report each conflict once
        }
    }
    return out;
}

void count_detection(SpottingResult& r) {
    Detection& d = r.detection;
    for (const auto& t : r.turns) {
        bool authored = !t.expected.empty(), flagged = !t.flagged.empty();
        if (authored && flagged) ++d.true_positive;
        if (authored && !flagged) ++d.false_negative;
        if (!authored && flagged) ++d.false_positive;
        if (!authored && !flagged) ++d.true_negative;
    }
    if (int p = d.true_positive + d.false_negative; p > 0)
        d.sensitivity = static_cast<double>(d.true_positive) / p;
    if (int q = d.true_negative + d.false_positive; q > 0)
        d.specificity = static_cast<double>(d.true_negative) / q;
    // Category 0: no marker; 1: a marker. Rows authored, columns flagged.
    r.detection_kappa =
        cohen_kappa({{d.true_negative, d.false_positive}, {d.false_negative, d.true_positive}});
}

void count_markers(SpottingResult& r) {
    std::vector<std::string> used;
    for (const auto& t : r.turns) {
        used.insert(used.end(), t.expected.begin(), t.expected.end());
        used.insert(used.end(), t.flagged.begin(), t.flagged.end());
    }
    used = ordered(used);
    for (const auto& id : used) {
        MarkerCounts c;
        c.marker = id;
        for (const auto& t : r.turns) {
            c.expected += has(t.expected, id);
            c.flagged += has(t.flagged, id);
            c.hits += has(t.hits, id);
            c.misses += has(t.misses, id);
            c.false_alarms += has(t.false_alarms, id);
        }
        r.per_marker.push_back(c);
    }
    ConfusionMatrix& m = r.confusion;
    m.categories.emplace_back(kNone);
    m.categories.insert(m.categories.end(), used.begin(), used.end());
    const size_t k = m.categories.size();
    m.counts.assign(k, std::vector<long long>(k, 0));
    auto at = [&](const std::string& id) {
        return static_cast<size_t>(std::find(m.categories.begin(), m.categories.end(), id) -
                                   m.categories.begin());
    };
    for (const auto& t : r.turns)
        for (const auto& [authored, flagged] : t.pairs)
            ++m.counts[at(authored)][at(flagged)];
    r.kappa = cohen_kappa(m.counts);
}

}  // namespace

SpottingResult score_spotting(const SpottingSheet& sheet, const std::vector<Flag>& flags,
                              const std::string& name) {
    SpottingResult r;
    r.scenario = sheet.scenario;
    r.diagnostics = check(sheet, flags, name);
    if (has_errors(r.diagnostics)) return r;

    std::map<int, std::vector<std::string>> flagged;
    for (const Flag& f : flags)
        if (f.marker != kNone) flagged[f.turn].push_back(f.marker);

    for (const SpottingTurn& st : sheet.turns) {
        TurnSpotting t;
        t.index = st.index;
        t.node = st.node;
        std::vector<std::string> expected;
        for (const auto& m : st.markers)
            expected.push_back(m.id);
        t.expected = ordered(expected);
        t.flagged = ordered(flagged[st.index]);
        for (const auto& id : t.expected)
            (has(t.flagged, id) ? t.hits : t.misses).push_back(id);
        for (const auto& id : t.flagged)
            if (!has(t.expected, id)) t.false_alarms.push_back(id);
        t.pairs = pair_up(t);
        r.hits += static_cast<int>(t.hits.size());
        r.misses += static_cast<int>(t.misses.size());
        r.false_alarms += static_cast<int>(t.false_alarms.size());
        if (t.expected.empty() && t.flagged.empty()) ++r.correct_rejections;
        r.turns.push_back(std::move(t));
    }
    count_detection(r);
    count_markers(r);
    return r;
}

}  // namespace impasse
