#include "impasse/routing.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "impasse/text.h"
#include "impasse/vocabulary.h"

namespace impasse {
namespace {

constexpr double kRiskShown = 0.5;         // a risk question this clear is routed as one
constexpr double kStrongCounter = 0.5;     // a counter-marker this clear bars the repairs
constexpr double kRepairOverall = 70;      // an answer reading as a repair, when also ...
constexpr double kRepairMaxCounter = 0.3;  // ... no counter-marker is over this
constexpr double kProfileWeight = 0.4;     // the rest is shared words
constexpr double kMatchBonus = 0.1;
// The patient's reply to an option answers that option's words. So an option is a candidate
// only when the typed answer shares some of its content (or one of its match phrases), or
// makes the same move: its reading (principles, counter-markers, strategies and MITI
// behaviours) is this close to the option text's, or it enacts one of a mistake's
// counter-markers this clearly. An option that changes the subject (`ignoring_marker`) is
// reached only by its words: its move is its topic, and a tangent elsewhere is not it.
constexpr double kWords = 0.2;
constexpr double kSameMove = 0.6;
constexpr double kSameMistake = 0.6;
constexpr double kMistakeBonus = 0.1;
// Valence guards. A repair is reached only by an answer the model reads as at least middling;
// an answer read both as good overall and as enacting a strong counter-marker (a conflicted
// reading) reaches neither a repair nor a mistake; and when the nearest two candidates are a
// repair and a mistake this close, the answer gets the neutral line.
constexpr double kRepairMinOverall = 50;
constexpr double kConflictedOverall = 60;
constexpr double kCloseCall = 0.1;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<double> profile(const Score& s) {
    std::vector<double> v(s.principles.begin(), s.principles.end());
    v.insert(v.end(), s.counter_markers.begin(), s.counter_markers.end());
    v.insert(v.end(), s.strategies.begin(), s.strategies.end());
    v.insert(v.end(), s.behaviours.begin(), s.behaviours.end());
    return v;
}

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
    double dot = 0, na = 0, nb = 0;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }
    return (na == 0 || nb == 0) ? 0.0 : dot / std::sqrt(na * nb);
}

const std::vector<std::string>& stopwords() {
    static const std::vector<std::string> w{
        "that",  "this",  "with",  "have",   "just",      "like",   "what",   "about",
        "they",  "them",  "there", "then",   "than",      "your",   "were",   "been",
        "being", "from",  "into",  "would",  "could",     "should", "really", "know",
        "think", "going", "want",  "some",   "when",      "here",   "very",   "much",
        "more",  "also",  "only",  "even",   "well",      "okay",   "yeah",   "because",
        "maybe", "sure",  "thing", "things", "something", "feel",   "sounds", "seems",
        "right", "kind",  "sort",  "mean",   "said",      "little", "bit"};
    return w;
}

double shared_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty()) return 0.0;
    size_t n = 0;
    for (const auto& w : a)
        if (std::find(b.begin(), b.end(), w) != b.end()) ++n;
    return static_cast<double>(n) / std::sqrt(static_cast<double>(a.size() * b.size()));
}

double max_of(const std::array<double, kCounterMarkerCount>& v) {
    return *std::max_element(v.begin(), v.end());
}

}  // namespace

double match_similarity(std::string_view text, const Response& response) {
    if (response.match.empty()) return 0.0;
    std::string said = lower(text);
    int hits = 0;
    for (const auto& phrase : response.match) {
        std::string p = lower(phrase);
        if (!p.empty() && said.find(p) != std::string::npos) ++hits;
    }
    return static_cast<double>(hits) / static_cast<double>(response.match.size());
}

bool is_repair_option(const Response& r) {
    if (r.expert || r.move == "repair") return true;
    if (!r.counter_markers.empty() || r.ratings.empty()) return false;
    for (const auto& kv : r.ratings)
        if (kv.second < 2) return false;
    return true;
}

