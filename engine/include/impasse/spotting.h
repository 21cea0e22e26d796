// Marker spotting: the "see the rupture" drill (the video-analysis task of alliance-focused
// training). The trainee reads the patient's side of a session, flags each turn where they see
// a rupture marker and which one, and is scored against the markers the case's author put there.
//
// - make_sheet() builds the turns to read: the main path of a case, the single line of a
//   moment, or the lines a trainee actually saw in a recorded drill. Each turn carries its
//   authored markers: the answer key (front ends must not show them before scoring).
// - parse_flags() reads the trainee's answer, one `TURN MARKER_ID` per line.
// - score_spotting() compares the answer with the key: hits, misses and false alarms per turn
//   and per marker, detection sensitivity and specificity, a confusion matrix and Cohen's kappa.
//
// Figures (docs/spotting.md explains them for trainees):
// - Per turn, with A = the authored marker ids and F = the flagged ids (each a set):
//   hits = A ∩ F, misses = A \ F, false alarms = F \ A. A turn with A and F both empty is a
//   correct rejection. Totals are sums over turns.
// - Detection (any marker vs none, one judgement per turn): TP = A≠∅ and F≠∅ (even when the
//   flagged marker is the wrong one), FN = A≠∅ and F=∅, FP = A=∅ and F≠∅, TN = both empty.
//   sensitivity = TP / (TP + FN), specificity = TN / (TN + FP); each is nullopt when its
//   denominator is 0.
// - Confusion matrix: categories are "none" and then every marker id authored or flagged
//   anywhere on the sheet, in ids.yaml order (unused categories would be all-zero rows and
//   columns, which change neither kappa nor the agreement figures). Rows are the authored
//   category, columns the flagged one. Each turn gives max(|A|, |F|, 1) judgements (pairs):
//     1. both empty: one pair (none, none);
//     2. every id in both A and F: one pair (id, id);
//     3. the rest of A and the rest of F, each in ids.yaml order, are paired position by
//        position (authored[i], flagged[i]);
//     4. what is left of the longer list pairs with none: (id, none) or (none, id).
//   So a single-marker turn is one judgement, and the order flags are written in never matters.
// - Cohen's kappa over the pairs of a k×k table with n judgements, cell n_ij, row sums r_i and
//   column sums c_i:  po = Σ n_ii / n,  pe = Σ r_i c_i / n²,  κ = (po − pe) / (1 − pe).
//   κ is 1 for perfect agreement, 0 for agreement at chance level, negative below chance.
//   Degenerate cases return no value (nullopt), never NaN: n = 0 (nothing judged), and pe = 1
//   (both raters put every judgement in the same single category, e.g. no marker anywhere and
//   none flagged: agreement is total but there is nothing to correct for chance; po is then 1
//   and reported). pe = 1 is tested exactly, in integers (Σ r_i c_i = n²).
// - Detection kappa: the same formula over the 2×2 detection table (one judgement per turn).
//
// Errors are values: parse_flags() and score_spotting() return Diagnostics (codes IMP1201 to
// IMP1205, listed in docs/spotting.md); when they hold an error the figures are left empty.
// Nothing throws. Ownership: every result is a plain value; make_sheet() does not keep the
// scenario or session. Thread safety: all functions are pure; distinct calls may run
// concurrently on shared const inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/diagnostic.h"
#include "impasse/scenario.h"
#include "impasse/session.h"

