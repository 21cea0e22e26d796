// Scoring without a rubric: an option from its authored ratings alone (2 -> 1.0, 1 -> 0.5,
// 0 -> 0; counter-markers and strategy -> 1; overall = 100 x mean rating - 15 per
// counter-marker). The session uses it when it has no Scorer; typed text then scores 0 and is
// routed by `match` phrases (routing.h).
#pragma once

#include <string_view>

#include "impasse/rubric_scorer.h"
#include "impasse/scenario.h"
#include "impasse/score.h"

namespace impasse {

Score score_from_ratings(const Response& r);

}  // namespace impasse
