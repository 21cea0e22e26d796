// Routing a typed answer to a branch: the decision say() makes, kept apart so it can be tested
// on its own.
//
// With a Scorer: the typed answer's Score is compared with each *available* response's expert
// profile (route_text in rubric_scorer.h: cosine over principles, counter-markers and strategy,
// plus a bonus when one of the response's `match` phrases is in the text). Without a Scorer: the
// share of a response's `match` phrases found in the text (case-insensitive) is its similarity.
// Then the node's FreeTextRule decides: the nearest response when its similarity reaches
// `min_similarity`; otherwise the node's `fallback` node when it has one; otherwise the nearest
// response anyway (ties go to the earliest in file order), so a typed answer keeps the dialogue
// going. Only when the node offers nothing and has no fallback is there nowhere to go.
//
// Pure functions: no state, no exceptions; the returned pointers point into `available`'s
// responses (which live in the Scenario).
#pragma once

#include <string_view>
#include <vector>

#include "impasse/scenario.h"
#include "impasse/score.h"
#include "impasse/scorer.h"

namespace impasse {

struct Routing {
    const Response* response = nullptr;  // the branch taken; null when `fallback` is set
    double similarity = 0.0;             // of the nearest response, 0..1 (0 when none)
    bool fallback = false;               // go to the node's free_text.fallback instead
    bool nowhere() const { return !response && !fallback; }
};

// Similarity of `text` to one response by its `match` phrases alone: matched / total phrases.
double match_similarity(std::string_view text, const Response& response);

Routing route_answer(const Scorer* scorer, const Score& typed, std::string_view text,
                     const Node& node, const std::vector<const Response*>& available,
                     const Moment& moment);

}  // namespace impasse
