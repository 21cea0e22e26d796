// Routing a typed answer to a branch: the decision say() makes, kept apart so it can be tested
// on its own.
//
// A typed answer goes to the available option that makes the same clinical move, or to the
// node's neutral line; the patient must never react to words the trainee did not say.
//
//   1. An answer that cannot be read (Score::unreadable) goes to the neutral line.
//   2. A direct risk or safety question (Score::risk_check >= 0.5) goes to the available option
//      tagged `move: risk_check`; where there is none, to the neutral line. Never elsewhere.
//   3. Otherwise each available option's similarity is the cosine between the answer's reading
//      (principles, counter-markers, strategies and MITI behaviours) and the option text's
//      reading by the same scorer, blended with the share of content words they have in
//      common, a bonus for one of the option's `match` phrases and for enacting its
//      counter-markers.
//   4. Guards remove options before the nearest is taken: an answer with a strong
//      counter-marker never reaches the expert option or an option rated as a repair; a repair
//      is reached only by an answer read as at least middling (overall >= 50); an answer that
//      reads as a repair, or reads both as good and as enacting a strong counter-marker, never
//      reaches an option with counter-markers; and an option is a candidate only when the
//      answer shares its words (or a match phrase) or makes the same move (a close reading, or
//      for a mistake one of its counter-markers enacted clearly), because the patient's reply
//      to it answers those words. An option that changes the subject (`ignoring_marker`) is
//      reached only by its words: its move is its topic.
//   5. Under the node's `min_similarity` the answer goes to the neutral line; so it does when the
//      two nearest candidates are a repair and a mistake within 0.1 of each other.
// Without a Scorer (tests, a missing model) only the `match` phrases count. A node without
// options (a moment) sends a readable typed answer to one of its `reactions` (scenario.h:
// risk for a risk question where authored, softens when the answer made the repair move,
// else deepens) and an unreadable one to the neutral line; without reactions, to its
// `fallback` node, the only way on.
//
// Pure functions: no state, no exceptions; the returned pointers point into the node.
#pragma once

#include <string_view>
#include <vector>

#include "impasse/scenario.h"
#include "impasse/score.h"
#include "impasse/scorer.h"

namespace impasse {

struct Routing {
    const Response* response = nullptr;  // the branch taken; null when `fallback` is set
    double similarity = 0.0;             // of the nearest permitted response, 0..1
    bool fallback = false;               // no option fits: the neutral line (or, at a node
                                         // without options, its fallback node)
    bool risk = false;                   // routed as a risk or safety question
    std::string reaction;                // at a moment: "softens", "deepens" or "risk"
    bool nowhere() const { return !response && !fallback && reaction.empty(); }
};

// Similarity of `text` to one response by its `match` phrases alone: matched / total phrases.
double match_similarity(std::string_view text, const Response& response);

// An option its author rated as a repair: `expert`, `move: repair`, or no counter-markers and
// every rating 2.
bool is_repair_option(const Response& r);

// One option as routing weighed it (for `impasse score --evaluate-routing --verbose` and tests).
struct RouteCandidate {
    const Response* response = nullptr;
    double profile = 0;   // cosine of the scored profiles
    double words = 0;     // shared content words
    bool match = false;   // one of its match phrases is in the text
    bool barred = false;  // removed by a guard
    double similarity = 0;
};
std::vector<RouteCandidate> route_candidates(const Scorer& scorer, const Score& typed,
                                             std::string_view text,
                                             const std::vector<const Response*>& available,
                                             const Moment& moment);

// The reaction a typed answer gets at a node with `reactions`: "risk", "softens" or "deepens".
std::string choose_reaction(const Score& typed, const Reactions& reactions);

// The node a reaction leads to ("" when the node has no such reaction).
const std::string& reaction_target(const Reactions& reactions, std::string_view reaction);

Routing route_answer(const Scorer* scorer, const Score& typed, std::string_view text,
                     const Node& node, const std::vector<const Response*>& available,
                     const Moment& moment);

}  // namespace impasse
