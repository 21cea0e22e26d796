// Rubric: the scorer's knowledge, loaded from assets/rubric.yaml (data a clinician edits).
//
// For every principle, counter-marker and resolution strategy the rubric holds a name, a
// one-line description, the feedback sentences, and the linguistic signals that show it.
// A signal is a phrase pattern (see the header of assets/rubric.yaml for its small language:
// stems, exact forms, prefixes, word classes, gaps, sentence starts, look-aheads) or a
// computed feature (a question, an open question, echoing the patient's words, length).
// The `moments` section says which principles and counter-markers weigh more at a
// confrontation or withdrawal marker and at each resolution stage; `overall` says how the
// 0..100 score is put together.
//
// Ownership: a Rubric is a plain value, immutable once loaded; RubricScorer keeps a copy.
// Errors: load_rubric_* return diagnostics (codes IMP09xx, docs/diagnostics-rubric.md) and no
// rubric when there was any error. Thread safety: loading may run on any thread.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "impasse/diagnostic.h"
#include "impasse/score.h"
#include "impasse/text.h"

namespace impasse {

// One element of a compiled phrase pattern.
struct PatternElem {
    enum class Kind { word, gap, sentence_start, not_next };
    enum class Match { stem, exact, prefix };
    struct Alt {
        Match match = Match::stem;
        std::string value;  // stem, exact form or prefix
    };
    Kind kind = Kind::word;
    std::vector<Alt> alts;  // word / not_next: any of these
    int max_gap = 0;        // gap: how many words may stand here (0..max_gap)
};

struct Signal {
    enum class Feature { none, question, open_question, echo, long_text, low_engagement };
    enum class Mood { any, question, statement };
    std::string source;  // the pattern as written (for messages)
    std::vector<PatternElem> elems;
    Feature feature = Feature::none;
    int threshold = 0;          // echo: words echoed; long_text: words
    double weight = 0.5;        // 0..1: how clearly one match shows the id
    bool when_negated = false;  // count matches inside a negation's scope (default: no)
    double when_hedged = 1.0;   // factor for a match in a hedged sentence
    Mood mood = Mood::any;
    std::string label;  // optional short name shown in evidence ("question", "echo")
    int line = 0;       // where it was written in the rubric
};

struct RubricEntry {
    std::string id;
    std::string name;
    std::string description;  // one line for trainees
    std::string well;         // feedback when shown ("You ...")
    std::string missed;       // feedback when called for and absent, or when enacted (risk)
    std::vector<Signal> signals;
    // Principles only: other principles that imply this one, with a factor ("owning your part
    // is non-defensive": non_defensive is at least 0.6 x accept_responsibility).
    std::vector<std::pair<size_t, double>> implied_by;  // (principle index, factor)
};

// Multipliers and bonuses that make a moment call for some things more than others.
struct MomentWeights {
    std::map<std::string, double> principles;       // id -> multiplier (default 1)
    std::map<std::string, double> counter_markers;  // id -> multiplier (default 1)
    std::map<std::string, double> strategies;       // id -> fit in [-1, 1] (default 0)
};

struct OverallParams {
    double base = 10;               // points for any non-empty answer
    double principle_points = 75;   // points for reaching `principle_target`
    double principle_target = 3.0;  // weighted principle sum that counts as a full answer
    double strategy_points = 10;    // points for a strategy that fits the stage (fit 1)
    double penalty_points = 45;     // points taken for one clear counter-marker (weight 1)
    double call_threshold = 1.4;    // a principle weighted at least this is "called for"
};

struct Rubric {
    std::array<RubricEntry, kPrincipleCount> principles;
    std::array<RubricEntry, kCounterMarkerCount> counter_markers;
    std::array<RubricEntry, kStrategyCount> strategies;
    std::vector<Signal> hedges;  // phrases that soften the rest of their sentence
    double hedge_factor = 0.6;   // default softening of a counter-marker in a hedged sentence
    std::vector<std::string> stopwords;  // not counted as echoes of the patient's words
    std::map<std::string, std::vector<PatternElem::Alt>> classes;  // @name word classes
    text::LanguageRules language;
    MomentWeights base;                                  // every moment
    std::map<std::string, MomentWeights> rupture_types;  // withdrawal, confrontation
    std::map<std::string, MomentWeights> stages;         // marker .. underlying_need
    std::map<std::string, MomentWeights> markers;        // marker ids
    OverallParams overall;
    std::string source_file;
};

struct RubricLoad {
    std::shared_ptr<const Rubric> rubric;  // null when there were errors
    Diagnostics diagnostics;
};

RubricLoad load_rubric_file(const std::string& path);
RubricLoad load_rubric_text(std::string_view yaml, const std::string& name);

// Compiles one pattern (as written in the rubric) against the word classes known so far.
// Returns "" or an error message.
std::string compile_pattern(std::string_view source,
                            const std::map<std::string, std::vector<PatternElem::Alt>>& classes,
                            std::vector<PatternElem>* out);

}  // namespace impasse
