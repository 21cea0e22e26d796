// Scoring without a rubric: an option from its authored ratings alone, and typed text routed
// by the responses' `match` phrases. The session uses these when it has no Scorer.
#pragma once

#include <string_view>

#include "impasse/rubric_scorer.h"
#include "impasse/scenario.h"
#include "impasse/score.h"

namespace impasse {

Score score_from_ratings(const Response& r);
Route route_by_match(std::string_view text, const Node& node);

}  // namespace impasse
