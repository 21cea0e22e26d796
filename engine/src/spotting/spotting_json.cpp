// JSON forms of a spotting sheet and result (keys documented in docs/spotting.md).
#include "impasse/spotting.h"

namespace impasse {
namespace {

nlohmann::json optional_number(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json kappa_json(const Kappa& k) {
    return {{"value", optional_number(k.value)},
            {"band",
             k.value ? nlohmann::json(std::string(kappa_band(*k.value))) : nlohmann::json(nullptr)},
            {"observed_agreement", k.observed},
            {"expected_agreement", k.expected},
            {"n", k.n}};
}

}  // namespace

nlohmann::json sheet_json(const SpottingSheet& sheet, bool with_key) {
    nlohmann::json turns = nlohmann::json::array();
    for (const auto& t : sheet.turns) {
        nlohmann::json j = {
            {"turn", t.index}, {"node", t.node}, {"patient", t.patient}, {"cue", t.cue}};
        if (with_key) {
            j["stage"] = t.stage;
            nlohmann::json markers = nlohmann::json::array();
            for (const auto& m : t.markers)
                markers.push_back({{"id", m.id}, {"salience", m.salience}});
            j["markers"] = markers;
        }
        turns.push_back(j);
    }
    return {{"scenario", sheet.scenario},
            {"title", sheet.title},
            {"source", sheet.source},
            {"truncated", sheet.truncated},
            {"turns", turns}};
}

nlohmann::json spotting_json(const SpottingResult& r) {
    nlohmann::json turns = nlohmann::json::array();
    for (const auto& t : r.turns) {
        nlohmann::json pairs = nlohmann::json::array();
        for (const auto& [a, f] : t.pairs)
            pairs.push_back({a, f});
        turns.push_back({{"turn", t.index},
                         {"node", t.node},
                         {"expected", t.expected},
                         {"flagged", t.flagged},
                         {"hits", t.hits},
                         {"misses", t.misses},
                         {"false_alarms", t.false_alarms},
                         {"pairs", pairs}});
    }
    nlohmann::json per_marker = nlohmann::json::array();
    for (const auto& m : r.per_marker)
        per_marker.push_back({{"marker", m.marker},
                              {"expected", m.expected},
                              {"flagged", m.flagged},
                              {"hits", m.hits},
                              {"misses", m.misses},
                              {"false_alarms", m.false_alarms}});
    const Detection& d = r.detection;
    return {{"scenario", r.scenario},
            {"turns", turns},
            {"totals",
             {{"turns", r.turns.size()},
              {"hits", r.hits},
              {"misses", r.misses},
              {"false_alarms", r.false_alarms},
              {"correct_rejections", r.correct_rejections}}},
            {"per_marker", per_marker},
            {"confusion", {{"categories", r.confusion.categories}, {"counts", r.confusion.counts}}},
            {"kappa", kappa_json(r.kappa)},
            {"detection",
             {{"true_positive", d.true_positive},
              {"false_negative", d.false_negative},
              {"false_positive", d.false_positive},
              {"true_negative", d.true_negative},
              {"sensitivity", optional_number(d.sensitivity)},
              {"specificity", optional_number(d.specificity)},
              {"kappa", kappa_json(r.detection_kappa)}}}};
}

}  // namespace impasse
