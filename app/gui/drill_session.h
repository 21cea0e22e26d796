// DrillSession: the GUI's view of one drill. It wraps the engine's Session (the only GUI file
// that talks to it), records every turn in the store as it happens, and keeps what the panels
// read every frame: the conversation so far, the current moment, and the debrief figures.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "impasse/scenario.h"
#include "impasse/score.h"
#include "impasse/scorer.h"
#include "impasse/session.h"
#include "impasse/store.h"

namespace impasse {
class Session;
}

namespace impasse::gui {

struct StateSnapshot {
    Alliance alliance;
    Affect affect;
};

// One answered turn, as the conversation and the debrief show it.
struct ShownTurn {
    std::string node;
    std::string patient;
    std::string cue;
    std::vector<MarkerRef> markers;
    std::string stage;
    std::string said;  // what the trainee said (option text or typed text)
    bool typed = false;
    std::string response_id;  // chosen option, or the one typed text was routed to
    Score score;
    Feedback feedback;
    StateSnapshot before, after;
    std::vector<std::string> changes;  // "Bond +0.08: you owned your part" ...
    double evaluate_by_response = -1;  // -1: not applicable
    double situation_changing = -1;
};

struct Option {
    std::string id;
    std::string text;
};

struct RuptureSummary {
    std::string marker;  // first marker id
    int turn = 0;
    int salience = 0;
    std::string outcome;  // "resolved" | "partly resolved" | "unaddressed" | "deepened"
};

class DrillSession {
  public:
    DrillSession();
    ~DrillSession();

    // Starts a drill. `store` may be null (nothing is recorded). Returns "" or an error.
    // Starts a new drill; its options are shown in `order` (recorded with every turn).
    std::string start(ScenarioPtr scenario, uint64_t seed, const Scorer* scorer, Store* store,
                      OptionOrder order = OptionOrder::shuffled);
    // Continues an unfinished drill recorded in the store: replays its inputs. "" or an error.
    std::string resume(ScenarioPtr scenario, const DrillRow& row, const Scorer* scorer,
                       Store* store);
    // Loads a transcript file into a finished session for the debrief. "" or an error.
    std::string load_transcript(const std::string& path, const std::vector<ScenarioPtr>& library,
                                const Scorer* scorer);

    bool active() const { return session_ != nullptr; }
    const Scenario& scenario() const { return *scenario_; }
    int64_t drill_id() const { return drill_id_; }

    // The current moment.
    const std::string& patient_line() const;
    const std::string& cue() const;
    const std::vector<MarkerRef>& markers() const;
    const std::string& stage() const;
    const Node& node() const;
    std::vector<Option> options() const;
    bool at_end() const;
    bool stuck() const;  // Session::stuck(): the case offers no way on from here
    const Ending* ending() const;
    StateSnapshot state() const;

    const std::vector<ShownTurn>& turns() const { return turns_; }
    std::vector<std::string> stage_path() const;  // stage of each patient line shown, in order
    std::vector<RuptureSummary> ruptures() const;

    // Act. Each returns "" or a message for the trainee; the turn is committed to the store.
    std::string choose(const std::string& response_id);
    std::string say(const std::string& text);
    std::string rewind(int turns = 1);
    std::string restart();
    // Re-plays the drill from the start up to (excluding) turn `index`, for "replay from here".
    std::string replay_from(int index);

    // Writes the transcript JSON. "" or an error.
    std::string save_transcript(const std::string& path) const;

  private:
    void rebuild_turns();
    std::string commit_last_turn();

    ScenarioPtr scenario_;
    std::unique_ptr<Session> session_;
    const Scorer* scorer_ = nullptr;
    Store* store_ = nullptr;
    int64_t drill_id_ = 0;
    uint64_t seed_ = 0;
    std::vector<ShownTurn> turns_;
};

}  // namespace impasse::gui
