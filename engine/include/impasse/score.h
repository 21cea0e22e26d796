// Score and Feedback: what the scorer says about one trainee response.
//
// The per-id arrays follow the order of vocabulary.h (principles(), counter_markers(),
// resolution_strategies()). A principle score is in [0, 1]: how clearly the response shows it.
// A counter-marker score is in [0, 1]: how clearly the response enacts that rupture-deepening
// move. Evidence spans are byte offsets into the text that was scored (for an option: its
// authored text), so the GUI can highlight the trainee's own words.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace impasse {

constexpr size_t kPrincipleCount = 10;
constexpr size_t kCounterMarkerCount = 8;
constexpr size_t kStrategyCount = 10;

struct EvidenceSpan {
    std::string kind;  // "principle" | "counter_marker" | "strategy"
    std::string id;
    size_t start = 0;  // byte offset, inclusive
    size_t end = 0;    // byte offset, exclusive
    std::string text;  // the words themselves
};

constexpr size_t kBehaviourCount = 12;  // MITI 4.2 codes, response_model.h miti_behaviours()

// Why an answer could not be read ("" when it could): it is then not scored.
//   "empty"        nothing but spaces
//   "punctuation"  no letters or digits
//   "not_english"  written in another language (second-language English is English)
//   "too_long"     longer than one turn of speech can be (over 400 words or 4,000 bytes)
struct Score {
    double overall = 0.0;  // 0..100
    std::array<double, kPrincipleCount> principles{};
    std::array<double, kCounterMarkerCount> counter_markers{};
    std::array<double, kStrategyCount> strategies{};
    std::vector<EvidenceSpan> evidence;
    std::string unreadable;                            // see above
    double risk_check = 0.0;                           // a direct risk or safety question, 0..1
    std::array<double, kBehaviourCount> behaviours{};  // MITI codes, 0..1 (typed text only)
};

struct FeedbackItem {
    std::string id;     // principle or counter-marker id
    std::string text;   // one sentence for the trainee
    std::string quote;  // the trainee's own words that show it, may be empty
};

struct Feedback {
    std::string summary;                 // one line
    std::string unreadable;              // when the answer could not be read: why, for the trainee
    std::vector<FeedbackItem> did_well;  // principles shown
    std::vector<FeedbackItem> missed;    // principles the moment called for, counter-markers
    std::string toward_stage;            // stage id the response moves toward, may be empty
    std::string authored;                // the scenario's feedback for a chosen option
    std::string expert_says;  // the expert alternative's words (UIs add "An expert might say")
};

}  // namespace impasse
