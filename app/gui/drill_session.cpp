#include "gui/drill_session.h"

#include <cstdio>
#include <fstream>

#include "gui/private_file.h"

#include "impasse/json_write.h"
#include "impasse/play.h"
#include "impasse/session.h"
#include "impasse/transcript.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

StateSnapshot snap(const SessionState& s) {
    return {s.alliance, s.affect};
}

std::string describe(const StateChange& c, const Response* cause) {
    char buf[64];
    std::string name(vocab::any_label(c.target.substr(c.target.find('.') + 1)));
    if (c.target.rfind("vars.", 0) == 0) return "";  // variables are the author's bookkeeping
    if (c.target.rfind("affect.", 0) == 0) name = c.target == "affect.valence" ? "Mood" : "Arousal";
    std::snprintf(buf, sizeof buf, "%s %+.2f", name.c_str(), c.after - c.before);
    std::string out = buf;
    if (cause && !cause->feedback.empty()) {
        std::string why = cause->feedback.substr(0, cause->feedback.find_first_of(".;"));
        if (why.size() > 90) why = why.substr(0, 87) + "...";
        out += ": " + why;
    }
    return out;
}

}  // namespace

DrillSession::DrillSession() = default;
DrillSession::~DrillSession() = default;

std::string DrillSession::start(ScenarioPtr scenario, uint64_t seed, const Scorer* scorer,
                                Store* store, OptionOrder order) {
    scenario_ = std::move(scenario);
    scorer_ = scorer;
    store_ = store;
    seed_ = seed;
    session_ = std::make_unique<Session>(scenario_, seed, scorer);
    session_->set_option_order(order);
    turns_.clear();
    drill_id_ = 0;
    if (store_) {
        std::string err;
        auto id = store_->begin_drill(scenario_->id, scenario_->hash, seed, &err);
        if (!id) return "This drill will not be recorded: " + err;
        drill_id_ = *id;
    }
    return "";
}

std::string DrillSession::resume(ScenarioPtr scenario, const DrillRow& row, const Scorer* scorer,
                                 Store* store) {
    scenario_ = std::move(scenario);
    scorer_ = scorer;
    store_ = store;
    seed_ = row.seed;
    drill_id_ = 0;
    if (std::string e = store->lease_drill(row.id); !e.empty()) return "Cannot resume: " + e;
    drill_id_ = row.id;
    Snapshot s = recorded_snapshot(*store, row);
    std::string err;
    session_ = restore(s, scenario_, scorer, &err);
    if (!session_) return "Cannot resume: " + err;
    rebuild_turns();
    return "";
}

std::string DrillSession::load_transcript(const std::string& path,
                                          const std::vector<ScenarioPtr>& library,
                                          const Scorer* scorer) {
    ParsedTranscript t = read_transcript_file(path);
    if (!t.diagnostics.empty()) return t.diagnostics.front().to_string();
    for (const auto& s : library)
        if (s->id == t.snapshot.scenario) scenario_ = s;
    if (!scenario_) return "the scenario '" + t.snapshot.scenario + "' is not in the library";
    std::string err;
    session_ = restore(t.snapshot, scenario_, scorer, &err);
    if (!session_) return err;
    scorer_ = scorer;
    seed_ = t.snapshot.seed;
    rebuild_turns();
    return "";
}

const std::string& DrillSession::patient_line() const {
    return session_->line();
}
const std::string& DrillSession::cue() const {
    return session_->cue();
}
const std::vector<MarkerRef>& DrillSession::markers() const {
    return session_->markers();
}
const std::string& DrillSession::stage() const {
    return session_->stage();
}
const Node& DrillSession::node() const {
    return session_->node();
}
bool DrillSession::at_end() const {
    return session_->at_end();
}
bool DrillSession::stuck() const {
    return session_->stuck();
}
const Ending* DrillSession::ending() const {
    return session_->ending();
}
StateSnapshot DrillSession::state() const {
    return snap(session_->state());
}
std::vector<std::string> DrillSession::stage_path() const {
    return session_->stage_path();
}

