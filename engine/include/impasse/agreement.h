// Agreement between raters of shared turns: supervisor vs scorer (typed answers), supervisor vs
// author (chosen options, which the rubric scores from the scenario author's ratings) and
// supervisor vs supervisor, per principle (0/1/2) and overall (1-5), the scales of the
// evaluation set.
//
// Mental model: every figure is computed from pairs of ratings of the same turn. A pair is
// (a, b) on one scale: a supervisor's rating and the turn's stored score mapped to that scale,
// or two supervisors' ratings. The statistics are pure functions over the pairs; a figure with
// fewer than kMinPairs pairs is "not enough ratings" (no value), and a figure the data cannot
// define (a rater who gave every turn the same rating) is "undefined" with the reason.
//
// The mapping of the stored scores (docs/scoring.md, "Reading the agreement figures"):
//   * a typed answer's principle score p in [0, 1] (the response model's probability) -> 0
//     when p < 0.25 (the feedback may name it as missed), 1 when 0.25 <= p < 0.5, 2 when
//     p >= 0.5 (the feedback names it as done well);
//   * a chosen option's principle score is the author's rating 0/1/2 stored as 0, 0.5, 1 (an
//     unrated principle: half the signals' reading, at most 0.5) -> round(2p), 0..2, so the
//     author's rating comes back as it was written;
//   * overall o in [0, 100] -> round(1 + o / 25), 1..5 (for typed answers o = 25 x (the
//     model's expected rating - 1), so this is that rating rounded).
// Kappa per principle is binary at 2: for typed answers "named as done well" (p >= 0.5, the
// feedback's cut-off) against a rating of 2 ("clearly"); for options the author's 2 against
// the supervisor's. Overall's kappa is quadratic-weighted over 1..5.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace impasse::agreement {

inline constexpr int kMinPairs = 10;  // fewer pairs than this: "not enough ratings"

inline constexpr double kPrincipleAbsent = 0.25;  // scorer p below this maps to 0
inline constexpr double kPrincipleShown = 0.5;    // from this, 2 (the feedback's cut-off)

// A typed answer's principle score mapped to 0/1/2 (the feedback's cut-offs).
int principle_level(double p);
// A chosen option's principle score mapped back to the author's 0/1/2: round(2p).
int authored_level(double p);
// The scorer's overall 0..100 mapped to 1..5.
int overall_level(double overall);

// Ranks 1..n with ties given their mean rank.
std::vector<double> ranks(const std::vector<double>& x);
// Spearman's rho: Pearson's correlation of the (tie-averaged) ranks. Empty when x or y is
// constant or the sizes differ or n < 2.
std::optional<double> spearman(const std::vector<double>& x, const std::vector<double>& y);
// ICC(2,1) (Shrout & Fleiss): two-way random effects, absolute agreement, one rater, over n
// targets rated by the same two raters. Empty when n < 2 or every rating is the same.
std::optional<double> icc_2_1(const std::vector<double>& x, const std::vector<double>& y);
// Cohen's kappa over categories; with `quadratic`, weights (i - j)^2 over the range
// [lo, hi]. Empty when chance agreement is total (both raters always gave one category).
std::optional<double> kappa(const std::vector<int>& a, const std::vector<int>& b, bool quadratic,
                            int lo, int hi);

// One figure: n pairs and each statistic, or why it has no value.
struct Figure {
    // "supervisor_vs_scorer" | "supervisor_vs_author" | "supervisor_vs_supervisor"
    std::string comparison;
    std::string measure;  // "overall" or a principle id
    int n = 0;
    std::optional<double> spearman, icc, kappa;
    std::string kappa_kind;  // "binary at 2" | "quadratic-weighted"
    std::string note;        // "" | "not enough ratings (n < 10)" | "undefined: ..."
};

// One supervisor's rating of one shared turn, with the scorer's outputs stored with it.
struct TurnRating {
    std::string turn_uid;
    std::string rater;                                            // the supervisor's role name
    int overall = 0;                                              // 1..5, 0 when not rated
    nlohmann::json principles = nlohmann::json::object();         // id -> 0/1/2, the ones marked
    double scorer_overall = -1;                                   // 0..100, -1 when not scored
    nlohmann::json scorer_principles = nlohmann::json::object();  // id -> [0, 1]; {}: unscored
    bool chosen_option = false;  // the turn chose an authored option (its scores: the author's)
};

// Every figure for a set of ratings: supervisor vs scorer (typed answers), supervisor vs author
// (chosen options) and supervisor vs supervisor (each pair of supervisors who rated the same
// turn is one pair), in that order; in each, "overall" first, then the principles in ids.yaml
// order. `min_pairs` is the threshold (kMinPairs by default).
std::vector<Figure> figures(const std::vector<TurnRating>& ratings, int min_pairs = kMinPairs);

nlohmann::json to_json(const std::vector<Figure>& figures);
// One header line and one line per figure; empty cells for missing values.
std::string to_csv(const std::vector<Figure>& figures);

}  // namespace impasse::agreement
