// Scorer: judges one trainee response against the metacommunication rubric.
//
// The session calls it for every turn (a chosen option or typed text) through this interface,
// so tests can substitute a fake. The real implementation (rubric_scorer.h) reads its rubric
// from assets/rubric.yaml. A Moment describes where in the dialogue the response was given;
// the same text scores differently at a confrontation marker than at a withdrawal marker.
//
// Thread safety: a Scorer is immutable once built; score_* may be called from many threads.
// Errors: scoring never fails. Text that cannot be read (empty, only punctuation, not English,
// far too long) scores 0 with Score::unreadable saying why.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "impasse/scenario.h"
#include "impasse/score.h"

namespace impasse {

// One earlier turn of the dialogue, as the scorer saw it: the trainee's words and their score.
struct PriorTurn {
    std::string said;
    Score score;
    std::string stage;  // the stage of the moment it answered
};

struct Moment {
    const Scenario* scenario = nullptr;  // may be null (text scored without a case)
    const Node* node = nullptr;          // may be null
    std::string rupture_type;            // "withdrawal", "confrontation" or "" (unknown)
    std::vector<MarkerRef> markers;      // markers of the patient line being answered
    std::string stage;                   // stage id of that line, or ""
    std::string patient_line;            // the line being answered as shown, or "" (then the
                                         // node's `say`, when there is a node)
    std::vector<PriorTurn> history;      // the dialogue so far, oldest first (may be empty)
};

class Scorer {
  public:
    virtual ~Scorer() = default;

    // An authored option: from its expert ratings and counter-markers, adjusted for its fit to
    // the moment. Evidence spans point into `response.text`.
    virtual Score score_option(const Response& response, const Moment& moment) const = 0;

    // Typed text: per-principle scores with evidence spans into `text`.
    virtual Score score_text(std::string_view text, const Moment& moment) const = 0;

    // What produced the scores: recorded in transcripts so a replay can tell when the scorer
    // changed. Empty for scorers without a version (test fakes).
    virtual std::string version() const { return ""; }

    // Feedback for a scored response. `chosen` is the option picked (null for typed text);
    // `text` is what the trainee said (the option's text for a choice).
    virtual Feedback feedback(const Score& score, std::string_view text, const Moment& moment,
                              const Response* chosen) const = 0;
};

}  // namespace impasse
