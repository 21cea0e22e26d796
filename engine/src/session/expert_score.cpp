#include "session/expert_score.h"

#include <algorithm>
#include <cctype>

#include "impasse/vocabulary.h"

namespace impasse {

Score score_from_ratings(const Response& r) {
    Score s;
    double sum = 0;
    int n = 0;
    for (const auto& [id, rating] : r.ratings) {
        int i = vocab::index_of(vocab::principles(), id);
        if (i < 0) continue;
        s.principles[static_cast<size_t>(i)] = rating / 2.0;
        sum += rating / 2.0;
        ++n;
    }
    for (const auto& id : r.counter_markers) {
        int i = vocab::index_of(vocab::counter_markers(), id);
        if (i >= 0) s.counter_markers[static_cast<size_t>(i)] = 1.0;
    }
    if (int i = vocab::index_of(vocab::resolution_strategies(), r.strategy); i >= 0)
        s.strategies[static_cast<size_t>(i)] = 1.0;
    double base = n ? sum / n : 0.5;
    s.overall =
        std::clamp(100.0 * base - 15.0 * static_cast<double>(r.counter_markers.size()), 0.0, 100.0);
    return s;
}

Route route_by_match(std::string_view text, const Node& node) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    Route best;
    for (const auto& r : node.responses) {
        int hits = 0;
        for (const auto& m : r.match) {
            std::string p = m;
            std::transform(p.begin(), p.end(), p.begin(),
                           [](unsigned char c) { return std::tolower(c); });
            if (!p.empty() && lower.find(p) != std::string::npos) ++hits;
        }
        double sim =
            r.match.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(r.match.size());
        if (sim > best.similarity) best = {&r, sim};
    }
    return best;
}

}  // namespace impasse
