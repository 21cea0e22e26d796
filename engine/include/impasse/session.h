// Session: one drill with a simulated patient — the engine's core.
//
// Mental model: a Scenario is a program, a Session is one run of it. The session is at a node:
// read the patient's line, cue, markers and stage and the responses available now (their
// conditions hold), then act: choose(response_id) or say(free_text). Each act is one turn: it is
// scored (through the Scorer seam), its effects change the state (every change recorded with
// its cause), and the dialogue moves to the next node. The API is pull-model: the GUI reads it
// every frame; nothing calls back.
//
// Determinism: a session is a pure function of (scenario, seed, inputs). Patient-line variants
// are drawn from a hash of (seed, turn, node), so rewinding and replaying reproduce exactly.
// Rewind re-runs the remaining inputs from the start. Timestamps come from an injectable clock
// and are the only field that is not reproduced.
//
// Ownership: the session keeps its Scenario alive; the Scorer is borrowed and must outlive it
// (null: options are scored from their expert ratings alone, typed text routes by `match`
// phrases and the fallback). Errors are values (Result); nothing throws. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/scenario.h"
#include "impasse/score.h"
#include "impasse/scorer.h"

namespace impasse {

struct SessionState {
    Alliance alliance;
    Affect affect;
    std::map<std::string, Value> vars;
    std::map<std::string, int> visits;  // node id -> times shown, counting the current one
    int turn = 0;                       // answered turns so far
};

// One change of state and why it happened.
struct StateChange {
    std::string target;  // "alliance.bond", "vars.pushed", ...
    double before = 0, after = 0;
    std::string cause;  // response id that caused it
};

struct TurnInput {
    enum class Kind { option, text };
    Kind kind = Kind::option;
    std::string response;  // option id (kind option)
    std::string text;      // typed text (kind text)
    // Where a typed answer went when it was first given (inputs() fills it in). Resuming a drill
    // and replaying a transcript made with another scorer version take this route again
    // instead of routing afresh.
    struct Route {
        bool recorded = false;
        std::string routed_to;  // "" with `fallback`
        bool fallback = false;
        double similarity = 0;
    } route;
};

// The order options are shown in (Session::available()).
enum class OptionOrder { file, shuffled };

struct TurnRecord {
    int index = 0;
    std::string node;     // node answered
    std::string line_id;  // the line shown: node id, or a variant id
    std::string patient;  // the line shown
    std::string cue;
    std::vector<MarkerRef> markers;
    std::string stage;
    TurnInput input;
    std::string said;        // what the trainee said (the option's text, or the typed text)
    std::string routed_to;   // the response taken (for text: the one it was routed to; at a
                             // moment with reactions: softens, deepens or risk)
    double similarity = -1;  // routing similarity for text, -1 for options
    bool fallback = false;   // text that made none of the node's moves: the patient gave the
                             // node's neutral line and the dialogue stayed at the node (at a
                             // node without options: went to its free_text.fallback)
    bool risk = false;       // text routed as a direct risk or safety question
    std::string next;        // node reached
    std::vector<std::string> shown;  // the options' ids in the order they were shown
    OptionOrder order = OptionOrder::file;
    Score score;
    Feedback feedback;
    double evaluate_by_response = -1;  // [0,1], -1 when not applicable
    double situation_changing = -1;
    SessionState before, after;
    std::vector<StateChange> changes;
    std::string timestamp;
};

// A rupture marker shown to the trainee, and what became of it.
struct RuptureEvent {
    int turn = 0;  // the turn at which the marker was shown (answered at this index)
    std::string node;
    std::string type;  // withdrawal | confrontation
    std::vector<std::string> markers;
    int salience = 0;       // highest salience
    bool attended = false;  // the answer attended to it (scored well on the repair principles)
    bool deepened = false;  // the answer enacted a counter-marker
    // Looking at the lines that followed, up to the next line that opens a new rupture (markers
    // at stage `marker`): "resolved" when one reached exploration or beyond; else "deepened"
    // when the answer enacted a counter-marker; else "partly resolved" when it attended or the
    // process reached disembedding; else "unaddressed". Computed at read time, so it changes
    // as the drill goes on. Rules in full: docs/transcript-format.md.
    std::string outcome;
};

class Session {
  public:
    using Clock = std::function<std::string()>;  // ISO-8601 timestamps

