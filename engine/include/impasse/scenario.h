// Scenario: one branching simulated-patient case, loaded from a YAML file and then immutable.
//
// The format is documented in docs/scenario-format.md. A Scenario is produced only by the
// loader (scenario_loader.h), which validates it first: when a Scenario exists, every `next`
// and `start` names a node, every id is from the vocabulary (vocabulary.h), every condition
// parsed. Everything carries its source location so that runtime messages, transcripts and
// the author view can point back into the file.
//
// Ownership: scenarios are shared as std::shared_ptr<const Scenario>; sessions keep one alive.
// Thread safety: immutable after loading, so any number of threads may read one.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "impasse/expression.h"
#include "impasse/value.h"

namespace impasse {

struct SourceLoc {
    std::string file;
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;  // 1-based
};

struct Alliance {
    double bond = 0.5;  // each in [0, 1]
    double task = 0.5;
    double goal = 0.5;
    double mean() const { return (bond + task + goal) / 3.0; }
};

struct Affect {
    double valence = 0.0;  // [-1, 1]: distress .. ease
    double arousal = 0.3;  // [0, 1]: flat .. flooded
};

struct Condition {
    std::string source;  // as written, e.g. "alliance.bond < 0.4"
    std::shared_ptr<const Expression> expr;
    SourceLoc loc;        // the value's position (its opening quote, when quoted)
    int text_column = 0;  // the column of the source's first character
};

// One change of state. Numbers add (`alliance.bond: +0.1`), booleans assign; a number written
// with a leading "=" in the file (`vars.stage: "=2"`) assigns too.
struct Effect {
    enum class Op { add, set };
    std::string target;  // "alliance.bond", "affect.valence", "vars.NAME"
    Op op = Op::add;
    Value value;
    SourceLoc loc;
};

struct MarkerRef {
    std::string id;    // e.g. "withdrawal.minimal_response"
    int salience = 3;  // 1..5
    SourceLoc loc;
};

// An alternative patient line. Variants with `when` are tried in file order and the first whose
// condition holds is shown; otherwise one is drawn (seeded) among the node's own line and the
// variants without `when`, by weight.
struct LineVariant {
    std::string id;  // "NODE#N" unless the author named it
    std::string say;
    std::string cue;  // empty: keep the node's cue
    std::optional<Condition> when;
    double weight = 1.0;
    SourceLoc loc;
};

struct Response {
    std::string id;                      // unique within its node
    std::string text;                    // what the trainee says
    std::string next;                    // node id
    SourceLoc next_loc;                  // where `next` names it
    std::map<std::string, int> ratings;  // principle id -> 0 (violates), 1 (partly), 2 (embodies)
    std::vector<std::string> counter_markers;  // counter-marker ids this response enacts
    std::string strategy;                      // resolution strategy id, may be empty
    std::string feedback;                      // why it helps or hurts
    std::vector<Effect> effects;
    std::string orientation;  // "relational", "cbt", ... or empty
    std::optional<Condition> condition;
    bool expert = false;             // the answer "an expert might say" at this node
    std::vector<std::string> match;  // phrases that draw a typed answer to this response
    std::string move;  // the clinical move where routing needs it: "risk_check", "repair" or ""
    SourceLoc loc;
};

// The option moves routing knows (Response::move).
bool known_move(std::string_view move);

enum class EndingKind { resolved, partial, impasse, dropout };
const char* ending_kind_id(EndingKind k);

struct Ending {
    EndingKind kind = EndingKind::resolved;
    std::string text;     // closing reflection for the trainee (the debrief)
    std::string closing;  // optional short closing line shown before the debrief
    SourceLoc loc;
};

// A model answer for moments answered in free text (and an override for any node).
struct ExpertAnswer {
    std::string text;
    std::vector<std::string> shows;  // principle ids a good answer shows
    SourceLoc loc;
};

// What the patient says when a typed answer makes none of the node's authored moves: a line
// that presumes nothing about what was said (they stay in the marker, ask what the therapist
// means, or shrug). The dialogue stays at the node.
struct NeutralLine {
    std::string say;
    std::string cue;  // may be empty
    SourceLoc loc;
};

// How a typed answer routes at this node (session/routing.h): to the available response that
// makes the same clinical move, within the guards; else to the `neutral` line (the node's own,
// or a generic one). `fallback` (a node id) is the older, authored bad outcome: kept for
// options-only play, never used for a typed answer. `min_similarity` is the confidence under
// which an answer goes to the neutral line.
struct FreeTextRule {
    std::string fallback;
    SourceLoc fallback_loc;  // where `fallback` names it
    double min_similarity = 0.35;
    std::optional<NeutralLine> neutral;
    SourceLoc loc;
};

// How the patient reacts to a typed answer at a node without options (a moment drill): each
// is a node id. `softens` when the answer made the repair move (overall >= kReactionSoftens and
// no strong counter-marker), `deepens` otherwise, `risk` (optional) for a direct risk or
// safety question. An unreadable answer gets the neutral line and stays at the node.
struct Reactions {
    std::string softens;
    std::string deepens;
    std::string risk;                                   // may be empty
    SourceLoc loc, softens_loc, deepens_loc, risk_loc;  // the mapping, and each name in it
};
inline constexpr double kReactionSoftens = 60.0;

// The intrapersonal marker: what a therapist commonly feels and is pulled to do here.
struct TherapistPull {
    std::vector<std::string> feelings;  // feeling ids
    std::vector<std::string> urges;     // urge ids
};

struct Node {
    std::string id;
    std::string say;
    std::string cue;  // non-verbal cue, may be empty
    std::vector<LineVariant> variants;
    std::vector<MarkerRef> markers;
    std::string stage;  // stage id
    std::vector<Response> responses;
    std::optional<Ending> ending;
    std::optional<ExpertAnswer> expert;
    FreeTextRule free_text;
    std::optional<Reactions> reactions;  // free_text.reactions
    TherapistPull pull;
    std::string note;  // the author's teaching note for this moment
    SourceLoc loc;

    bool is_ending() const { return ending.has_value(); }
    const Response* find_response(std::string_view id) const;
};

struct Patient {
    std::string name;
    int age = 0;
    std::string pronouns;
    std::string background;
    std::string presenting_problem;
    std::string schema;  // interpersonal schema, e.g. "If I say what I need, I'll be dropped"
    std::string longs_for;
    std::string fears;
};

struct InitialState {
    Alliance alliance;
    Affect affect;
    std::map<std::string, Value> vars;
};

enum class ScenarioKind { full_case, moment };

struct Scenario {
    std::string format;  // "impasse/1"
    std::string id;
    ScenarioKind kind = ScenarioKind::full_case;
    std::string title;
    std::string summary;
    std::string teaching_point;
    std::string rupture_type;  // "withdrawal" | "confrontation"
    int difficulty = 1;        // 1..3
    std::vector<std::string> tags;
    Patient patient;
    InitialState initial;
    std::string start;
    SourceLoc start_loc;      // where `start` names the first node
    std::vector<Node> nodes;  // in file order
    std::string source_file;
    std::string hash;  // hex digest of the file's bytes; transcripts and snapshots carry it

    const Node* find_node(std::string_view id) const;
    const Node& start_node() const { return *find_node(start); }

    // Built by the loader: node id -> index into `nodes`.
    std::unordered_map<std::string, size_t> node_index;
};

using ScenarioPtr = std::shared_ptr<const Scenario>;

}  // namespace impasse
