// Pieces of feedback wording shared by the rubric's and the model's feedback.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "impasse/scenario.h"
#include "impasse/score.h"

namespace impasse::feedback_util {

// The trainee's words that show `id` (a phrase preferred over a word or a paragraph), cut on a
// UTF-8 boundary to at most 90 bytes plus an ellipsis; "" when there is no evidence for it.
std::string quote_for(const Score& s, std::string_view kind, std::string_view id);

// "Exploring the patient's experience" -> "exploring the patient's experience" (not acronyms).
std::string lower_label(std::string_view label);

// The node's expert option, else the option with the best ratings; null when none.
const Response* expert_response(const Node& node);

// Indices of the counter-markers scored at least `threshold`, the heaviest for the moment
// (score x the moment's multiplier) first.
std::vector<size_t> risked_counters(const Score& s,
                                    const std::array<double, kCounterMarkerCount>& weights,
                                    double threshold);

// The stage after `stage` in the model's order (the last stays the last).
std::string next_stage(const std::string& stage);

}  // namespace impasse::feedback_util
