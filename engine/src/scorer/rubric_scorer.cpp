// RubricScorer: moment weights, the overall score, and scoring of authored options.
#include "impasse/rubric_scorer.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "impasse/paths.h"
#include "impasse/vocabulary.h"
#include "scorer/index.h"

namespace impasse {

namespace {

// One layer of moment weights as arrays in vocabulary order (built once per scorer).
struct Layer {
    std::array<double, kPrincipleCount> principles;
    std::array<double, kCounterMarkerCount> counter_markers;
    std::array<double, kStrategyCount> strategies;
};

template <size_t N>
void multiply(std::array<double, N>& into, const std::vector<vocab::Term>& terms,
              const std::map<std::string, double>& by_id) {
    for (const auto& [id, v] : by_id) {
        int i = vocab::index_of(terms, id);
        if (i >= 0) into[static_cast<size_t>(i)] *= v;
    }
}

Layer compile_layer(const MomentWeights& w) {
    Layer l;
    l.principles.fill(1.0);
    l.counter_markers.fill(1.0);
    l.strategies.fill(0.0);
    multiply(l.principles, vocab::principles(), w.principles);
    multiply(l.counter_markers, vocab::counter_markers(), w.counter_markers);
    for (const auto& [id, v] : w.strategies) {
        int i = vocab::index_of(vocab::resolution_strategies(), id);
        if (i >= 0) l.strategies[static_cast<size_t>(i)] += v;
    }
    return l;
}

void apply(MomentCall& c, const Layer& l) {
    for (size_t i = 0; i < kPrincipleCount; ++i)
        c.principles[i] *= l.principles[i];
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        c.counter_markers[i] *= l.counter_markers[i];
    for (size_t i = 0; i < kStrategyCount; ++i)
        c.strategies[i] += l.strategies[i];
}

}  // namespace

struct RubricScorer::Index : SignalIndex {
    Layer base;
    std::map<std::string, Layer> rupture_types, markers, stages;
};

namespace {

double overall_of(const Rubric& rb, const MomentCall& call, const Score& s, double extra_penalty) {
    const OverallParams& p = rb.overall;
    double psum = 0;
    for (size_t i = 0; i < kPrincipleCount; ++i)
        psum += call.principles[i] * s.principles[i];
    double fit = 0;
    for (size_t i = 0; i < kStrategyCount; ++i)
        fit += call.strategies[i] * s.strategies[i];
    fit = std::clamp(fit, -1.0, 1.0);
    double neg = extra_penalty;
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        neg += call.counter_markers[i] * s.counter_markers[i];
    double v = p.base + p.principle_points * std::min(1.0, psum / p.principle_target) +
               p.strategy_points * fit - p.penalty_points * neg;
    v = std::clamp(v, 0.0, 100.0);
    return std::round(v * 10.0) / 10.0;
}

bool has_words(std::string_view text) {
    for (const auto& t : text::tokenize(text))
        if (t.word) return true;
    return false;
}

std::string_view patient_line(const Moment& m) {
    return m.node ? std::string_view(m.node->say) : std::string_view();
}

bool has_evidence(const Score& s, std::string_view id) {
    for (const auto& e : s.evidence)
        if (e.id == id) return true;
    return false;
}

// An authored score without words to point at gets the whole option text as its evidence.
void whole_text_evidence(Score& s, const char* kind, std::string_view id, std::string_view text) {
    if (has_evidence(s, id) || text.empty()) return;
    size_t a = 0, b = text.size();
    while (a < b && std::isspace(static_cast<unsigned char>(text[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1])))
        --b;
    s.evidence.push_back({kind, std::string(id), a, b, std::string(text.substr(a, b - a))});
}

}  // namespace

RubricScorer::RubricScorer(std::shared_ptr<const Rubric> rubric)
    : rubric_(std::move(rubric)), index_(std::make_unique<Index>()) {
    index_->build(*rubric_);
    index_->base = compile_layer(rubric_->base);
    for (const auto& [id, w] : rubric_->rupture_types)
        index_->rupture_types[id] = compile_layer(w);
    for (const auto& [id, w] : rubric_->markers)
        index_->markers[id] = compile_layer(w);
    for (const auto& [id, w] : rubric_->stages)
        index_->stages[id] = compile_layer(w);
}

RubricScorer::~RubricScorer() = default;

MomentCall RubricScorer::call_for(const Moment& m) const {
    MomentCall c;
    c.principles.fill(1.0);
    c.counter_markers.fill(1.0);
    c.strategies.fill(0.0);
    apply(c, index_->base);
    c.rupture_type = m.rupture_type;
    for (const auto& mk : m.markers)
        if (c.rupture_type.empty()) c.rupture_type = std::string(vocab::marker_rupture_type(mk.id));
    if (c.rupture_type.empty() && m.scenario) c.rupture_type = m.scenario->rupture_type;
    if (auto it = index_->rupture_types.find(c.rupture_type); it != index_->rupture_types.end())
        apply(c, it->second);
    for (const auto& mk : m.markers)
        if (auto it = index_->markers.find(mk.id); it != index_->markers.end())
            apply(c, it->second);
    c.stage = !m.stage.empty() ? m.stage : (m.node ? m.node->stage : std::string());
    if (auto it = index_->stages.find(c.stage); it != index_->stages.end()) apply(c, it->second);
    for (auto& f : c.strategies)
        f = std::clamp(f, -1.0, 1.0);
    return c;
}

Score RubricScorer::score_text(std::string_view text, const Moment& moment) const {
    size_t words = 0;
    Score s = match_signals(*rubric_, *index_, text, patient_line(moment), &words);
    s.overall = words > 0 ? overall_of(*rubric_, call_for(moment), s, 0.0) : 0.0;
    return s;
}

Score RubricScorer::score_option(const Response& r, const Moment& moment) const {
    Score seen = match_signals(*rubric_, *index_, r.text, patient_line(moment));
    Score s;
    const auto& P = vocab::principles();
    const auto& C = vocab::counter_markers();
    const auto& S = vocab::resolution_strategies();
    MomentCall call = call_for(moment);
    double violation = 0;
    for (size_t i = 0; i < kPrincipleCount; ++i) {
        auto it = r.ratings.find(std::string(P[i].id));
        if (it == r.ratings.end()) {
            s.principles[i] = 0.5 * seen.principles[i];
            continue;
        }
        s.principles[i] = it->second >= 2 ? 1.0 : it->second == 1 ? 0.5 : 0.0;
        // A violated principle costs more where the moment calls for it.
        if (it->second <= 0) violation += 0.15 * call.principles[i];
    }
    for (size_t i = 0; i < kCounterMarkerCount; ++i) {
        bool authored = std::find(r.counter_markers.begin(), r.counter_markers.end(), C[i].id) !=
                        r.counter_markers.end();
        s.counter_markers[i] = authored ? 1.0 : 0.5 * seen.counter_markers[i];
    }
    for (size_t i = 0; i < kStrategyCount; ++i)
        s.strategies[i] = r.strategy == S[i].id ? 1.0 : 0.5 * seen.strategies[i];
    // Evidence: the words that show each non-zero id; the whole text for what only the author
    // saw.
    for (const auto& e : seen.evidence)
        s.evidence.push_back(e);
    std::vector<EvidenceSpan> keep;
    auto score_of = [&](const EvidenceSpan& e) {
        int i = vocab::index_of(P, e.id);
        if (e.kind == "principle" && i >= 0) return s.principles[static_cast<size_t>(i)];
        i = vocab::index_of(C, e.id);
        if (e.kind == "counter_marker" && i >= 0) return s.counter_markers[static_cast<size_t>(i)];
        i = vocab::index_of(S, e.id);
        if (e.kind == "strategy" && i >= 0) return s.strategies[static_cast<size_t>(i)];
        return 0.0;
    };
    for (auto& e : s.evidence)
        if (score_of(e) > 0) keep.push_back(std::move(e));
    s.evidence = std::move(keep);
    for (size_t i = 0; i < kPrincipleCount; ++i)
        if (s.principles[i] > 0) whole_text_evidence(s, "principle", P[i].id, r.text);
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        if (s.counter_markers[i] > 0) whole_text_evidence(s, "counter_marker", C[i].id, r.text);
    for (size_t i = 0; i < kStrategyCount; ++i)
        if (s.strategies[i] > 0) whole_text_evidence(s, "strategy", S[i].id, r.text);
    s.overall = has_words(r.text) ? overall_of(*rubric_, call, s, violation) : 0.0;
    return s;
}

int RubricScorer::likely_strategy(const Score& score) {
    int best = -1;
    double v = 0;
    for (size_t i = 0; i < kStrategyCount; ++i)
        if (score.strategies[i] > v) {
            v = score.strategies[i];
            best = static_cast<int>(i);
        }
    return best;
}

std::unique_ptr<RubricScorer> make_rubric_scorer(const std::string& path, std::string* error) {
    RubricLoad load = load_rubric_file(path);
    if (!load.rubric) {
        if (error) {
            error->clear();
            for (const auto& d : load.diagnostics) {
                if (!error->empty()) *error += '\n';
                *error += d.to_string();
            }
        }
        return nullptr;
    }
    return std::make_unique<RubricScorer>(load.rubric);
}

}  // namespace impasse