    Session(ScenarioPtr scenario, uint64_t seed, const Scorer* scorer = nullptr,
            Clock clock = nullptr);

    struct Result {
        bool ok = true;
        std::string error;
        static Result fail(std::string e) { return {false, std::move(e)}; }
    };

    // Reading the current moment.
    const Scenario& scenario() const { return *scenario_; }
    const ScenarioPtr& scenario_ptr() const { return scenario_; }
    uint64_t seed() const { return seed_; }
    const Node& node() const { return *node_; }
    const std::string& line() const { return line_; }
    const std::string& line_id() const { return line_id_; }
    const std::string& cue() const { return cue_; }
    const std::vector<MarkerRef>& markers() const { return node_->markers; }
    const std::string& stage() const { return node_->stage; }
    // The options the trainee can take now, in the order they are shown (and numbered): file
    // order, or, with OptionOrder::shuffled, an order drawn from (seed, node, turn), so
    // rewinding, replaying and resuming show the same order again.
    std::vector<const Response*> available() const;
    using OptionOrder = impasse::OptionOrder;
    void set_option_order(OptionOrder o) { order_ = o; }  // before the first answer
    OptionOrder option_order() const { return order_; }
    bool at_end() const { return node_->is_ending(); }
    // Not at an ending, yet no option is available and a typed answer has nowhere to go (a case
    // whose conditions all fail here): the drill cannot go on. The validator catches the
    // conditions it can decide (IMP0407); this is the run-time guard for the rest.
    bool stuck() const;
    const Ending* ending() const { return node_->ending ? &*node_->ending : nullptr; }
    const SessionState& state() const { return state_; }
    const std::vector<TurnRecord>& turns() const { return turns_; }
    std::vector<TurnInput> inputs() const;
    std::vector<RuptureEvent> ruptures() const;
    // The stage of every patient line shown so far, the current one last.
    std::vector<std::string> stage_path() const;
    Moment moment() const;

    // Acting.
    Result choose(std::string_view response_id);
    Result say(std::string_view text);
    // A typed answer that takes a route recorded earlier (a transcript made with another scorer
    // version, or a resumed drill) instead of routing it afresh: `routed_to` an available
    // response, or "" with `fallback` for the neutral line.
    Result say_routed(std::string_view text, std::string_view routed_to, bool fallback,
                      double similarity);
    // One input again: an option is chosen, typed text takes its recorded route when it has
    // one (say_routed), else is routed afresh (say).
    Result replay_input(const TurnInput& input);
    // The scorer's version ("" without a scorer), recorded in transcripts.
    std::string scorer_version() const { return scorer_ ? scorer_->version() : std::string(); }
    Result rewind(int turns = 1);  // 0 < turns <= turns().size()
    void restart();                // from the start, or from the start_at() point when one was set

    // For authors: begin again at `node_id` with `state` (alliance and affect are clamped to
    // their ranges, visits and turn reset, variables the state leaves out keep their initial
    // values). The session then behaves as if the case began there: restart() and rewind()
    // return to this point. Fails on an unknown node or an undeclared variable.
    Result start_at(std::string_view node_id, const SessionState& state);

  private:
    // `typed`: the typed answer's score, already computed for routing (null for an option).
    Result act(const TurnInput& input, const Response* chosen, double similarity, bool fallback,
               const Score* typed = nullptr, bool risk = false, std::string_view reaction = {});
    Result check_text(std::string_view text) const;
    static TurnInput text_input(std::string_view text);
    void stay_neutral();  // the patient's neutral line at the current node
    void enter(const std::string& node_id);
    void choose_line();
    std::optional<Value> lookup(std::string_view path) const;
    bool holds(const Condition& c) const;
    void judge_sequence(TurnRecord& t) const;

    struct Origin {
        std::string node;
        SessionState state;
    };
    std::optional<Origin> origin_;  // set by start_at()
    ScenarioPtr scenario_;
    uint64_t seed_;
    OptionOrder order_ = OptionOrder::file;
    const Scorer* scorer_;
    Clock clock_;
    const Node* node_ = nullptr;
    std::string line_, line_id_, cue_;
    SessionState state_;
    std::vector<TurnRecord> turns_;
};

}  // namespace impasse