std::vector<RouteCandidate> route_candidates(const Scorer& scorer, const Score& typed,
                                             std::string_view text,
                                             const std::vector<const Response*>& available,
                                             const Moment& moment) {
    std::vector<RouteCandidate> out;
    bool strong_counter = max_of(typed.counter_markers) >= kStrongCounter;
    bool repair =
        typed.overall >= kRepairOverall && max_of(typed.counter_markers) < kRepairMaxCounter;
    bool conflicted = strong_counter && typed.overall >= kConflictedOverall;
    std::vector<double> tv = profile(typed);
    std::vector<std::string> mine = text::content_stems(text, stopwords());
    std::string said = lower(text);
    for (const Response* r : available) {
        RouteCandidate c;
        c.response = r;
        Score seen = scorer.score_text(r->text, moment);
        c.profile = cosine(tv, profile(seen));
        c.words = shared_words(mine, text::content_stems(r->text, stopwords()));
        for (const auto& phrase : r->match) {
            std::string p = lower(phrase);
            if (p.size() > 2 && said.find(p) != std::string::npos) c.match = true;
        }
        bool mistake = !r->counter_markers.empty();
        double same = 0;  // how clearly the answer enacts the option's own counter-markers
        for (const auto& id : r->counter_markers) {
            int i = vocab::index_of(vocab::counter_markers(), id);
            if (i >= 0) same = std::max(same, typed.counter_markers[static_cast<size_t>(i)]);
        }
        bool changes_subject = std::find(r->counter_markers.begin(), r->counter_markers.end(),
                                         "ignoring_marker") != r->counter_markers.end();
        bool same_move =
            !changes_subject && (c.profile >= kSameMove || (mistake && same >= kSameMistake));
        bool unrelated = !c.match && c.words < kWords && !same_move;
        bool repair_option = is_repair_option(*r);
        c.barred = r->move == "risk_check" || (strong_counter && repair_option) ||
                   (repair_option && typed.overall < kRepairMinOverall) ||
                   ((repair || conflicted) && mistake) || unrelated;
        c.similarity = std::min(1.0, kProfileWeight * c.profile + (1 - kProfileWeight) * c.words +
                                         (c.match ? kMatchBonus : 0.0) + kMistakeBonus * same);
        out.push_back(c);
    }
    return out;
}

std::string choose_reaction(const Score& typed, const Reactions& reactions) {
    if (typed.risk_check >= 0.5 && !reactions.risk.empty()) return "risk";
    double counter = 0;
    for (double c : typed.counter_markers)
        counter = std::max(counter, c);
    return typed.overall >= kReactionSoftens && counter < kStrongCounter ? "softens" : "deepens";
}

const std::string& reaction_target(const Reactions& reactions, std::string_view reaction) {
    static const std::string none;
    return reaction == "softens"   ? reactions.softens
           : reaction == "deepens" ? reactions.deepens
           : reaction == "risk"    ? reactions.risk
                                   : none;
}

Routing route_answer(const Scorer* scorer, const Score& typed, std::string_view text,
                     const Node& node, const std::vector<const Response*>& available,
                     const Moment& moment) {
    Routing out;
    if (available.empty() && node.responses.empty() && node.reactions) {
        if (!typed.unreadable.empty()) {
            out.fallback = true;  // the neutral line; the moment stays open
            return out;
        }
        out.reaction = choose_reaction(typed, *node.reactions);
        out.risk = out.reaction == "risk";
        return out;
    }
    if (available.empty()) {
        out.fallback = !node.free_text.fallback.empty();
        return out;
    }
    auto neutral = [&] {
        out.response = nullptr;
        out.fallback = true;
        return out;
    };
    if (!typed.unreadable.empty()) return neutral();
    if (!scorer) {
        for (const Response* r : available) {
            double sim = match_similarity(text, *r);
            if (!out.response || sim > out.similarity) {
                out.response = r;
                out.similarity = sim;
            }
        }
        if (out.similarity < node.free_text.min_similarity) return neutral();
        return out;
    }

    // A direct risk or safety question: the authored safety branch, or the neutral line.
    if (typed.risk_check >= kRiskShown) {
        out.risk = true;
        for (const Response* r : available)
            if (r->move == "risk_check") {
                out.response = r;
                out.similarity = typed.risk_check;
                return out;
            }
        return neutral();
    }

    const Response* second = nullptr;  // the runner-up, for the close-call guard
    double second_similarity = 0;
    for (const auto& c : route_candidates(*scorer, typed, text, available, moment)) {
        if (c.barred) continue;
        if (!out.response || c.similarity > out.similarity) {
            second = out.response;
            second_similarity = out.similarity;
            out.response = c.response;
            out.similarity = c.similarity;
        } else if (!second || c.similarity > second_similarity) {
            second = c.response;
            second_similarity = c.similarity;
        }
    }
    auto valence = [](const Response* r) {
        return is_repair_option(*r) ? 1 : r->counter_markers.empty() ? 0 : -1;
    };
    bool close_call = out.response && second && valence(out.response) * valence(second) < 0 &&
                      out.similarity - second_similarity < kCloseCall;
    if (!out.response || out.similarity < node.free_text.min_similarity || close_call) {
        double best = out.similarity;
        neutral();
        out.similarity = best;
    }
    return out;
}

}  // namespace impasse
