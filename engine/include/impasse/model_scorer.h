// ModelScorer: the Scorer `impasse` uses. Typed text is read by the learned response model
// (response_model.h); authored options are scored from their authors' ratings by the rubric
// (rubric_scorer.h), whose names and feedback sentences also word the feedback.
//
// Mental model: score_text() = readability check -> model probabilities (calibrated, per id)
// -> overall from the model's cumulative ratings: overall = 25 x (expected 1..5 rating - 1).
// A direct risk or safety question (the model's risk_check, or a question holding a phrase of
// assets/lexicons/risk.txt) is never penalised: its counter-markers are capped and its
// overall held at 60 or more. feedback() tells one story: its summary follows the overall, the
// principles it praises each quote their own evidence, and "missed" leaves out what the
// trainee already did earlier in the dialogue (Moment::history).
//
// Ownership: shares the model and the rubric (both immutable). Errors: make_model_scorer
// reports a missing or broken model or rubric through `error`. Thread safety: immutable.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "impasse/response_model.h"
#include "impasse/rubric_scorer.h"
#include "impasse/scorer.h"

namespace impasse {

// Why `text` cannot be read, or "" when it can (the reasons of Score::unreadable).
std::string unreadable_reason(std::string_view text);
// The same from `a` = text::analyze(text) (the scorer analyses each answer once).
std::string unreadable_reason(std::string_view text, const text::Analysis& a);

// One sentence for the trainee about an unreadable answer.
std::string unreadable_message(std::string_view reason);

// Phrases of a direct risk or safety question (assets/lexicons/risk.txt): each a list of words,
// a trailing '*' matching any word it begins.
struct RiskLexicon {
    std::vector<std::vector<std::string>> phrases;
    // True when a question sentence of `text` holds one of the phrases.
    bool asks(std::string_view text) const;
    bool asks(const text::Analysis& a) const;  // the same from text::analyze(text)
};

// Reads a lexicon file; false with `*error` = "FILE:LINE:COL: what" when it cannot.
bool load_risk_lexicon(const std::string& path, RiskLexicon* out, std::string* error);

class ModelScorer : public Scorer {
  public:
    ModelScorer(std::shared_ptr<const ResponseModel> model,
                std::shared_ptr<const RubricScorer> rubric, RiskLexicon risk = {});

    Score score_option(const Response& response, const Moment& moment) const override;
    Score score_text(std::string_view text, const Moment& moment) const override;
    Feedback feedback(const Score& score, std::string_view text, const Moment& moment,
                      const Response* chosen) const override;
    std::string version() const override;

    const ResponseModel& model() const { return *model_; }
    const RubricScorer& rubric() const { return *rubric_; }

  private:
    std::shared_ptr<const ResponseModel> model_;
    std::shared_ptr<const RubricScorer> rubric_;
    // Label indices into the model, per vocabulary id (-1 when the model lacks one).
    std::array<int, kPrincipleCount> principle_{};
    std::array<int, kCounterMarkerCount> counter_{};
    std::array<int, kStrategyCount> strategy_{};
    std::array<int, kBehaviourCount> behaviour_{};
    std::array<int, 4> overall_{};  // overall>=2 .. overall>=5
    int risk_ = -1;
    std::vector<bool> evidence_labels_;  // per model label: quoted as evidence
    RiskLexicon lexicon_;
};

// The model scorer from explicit files (the risk lexicon may be "": none).
std::unique_ptr<ModelScorer> make_model_scorer(const std::string& model_path,
                                               const std::string& rubric_path,
                                               const std::string& risk_path, std::string* error);

}  // namespace impasse
