// The bundled rubric, loaded once for the scorer tests.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "impasse/rubric_scorer.h"
#include "impasse/vocabulary.h"

namespace impasse::test {

inline const RubricScorer& scorer() {
    static const std::unique_ptr<RubricScorer> s = [] {
        std::string error;
        auto p =
            make_rubric_scorer(std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml", &error);
        if (!p) FAIL("the bundled rubric does not load: " << error);
        return p;
    }();
    return *s;
}

inline Moment moment(const std::string& rupture_type, const std::string& stage = "marker") {
    Moment m;
    m.rupture_type = rupture_type;
    m.stage = stage;
    return m;
}

inline double principle(const Score& s, std::string_view id) {
    return s.principles[static_cast<size_t>(vocab::index_of(vocab::principles(), id))];
}
inline double counter(const Score& s, std::string_view id) {
    return s.counter_markers[static_cast<size_t>(vocab::index_of(vocab::counter_markers(), id))];
}
inline double strategy(const Score& s, std::string_view id) {
    return s.strategies[static_cast<size_t>(vocab::index_of(vocab::resolution_strategies(), id))];
}

inline Score text_score(std::string_view text, const std::string& rupture_type = "") {
    return scorer().score_text(text, moment(rupture_type, rupture_type.empty() ? "" : "marker"));
}

}  // namespace impasse::test
