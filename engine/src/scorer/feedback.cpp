// Feedback: what a response did well and what it missed or risked, in the trainee's own words.
#include <algorithm>
#include <string>
#include <vector>

#include "impasse/rubric_scorer.h"
#include "impasse/vocabulary.h"
#include "scorer/feedback_util.h"

namespace impasse {
using namespace feedback_util;
namespace {

constexpr double kShown = 0.35;   // a principle this clear is named as done well
constexpr double kRisked = 0.3;   // a counter-marker this clear is named as a risk
constexpr double kAbsent = 0.25;  // a called-for principle below this is named as missed
}  // namespace

Feedback RubricScorer::feedback(const Score& s, std::string_view text, const Moment& moment,
                                const Response* chosen) const {
    Feedback fb;
    const Rubric& rb = *rubric_;
    MomentCall call = call_for(moment);
    const auto& P = vocab::principles();
    const auto& C = vocab::counter_markers();

    bool empty = true;
    for (const auto& t : text::tokenize(text))
        empty = empty && !t.word;
    if (empty && !chosen) {
        fb.summary = "Nothing to score yet: write what you would say to the patient.";
        return fb;
    }

    // Done well: the clearest principles, weighted by what this moment calls for.
    std::vector<size_t> order(kPrincipleCount);
    for (size_t i = 0; i < kPrincipleCount; ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return s.principles[a] * call.principles[a] > s.principles[b] * call.principles[b];
    });
    for (size_t i : order) {
        if (s.principles[i] < kShown || fb.did_well.size() >= 3) break;
        fb.did_well.push_back(
            {std::string(P[i].id), rb.principles[i].well, quote_for(s, "principle", P[i].id)});
    }

    // Risked: counter-markers enacted, the heaviest first.
    std::vector<size_t> risks = risked_counters(s, call.counter_markers, kRisked);
    double risk_load = 0;
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        risk_load += s.counter_markers[i] * call.counter_markers[i];
    for (size_t k = 0; k < risks.size() && k < 2; ++k) {
        size_t i = risks[k];
        fb.missed.push_back({std::string(C[i].id), rb.counter_markers[i].missed,
                             quote_for(s, "counter_marker", C[i].id)});
    }
    // Missed: what the moment called for and the response did not show.
    std::vector<size_t> called;
    for (size_t i = 0; i < kPrincipleCount; ++i)
        if (call.principles[i] >= rb.overall.call_threshold && s.principles[i] < kAbsent)
            called.push_back(i);
    std::sort(called.begin(), called.end(),
              [&](size_t a, size_t b) { return call.principles[a] > call.principles[b]; });
    for (size_t k = 0; k < called.size() && k < 2; ++k)
        fb.missed.push_back({std::string(P[called[k]].id), rb.principles[called[k]].missed, ""});

    // The stage it moves toward: back to the marker when it deepens the rupture.
    std::string stage = call.stage.empty() ? std::string("marker") : call.stage;
    if (risk_load >= 0.5)
        fb.toward_stage = "marker";
    else if (s.overall >= 60)
        fb.toward_stage = next_stage(stage);
    else
        fb.toward_stage = stage;

    // One line that names the response's own qualities.
    std::string moment_name = call.rupture_type.empty() ? "this" : call.rupture_type;
    auto plabel = [&](size_t i) { return lower_label(vocab::label(P, P[i].id)); };
    auto clabel = [&](size_t i) { return lower_label(vocab::label(C, C[i].id)); };
    if (!fb.did_well.empty() && risks.empty() && s.overall >= 60) {
        fb.summary = "This meets the " + moment_name + " moment well: " +
                     plabel(static_cast<size_t>(vocab::index_of(P, fb.did_well[0].id)));
        if (fb.did_well.size() > 1)
            fb.summary +=
                " and " + plabel(static_cast<size_t>(vocab::index_of(P, fb.did_well[1].id)));
        fb.summary += ".";
    } else if (!risks.empty()) {
        fb.summary = "This risks deepening the rupture through " + clabel(risks[0]);
        if (!fb.did_well.empty())
            fb.summary += ", though its " +
                          plabel(static_cast<size_t>(vocab::index_of(P, fb.did_well[0].id))) +
                          " helps";
        fb.summary += ".";
    } else if (!fb.did_well.empty()) {
        fb.summary = "Part of the way: " +
                     plabel(static_cast<size_t>(vocab::index_of(P, fb.did_well[0].id))) + " helps";
        if (!called.empty())
            fb.summary += "; the " + moment_name + " moment also calls for " + plabel(called[0]);
        fb.summary += ".";
    } else {
        fb.summary = "This does not yet turn toward what is happening between you";
        if (!called.empty())
            fb.summary += "; the " + moment_name + " moment calls for " + plabel(called[0]);
        fb.summary += ".";
    }

    if (chosen) fb.authored = chosen->feedback;
    if (moment.node) {
        std::string expert;
        if (moment.node->expert)
            expert = moment.node->expert->text;
        else if (const Response* r = expert_response(*moment.node))
            expert = r->text;
        if (!expert.empty() && (!chosen || chosen->text != expert)) fb.expert_says = expert;
    }
    return fb;
}

}  // namespace impasse
