// Shared by `impasse score` and its --evaluate mode: the moment a JSON context describes, and
// the stable JSON form of a Score.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "impasse/rubric_scorer.h"
#include "impasse/scenario.h"
#include "impasse/scorer.h"

namespace impasse::cli {

// A Moment with the storage it points into (a stand-in node for a bare patient line, or a
// loaded scenario). Not copyable: `moment.node` points into it.
struct MomentHolder {
    Node line_node;  // carries `patient_line` when there is no scenario
    ScenarioPtr scenario;
    Moment moment;
    MomentHolder() = default;
    MomentHolder(const MomentHolder&) = delete;
    MomentHolder& operator=(const MomentHolder&) = delete;
};

// Fills `out` from a context object: rupture_type, markers (ids or {id, salience}), stage,
// patient_line, or scenario (a file path or a bundled scenario id) + node. Returns "" or an
// error message.
std::string moment_from_context(const nlohmann::ordered_json& context, MomentHolder* out);

// Points `out` at node `node` of `scenario` (a scenario file, or the id of a bundled one):
// its markers, stage, rupture type and patient line. Returns "" or an error message.
std::string moment_from_scenario(const std::string& scenario, const std::string& node,
                                 MomentHolder* out);

// {"id", "overall", "principles", "counter_markers", "strategies", "evidence"}.
nlohmann::ordered_json score_json(const nlohmann::ordered_json& id, const Score& score);

// The same object as one line of JSON text, written directly (score_writer.cpp): byte for byte
// dump_line(score_json(id, score)), at a fraction of the cost. Never throws.
std::string score_text_json(const nlohmann::ordered_json& id, const Score& score);

// One line of JSON that survives any bytes (invalid UTF-8 is replaced).
std::string dump_line(const nlohmann::ordered_json& j);

// One line of `impasse score --jsonl` in, one line out (without the newline): the score object,
// or {"id", "error"} naming what is wrong with the line. Never throws.
std::string score_line(const Scorer& scorer, const std::string& line);

// `impasse score --evaluate FILE`: per-id precision, recall and AUC, and the rank correlation
// of overall with the hand rating. Returns the exit code.
int run_evaluation(const Scorer& scorer, const std::string& path, bool as_json, double threshold);

// `--evaluate-routing FILE`: the share of typed answers routed to an option (or the neutral
// line) an expert accepts, and to one they forbid, per register; `verbose` lists the misses.
int run_routing_evaluation(const Scorer& scorer, const std::string& path, bool as_json,
                           bool verbose);

}  // namespace impasse::cli
