#include "session/routing.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "impasse/rubric_scorer.h"

namespace impasse {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

double match_similarity(std::string_view text, const Response& response) {
    if (response.match.empty()) return 0.0;
    std::string said = lower(text);
    int hits = 0;
    for (const auto& phrase : response.match) {
        std::string p = lower(phrase);
        if (!p.empty() && said.find(p) != std::string::npos) ++hits;
    }
    return static_cast<double>(hits) / static_cast<double>(response.match.size());
}

Routing route_answer(const Scorer* scorer, const Score& typed, std::string_view text,
                     const Node& node, const std::vector<const Response*>& available,
                     const Moment& moment) {
    Routing out;
    if (!available.empty()) {
        if (scorer) {
            // route_text walks a node's responses; give it only the ones offered now.
            Node offered;
            offered.id = node.id;
            for (const Response* r : available)
                offered.responses.push_back(*r);
            Route r = route_text(*scorer, typed, text, offered, moment);
            if (r.response) {
                out.response = node.find_response(r.response->id);
                out.similarity = r.similarity;
            }
        } else {
            for (const Response* r : available) {
                double sim = match_similarity(text, *r);
                if (!out.response || sim > out.similarity) {
                    out.response = r;
                    out.similarity = sim;
                }
            }
        }
    }
    if (!node.free_text.fallback.empty() &&
        (!out.response || out.similarity < node.free_text.min_similarity)) {
        out.fallback = true;
        out.response = nullptr;
    }
    return out;
}

}  // namespace impasse
