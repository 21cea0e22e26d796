// RubricScorer: the real Scorer, reading text against the rubric in assets/rubric.yaml.
//
// Typed text is analysed (text.h) and every rubric signal is matched against it; each id's
// score combines its matched signals like independent clues (1 - product of (1 - weight)),
// and every non-zero score carries evidence spans into the text. The overall 0..100 score
// weighs principles and counter-markers by what the moment calls for (rupture type, markers,
// stage; rubric `moments`). An authored option is scored from its expert ratings (2 -> 1.0,
// 1 -> 0.5, 0 -> 0 and a penalty), its counter-markers and strategy, with the text analysis
// filling in what the author did not rate and supplying the evidence spans.
//
// Ownership: a RubricScorer shares its Rubric (immutable). Errors: construction cannot fail
// (the rubric was validated when loaded); make_default_scorer reports a missing or broken
// rubric through `error`. Thread safety: immutable; score_*/feedback from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "impasse/rubric.h"
#include "impasse/scorer.h"

namespace impasse {

// What a moment asks of a response: the combined weights of rubric `moments`.
struct MomentCall {
    std::array<double, kPrincipleCount> principles{};           // multipliers
    std::array<double, kCounterMarkerCount> counter_markers{};  // multipliers
    std::array<double, kStrategyCount> strategies{};            // fit in [-1, 1]
    std::string rupture_type;                                   // resolved from the moment
    std::string stage;
};

class RubricScorer : public Scorer {
  public:
    explicit RubricScorer(std::shared_ptr<const Rubric> rubric);
    ~RubricScorer() override;
    RubricScorer(const RubricScorer&) = delete;
    RubricScorer& operator=(const RubricScorer&) = delete;

    Score score_option(const Response& response, const Moment& moment) const override;
    Score score_text(std::string_view text, const Moment& moment) const override;
    Feedback feedback(const Score& score, std::string_view text, const Moment& moment,
                      const Response* chosen) const override;

    const Rubric& rubric() const { return *rubric_; }
    MomentCall call_for(const Moment& moment) const;

    // Index into vocab::resolution_strategies() of the strongest strategy, or -1 when none.
    static int likely_strategy(const Score& score);

  private:
    struct Index;
    std::shared_ptr<const Rubric> rubric_;
    std::unique_ptr<Index> index_;
};

// The scorer `impasse play`, `impasse score` and the GUI use: the ModelScorer (model_scorer.h)
// of paths::assets()/model/response-model.txt and paths::assets()/rubric.yaml. Null with
// `*error` set (the diagnostics, one per line) when either is missing or broken.
std::unique_ptr<Scorer> make_default_scorer(std::string* error);

// The same from an explicit rubric file.
std::unique_ptr<RubricScorer> make_rubric_scorer(const std::string& path, std::string* error);

}  // namespace impasse
