// make_sheet(): the patient turns a trainee reads in the marker-spotting drill.
#include <memory>

#include "impasse/spotting.h"

namespace impasse {
namespace {

SpottingTurn turn_of(int index, const std::string& node, const std::string& line,
                     const std::string& cue, const std::string& stage,
                     const std::vector<MarkerRef>& markers) {
    SpottingTurn t;
    t.index = index;
    t.node = node;
    t.patient = line;
    t.cue = cue;
    t.stage = stage;
    t.markers = markers;
    return t;
}

SpottingTurn current_turn(const Session& s, int index) {
    return turn_of(index, s.node().id, s.line(), s.cue(), s.stage(), s.markers());
}

// The response the main path takes here: the available expert answer, else the first available.
const Response* main_path_choice(const Session& s) {
    std::vector<const Response*> avail = s.available();
    for (const Response* r : avail)
        if (r->expert) return r;
    return avail.empty() ? nullptr : avail.front();
}

}  // namespace

SpottingSheet make_sheet(const Scenario& scenario, const SheetOptions& options) {
    SpottingSheet sheet;
    sheet.scenario = scenario.id;
    sheet.title = scenario.title;
    // A non-owning handle: the session lives only inside this call, while `scenario` is alive.
    ScenarioPtr borrowed(std::shared_ptr<const Scenario>(), &scenario);
    Session session(borrowed, options.seed, nullptr, [] { return std::string(); });
    if (scenario.kind == ScenarioKind::moment) {
        sheet.source = "moment";
        sheet.turns.push_back(current_turn(session, 1));
        return sheet;
    }
    sheet.source = "main_path";
    int limit = options.max_turns > 0 ? options.max_turns : 1;
    while (true) {
        sheet.turns.push_back(current_turn(session, static_cast<int>(sheet.turns.size()) + 1));
        if (session.at_end()) break;
        const Response* next = main_path_choice(session);
        if (!next) break;
        if (static_cast<int>(sheet.turns.size()) >= limit) {
            sheet.truncated = true;
            break;
        }
        if (!session.choose(next->id).ok) break;  // cannot happen: `next` is available
    }
    return sheet;
}

SpottingSheet make_sheet(const std::vector<TurnRecord>& turns, const std::string& scenario_id) {
    SpottingSheet sheet;
    sheet.scenario = scenario_id;
    sheet.source = "transcript";
    for (const TurnRecord& r : turns)
        sheet.turns.push_back(turn_of(static_cast<int>(sheet.turns.size()) + 1, r.node, r.patient,
                                      r.cue, r.stage, r.markers));
    return sheet;
}

SpottingSheet make_sheet(const Session& session) {
    SpottingSheet sheet = make_sheet(session.turns(), session.scenario().id);
    sheet.title = session.scenario().title;
    sheet.turns.push_back(current_turn(session, static_cast<int>(sheet.turns.size()) + 1));
    return sheet;
}

}  // namespace impasse