std::vector<Option> DrillSession::options() const {
    std::vector<Option> out;
    for (const Response* r : session_->available())
        out.push_back({r->id, r->text});
    return out;
}

std::vector<RuptureSummary> DrillSession::ruptures() const {
    std::vector<RuptureSummary> out;
    for (const auto& r : session_->ruptures())
        out.push_back({r.markers.empty() ? "" : r.markers.front(), r.turn, r.salience, r.outcome});
    return out;
}

void DrillSession::rebuild_turns() {
    turns_.clear();
    for (const auto& t : session_->turns()) {
        ShownTurn s;
        s.node = t.node;
        s.patient = t.patient;
        s.cue = t.cue;
        s.markers = t.markers;
        s.stage = t.stage;
        s.said = t.said;
        s.typed = t.input.kind == TurnInput::Kind::text;
        s.response_id = t.routed_to;
        s.score = t.score;
        s.feedback = t.feedback;
        s.before = snap(t.before);
        s.after = snap(t.after);
        const Node* n = scenario_->find_node(t.node);
        const Response* cause = n ? n->find_response(t.routed_to) : nullptr;
        for (const auto& c : t.changes)
            if (std::string d = describe(c, cause); !d.empty()) s.changes.push_back(d);
        s.evaluate_by_response = t.evaluate_by_response;
        s.situation_changing = t.situation_changing;
        turns_.push_back(std::move(s));
    }
}

std::string DrillSession::commit_last_turn() {
    rebuild_turns();
    if (!store_ || drill_id_ <= 0) return "";
    std::string e = record_last_turn(*store_, drill_id_, *session_);
    return e.empty()
               ? ""
               : "Your answer could not be saved (" + e + "). Check the disk; the drill goes on.";
}

std::string DrillSession::choose(const std::string& response_id) {
    Session::Result r = session_->choose(response_id);
    if (!r.ok) return r.error;
    return commit_last_turn();
}

std::string DrillSession::say(const std::string& text) {
    Session::Result r = session_->say(text);
    if (!r.ok) return r.error;
    return commit_last_turn();
}

std::string DrillSession::rewind(int n) {
    Session::Result r = session_->rewind(n);
    if (!r.ok) return r.error;
    rebuild_turns();
    if (store_ && drill_id_ > 0)
        return store_->truncate_turns(drill_id_, static_cast<int>(turns_.size()));
    return "";
}

std::string DrillSession::restart() {
    if (store_ && drill_id_ > 0 && !session_->at_end()) store_->abandon_drill(drill_id_);
    return start(scenario_, seed_ + 1, scorer_, store_);
}

std::string DrillSession::replay_from(int index) {
    int n = static_cast<int>(turns_.size()) - index;
    if (n <= 0) return "";
    if (session_->at_end() && store_ && drill_id_ > 0) {
        // A finished drill stays in the record as it was; the replay is a new drill.
        std::vector<TurnInput> keep = session_->inputs();
        keep.resize(static_cast<size_t>(index));
        std::string e = start(scenario_, seed_, scorer_, store_);
        if (!e.empty()) return e;
        for (const auto& in : keep) {
            Session::Result r = in.kind == TurnInput::Kind::option ? session_->choose(in.response)
                                                                   : session_->say(in.text);
            if (!r.ok) return r.error;
            if (std::string c = commit_last_turn(); !c.empty()) return c;
        }
        rebuild_turns();
        return "";
    }
    return rewind(n);
}

std::string DrillSession::save_transcript(const std::string& path) const {
    if (!make_private_file(path)) return "cannot write " + path;
    std::ofstream out(path, std::ios::trunc);
    out << json_out::write(transcript_json(*session_), 2) << "\n";
    return out ? "" : "cannot write " + path;
}

}  // namespace impasse::gui