namespace impasse {

// One patient turn to read.
struct SpottingTurn {
    int index = 0;  // 1-based: the number shown to the trainee and used in flags
    std::string node;
    std::string patient;  // the line as shown
    std::string cue;      // non-verbal cue, may be empty
    std::string stage;
    std::vector<MarkerRef> markers;  // authored: the answer key
};

struct SpottingSheet {
    std::string scenario;  // scenario id
    std::string title;
    std::string source;  // "main_path", "moment" or "transcript"
    std::vector<SpottingTurn> turns;
    bool truncated = false;  // the main path hit the turn limit before an ending
};

struct SheetOptions {
    uint64_t seed = 0;   // for the patient's seeded line variants
    int max_turns = 40;  // the main path stops after this many turns
};

// A full case: the main path. From the start node, the line shown is added, then the node's
// `expert: true` response is taken if it is available, else the first available response;
// the walk stops after adding an ending's line, a node with no available response, or
// `max_turns` lines (then `truncated`). The walk runs a Session with `seed`, so conditions and
// line variants behave as in a drill where the trainee always gave the expert answer.
// A moment: its single line (the start node). Never fails on a loaded (validated) scenario.
SpottingSheet make_sheet(const Scenario& scenario, const SheetOptions& options = {});

// A recorded drill: the lines the trainee saw, in order (turn i becomes index i + 1).
SpottingSheet make_sheet(const std::vector<TurnRecord>& turns, const std::string& scenario_id);
// The same from a session (live or restored from a transcript), with its current line last
// (the ending, when it was reached).
SpottingSheet make_sheet(const Session& session);

// One flag: "at this turn I see this marker". Several per turn are allowed; a turn without
// flags means "no marker". The marker "none" is accepted and states that explicitly.
struct Flag {
    int turn = 0;  // SpottingTurn::index
    std::string marker;
    int line = 0;  // where it was read (1-based), 0 when not from text; used in diagnostics
};

struct ParsedFlags {
    std::vector<Flag> flags;
    Diagnostics diagnostics;  // errors name the line; see docs/spotting.md
};

// Reads `TURN MARKER_ID` lines; blank lines and `#` comments (whole-line or trailing) are
// ignored. Checks syntax and marker ids; turn ranges are checked by score_spotting().
// `name` names the input in diagnostics.
ParsedFlags parse_flags(std::string_view text, const std::string& name);

struct TurnSpotting {
    int index = 0;
    std::string node;
    // All id lists are deduplicated and in ids.yaml order.
    std::vector<std::string> expected, flagged, hits, misses, false_alarms;
    // The judgements this turn gives to the confusion matrix: (authored, flagged), "none" for
    // no marker; see the rule at the top of this file.
    std::vector<std::pair<std::string, std::string>> pairs;
};

struct MarkerCounts {
    std::string marker;
    int expected = 0;  // turns where it was authored
    int flagged = 0;   // turns where it was flagged
    int hits = 0, misses = 0, false_alarms = 0;
};

struct Kappa {
    long long n = 0;              // judgements
    double observed = 0.0;        // po
    double expected = 0.0;        // pe
    std::optional<double> value;  // nullopt when n = 0 or pe = 1
};

struct ConfusionMatrix {
    std::vector<std::string> categories;         // "none" first, then marker ids in ids.yaml order
    std::vector<std::vector<long long>> counts;  // [authored][flagged]
};

struct Detection {
    int true_positive = 0, false_negative = 0, false_positive = 0, true_negative = 0;
    std::optional<double> sensitivity, specificity;  // nullopt when undefined
};

struct SpottingResult {
    Diagnostics diagnostics;  // an error here means nothing below was filled
    bool ok() const { return !has_errors(diagnostics); }

    std::string scenario;
    std::vector<TurnSpotting> turns;
    int hits = 0, misses = 0, false_alarms = 0;
    int correct_rejections = 0;            // turns with no marker authored and none flagged
    std::vector<MarkerCounts> per_marker;  // every marker authored or flagged, ids.yaml order
    ConfusionMatrix confusion;
    Kappa kappa;  // over the confusion matrix
    Detection detection;
    Kappa detection_kappa;  // over the 2×2 detection table
};

// Scores `flags` against the sheet's authored markers. Errors (as diagnostics): a flag naming
// a turn the sheet does not have (IMP1204), a marker id not in ids.yaml (IMP1203), "none"
// and a marker flagged on the same turn (IMP1205). Duplicate flags count once. `name` names
// the flags' source in diagnostics (with each Flag's `line`).
SpottingResult score_spotting(const SpottingSheet& sheet, const std::vector<Flag>& flags,
                              const std::string& name = "flags");

// Cohen's kappa of a square table of counts (rows: rater A, columns: rater B). A table that is
// not square or holds a negative count gives n = 0 and no value; one with more than 10^9
// judgements gives its n and no value (the exact pe = 1 test needs n² in 64 bits).
Kappa cohen_kappa(const std::vector<std::vector<long long>>& table);

// Landis & Koch (1977) reading of a kappa: "poor" (< 0), "slight" (0 to .20), "fair"
// (.21 to .40), "moderate" (.41 to .60), "substantial" (.61 to .80), "almost perfect" (> .80).
std::string_view kappa_band(double kappa);

// JSON forms (docs/spotting.md). The sheet omits the markers unless `with_key`.
nlohmann::json sheet_json(const SpottingSheet& sheet, bool with_key);
nlohmann::json spotting_json(const SpottingResult& result);

}  // namespace impasse
