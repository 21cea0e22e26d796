// The stable identifiers of the simulator's vocabulary (shared/domain/ids.yaml).
//
// Scenario files, the rubric, transcripts, JSON output and exports use exactly these strings.
// Each list keeps the order of ids.yaml, which is also the order in which outputs list them.
// Labels are short human names for display; they may change, the ids may not.
// tests/vocabulary_test.cpp checks these lists against ids.yaml.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace impasse::vocab {

struct Term {
    std::string_view id;
    std::string_view label;
};

const std::vector<Term>& rupture_types();          // withdrawal, confrontation
const std::vector<Term>& markers();                // all 14, withdrawal first
const std::vector<Term>& resolution_strategies();  // 10
const std::vector<Term>& principles();             // the 10 per-response principles
const std::vector<Term>& sequence_principles();    // evaluate_by_response, situation_changing
const std::vector<Term>& counter_markers();        // 8
const std::vector<Term>& stages();                 // marker .. underlying_need, in model order
const std::vector<Term>& alliance_dimensions();    // bond, task, goal
const std::vector<Term>& feelings();               // 12 check-in feelings
const std::vector<Term>& urges();                  // 7 check-in action urges
const std::vector<Term>& orientations();  // relational, cbt, psychodynamic, humanistic, ...
const std::vector<Term>& ending_kinds();  // resolved, partial, impasse, dropout

// True when `id` is in `list`.
bool contains(const std::vector<Term>& list, std::string_view id);

// The label of `id` in `list`, or `id` itself when it is not there.
std::string_view label(const std::vector<Term>& list, std::string_view id);

// Position of `id` in `list`, or -1.
int index_of(const std::vector<Term>& list, std::string_view id);

// "withdrawal" for "withdrawal.denial", "" when the id has no known rupture-type prefix.
std::string_view marker_rupture_type(std::string_view marker_id);

// Label lookup across every list above (markers, principles, strategies, ...).
std::string_view any_label(std::string_view id);

}  // namespace impasse::vocab
