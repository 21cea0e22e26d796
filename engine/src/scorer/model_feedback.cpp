// ModelScorer's feedback: one story told by the number, the lists and the summary.
#include <algorithm>
#include <string>
#include <vector>

#include "impasse/model_scorer.h"
#include "impasse/vocabulary.h"
#include "scorer/feedback_util.h"

namespace impasse {
using namespace feedback_util;
namespace {

constexpr double kShown = 0.5;       // a principle this probable is named as done well
constexpr double kRisked = 0.5;      // a counter-marker this probable is named as a risk
constexpr double kAbsent = 0.25;     // a called-for principle below this may be named as missed
constexpr double kDoneBefore = 0.5;  // ... unless an earlier answer showed it this clearly
constexpr double kGood = 65.0;       // overall from which the summary praises
constexpr double kPoor = 40.0;       // overall under which nothing is praised but the best

size_t index_in(const std::vector<vocab::Term>& terms, std::string_view id) {
    return static_cast<size_t>(std::max(0, vocab::index_of(terms, id)));
}

}  // namespace

Feedback ModelScorer::feedback(const Score& s, std::string_view text, const Moment& moment,
                               const Response* chosen) const {
    if (chosen) return rubric_->feedback(s, text, moment, chosen);
    Feedback fb;
    const Rubric& rb = rubric_->rubric();
    MomentCall call = rubric_->call_for(moment);
    const auto& P = vocab::principles();
    const auto& C = vocab::counter_markers();
    if (moment.node) {
        if (moment.node->expert)
            fb.expert_says = moment.node->expert->text;
        else if (const Response* r = expert_response(*moment.node))
            fb.expert_says = r->text;
    }
    if (!s.unreadable.empty()) {
        fb.unreadable = unreadable_message(s.unreadable);
        fb.summary = fb.unreadable;
        return fb;
    }
    bool risk = s.risk_check >= 0.5;

    // Risked: counter-markers enacted, the heaviest for this moment first.
    std::vector<size_t> risks = risked_counters(s, call.counter_markers, kRisked);

    // Done well: the clearest principles for this moment, each quoting its own words. A poor
    // answer is praised for at most its one clearest principle.
    if (risk)
        fb.did_well.push_back({"risk_check",
                               "You asked plainly about safety. That is right: asking does not put "
                               "the idea in someone's head, and it tells them it can be talked "
                               "about here.",
                               ""});
    std::vector<size_t> order;
    for (size_t i = 0; i < kPrincipleCount; ++i)
        if (s.principles[i] >= kShown) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return s.principles[a] * call.principles[a] > s.principles[b] * call.principles[b];
    });
    size_t praise = s.overall < kPoor ? 1 : 3;
    for (size_t i : order) {
        if (fb.did_well.size() >= praise + (risk ? 1 : 0)) break;
        fb.did_well.push_back(
            {std::string(P[i].id), rb.principles[i].well, quote_for(s, "principle", P[i].id)});
    }
    for (size_t k = 0; k < risks.size() && k < 2; ++k) {
        size_t i = risks[k];
        fb.missed.push_back({std::string(C[i].id), rb.counter_markers[i].missed,
                             quote_for(s, "counter_marker", C[i].id)});
    }

    // Missed: what the moment calls for, not shown now and not shown earlier in the dialogue.
    auto shown_before = [&](size_t i) {
        for (const auto& t : moment.history)
            if (t.score.principles[i] >= kDoneBefore) return true;
        return false;
    };
    std::vector<size_t> called;
    for (size_t i = 0; i < kPrincipleCount; ++i)
        if (call.principles[i] >= rb.overall.call_threshold && s.principles[i] < kAbsent &&
            !shown_before(i))
            called.push_back(i);
    std::sort(called.begin(), called.end(),
              [&](size_t a, size_t b) { return call.principles[a] > call.principles[b]; });
    if (!risk)
        for (size_t k = 0; k < called.size() && k < 2; ++k)
            fb.missed.push_back(
                {std::string(P[called[k]].id), rb.principles[called[k]].missed, ""});

    std::string stage = call.stage.empty() ? std::string("marker") : call.stage;
    if (!risks.empty() && s.overall < kPoor)
        fb.toward_stage = "marker";
    else if (s.overall >= kGood)
        fb.toward_stage = next_stage(stage);
    else
        fb.toward_stage = stage;

    // The summary follows the number.
    std::string moment_name = call.rupture_type.empty() ? "this" : call.rupture_type;
    auto plabel = [&](std::string_view id) {
        return lower_label(vocab::label(P, P[index_in(P, id)].id));
    };
    auto clabel = [&](size_t i) { return lower_label(vocab::label(C, C[i].id)); };
    std::vector<std::string> good;
    for (const auto& d : fb.did_well)
        if (d.id != "risk_check") good.push_back(plabel(d.id));
    if (risk) {
        fb.summary = "Asking directly about safety was the right call here";
        if (!good.empty()) fb.summary += ", and " + good[0] + " helps it land";
        fb.summary += ".";
    } else if (s.overall >= kGood && risks.empty()) {
        fb.summary = "This meets the " + moment_name + " moment well";
        if (!good.empty()) fb.summary += ": " + good[0];
        if (good.size() > 1) fb.summary += " and " + good[1];
        fb.summary += ".";
    } else if (!risks.empty()) {
        fb.summary = "This risks deepening the rupture through " + clabel(risks[0]);
        if (!good.empty() && s.overall >= kPoor) fb.summary += ", though " + good[0] + " helps";
        fb.summary += ".";
    } else if (s.overall >= kPoor) {
        fb.summary = "Part of the way";
        if (!good.empty()) fb.summary += ": " + good[0] + " helps";
        if (!called.empty())
            fb.summary += "; this moment also calls for " + plabel(P[called[0]].id);
        fb.summary += ".";
    } else {
        fb.summary = "This does not yet turn toward what is happening between you";
        if (!called.empty()) fb.summary += "; the moment calls for " + plabel(P[called[0]].id);
        fb.summary += ".";
    }
    return fb;
}

}  // namespace impasse
