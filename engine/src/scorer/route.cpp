// Routing a typed answer to the nearest authored response.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "impasse/rubric_scorer.h"

namespace impasse {
namespace {

std::vector<double> profile(const Score& s) {
    std::vector<double> v(s.principles.begin(), s.principles.end());
    v.insert(v.end(), s.counter_markers.begin(), s.counter_markers.end());
    v.insert(v.end(), s.strategies.begin(), s.strategies.end());
    return v;
}

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
    double dot = 0, na = 0, nb = 0;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }
    return (na == 0 || nb == 0) ? 0.0 : dot / std::sqrt(na * nb);
}

// Lower-case words joined by single spaces, apostrophes made straight: a loose form for
// finding an author's `match` phrase in what was typed.
std::string loose(std::string_view s) {
    std::string out = " ";
    for (const auto& t : text::tokenize(s))
        if (t.word) out += t.norm + " ";
    return out;
}

}  // namespace

Route route_text(const Scorer& scorer, const Score& typed, std::string_view text, const Node& node,
                 const Moment& moment) {
    Route best;
    std::vector<double> tv = profile(typed);
    std::string said = loose(text);
    for (const auto& r : node.responses) {
        double sim = cosine(tv, profile(scorer.score_option(r, moment)));
        for (const auto& phrase : r.match) {
            std::string p = loose(phrase);
            if (p.size() > 2 && said.find(p) != std::string::npos) {
                sim = std::min(1.0, sim + 0.3);
                break;
            }
        }
        if (!best.response || sim > best.similarity) {
            best.response = &r;
            best.similarity = sim;
        }
    }
    return best;
}

}  // namespace impasse
