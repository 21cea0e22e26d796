#include "impasse/play.h"
#include "json_get.h"

#include <algorithm>
#include <cstdio>
#include <istream>
#include <ostream>

#include "impasse/json_write.h"
#include "impasse/transcript.h"
#include "impasse/vocabulary.h"

namespace impasse {
namespace {

using nlohmann::json;

std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

void emit(std::ostream& out, const json& j) {
    out << json_out::write(j) << '\n' << std::flush;
}

void show_moment(const Session& s, std::ostream& out, const PlayOptions& o) {
    auto options = s.available();
    if (o.json) {
        json opts = json::array();
        for (size_t i = 0; i < options.size(); ++i)
            opts.push_back({{"n", i + 1}, {"id", options[i]->id}, {"text", options[i]->text}});
        json ev = {{"event", s.at_end() ? "end" : "moment"},
                   {"turn", s.turns().size()},
                   {"node", s.node().id},
                   {"patient", s.line()},
                   {"cue", s.cue()},
                   {"stage", s.stage()},
                   {"options", opts}};
        if (const Ending* e = s.ending()) {
            ev["ending"] = {{"kind", ending_kind_id(e->kind)}, {"text", e->text}};
            if (!e->closing.empty()) ev["ending"]["closing"] = e->closing;
        }
        emit(out, ev);
        return;
    }
    out << "\n" << s.scenario().patient.name;
    if (!s.cue().empty()) out << " (" << s.cue() << ")";
    out << ":\n  \u201c" << s.line() << "\u201d\n";
    if (const Ending* e = s.ending()) {
        if (!e->closing.empty()) out << "\n" << e->closing << "\n";
        out << "\n== " << vocab::label(vocab::ending_kinds(), ending_kind_id(e->kind)) << " ==\n";
        const Scenario& sc = s.scenario();
        const Node& first = sc.start_node();
        if (sc.kind == ScenarioKind::moment && first.expert && !s.turns().empty()) {
            out << "You said:\n  \u201c" << s.turns().back().said << "\u201d\n"
                << "An expert might have said:\n  \u201c" << first.expert->text << "\u201d\n\n";
        }
        out << e->text << "\n";
        return;
    }
    out << "\n";
    for (size_t i = 0; i < options.size(); ++i)
        out << "  " << i + 1 << ") " << options[i]->text << "\n";
    out << "  (or type your own answer; :back rewinds, :quit stops)\n";
}

void show_turn(const TurnRecord& t, std::ostream& out, const PlayOptions& o) {
    if (o.json) {
        emit(out, {{"event", "turn"}, {"turn", turn_json(t)}});
        return;
    }
    char score[32];
    std::snprintf(score, sizeof score, "%.0f", t.score.overall);
    out << "\n-- Feedback: " << score << "/100";
    if (!t.feedback.summary.empty()) out << " -- " << t.feedback.summary;
    out << "\n";
    for (const auto& m : t.markers)
        out << "   marker here: " << vocab::label(vocab::markers(), m.id) << " (salience "
            << m.salience << ")\n";
    if (!t.feedback.authored.empty()) out << "   " << t.feedback.authored << "\n";
    for (const auto& f : t.feedback.did_well) {
        out << "   + " << vocab::any_label(f.id);
        if (!f.quote.empty())
            out << ": \u201c" << f.quote << "\u201d";
        else if (!f.text.empty())
            out << ": " << f.text;
        out << "\n";
    }
    for (const auto& f : t.feedback.missed) {
        out << "   - " << vocab::any_label(f.id);
        if (!f.text.empty()) out << ": " << f.text;
        out << "\n";
    }
    if (!t.feedback.expert_says.empty())
        out << "   An expert might say: \u201c" << t.feedback.expert_says << "\u201d\n";
}

void notice(std::ostream& out, const PlayOptions& o, const std::string& msg) {
    if (o.json)
        emit(out, {{"event", "notice"}, {"message", msg}});
    else
        out << msg << "\n";
}

}  // namespace

Snapshot recorded_snapshot(const Store& store, const DrillRow& row) {
    Snapshot snap;
    snap.scenario = row.scenario_id;
    snap.scenario_hash = row.scenario_hash;
    snap.seed = row.seed;
    for (const auto& t : store.turns(row.id)) {
        if (snap.inputs.empty() && json_get::str(t.record, "option_order") == "shuffled")
            snap.option_order = "shuffled";
        TurnInput in;
        in.kind = json_get::str(t.input, "kind") == "text" ? TurnInput::Kind::text
                                                           : TurnInput::Kind::option;
        in.response = json_get::str(t.input, "response");
        in.text = json_get::str(t.input, "text");
        // A typed answer resumes along the route it took when it was answered (recorded with
        // the turn), whatever the scorer says today.
        if (in.kind == TurnInput::Kind::text && t.record.is_object() &&
            t.record.contains("routed_to") && t.record["routed_to"].is_string()) {
            in.route.recorded = true;
            in.route.routed_to = t.record["routed_to"].get<std::string>();
            in.route.fallback = t.record.contains("fallback") &&
                                t.record["fallback"].is_boolean() &&
                                t.record["fallback"].get<bool>();
            in.route.similarity = std::max(0.0, json_get::num(t.record, "similarity", 0.0));
        }
        snap.inputs.push_back(in);
    }
    return snap;
}

std::string record_last_turn(Store& store, int64_t drill_id, const Session& session) {
    const TurnRecord& t = session.turns().back();
    TurnRow row;
    row.index = t.index;
    row.node = t.node;
    row.input = turn_json(t)["input"];
    row.overall = t.score.overall;
    row.record = turn_json(t);
    row.created_at = t.timestamp;
    std::string e = store.append_turn(drill_id, row);
    if (e.empty() && session.at_end() && session.ending())
        e = store.finish_drill(drill_id, ending_kind_id(session.ending()->kind));
    return e;
}

PlayOutcome stuck(const Session& s, std::ostream& out, const PlayOptions& o) {
    std::string msg = "The case offers no way on from node '" + s.node().id +
                      "': none of its options' conditions holds. The drill ends here; please "
                      "tell the case's author.";
    if (o.json)
        emit(out, {{"event", "stuck"}, {"node", s.node().id}, {"message", msg}});
    else
        out << "\n" << msg << "\n";
    return PlayOutcome::stuck;
}

// The case's title and summary (for a moment, the context its first line depends on), before
// the first patient line, as the GUI shows them.
void show_case(const Session& s, std::ostream& out, const PlayOptions& o) {
    if (o.json || !s.turns().empty()) return;
    const Scenario& sc = s.scenario();
    out << "== " << sc.title << " ==\n";
    if (!sc.summary.empty()) out << sc.summary << "\n";
}

PlayOutcome run_play(Session& s, std::istream& in, std::ostream& out, const PlayOptions& o) {
    show_case(s, out, o);
    show_moment(s, out, o);
    if (s.at_end()) return PlayOutcome::ended;
    if (s.stuck()) return stuck(s, out, o);
    std::string raw;
    while (true) {
        if (!o.json && o.show_prompt) out << "> " << std::flush;
        if (!std::getline(in, raw)) return PlayOutcome::input_ended;
        std::string line = trim(raw);
        if (line.empty()) {
            notice(out, o, "Type an option number, your own answer, :back or :quit.");
            continue;
        }
        if (line == ":quit") {
            if (o.json) emit(out, {{"event", "quit"}});
            return PlayOutcome::quit;
        }
        if (line == ":back") {
            Session::Result r = s.rewind(1);
            if (!r.ok) {
                notice(out, o, "Nothing to rewind.");
                continue;
            }
            if (o.store) o.store->truncate_turns(o.drill_id, static_cast<int>(s.turns().size()));
            if (o.json)
                emit(out, {{"event", "rewind"}, {"turn", s.turns().size()}});
            else
                out << "(rewound one turn)\n";
            show_moment(s, out, o);
            continue;
        }
        Session::Result r;
        bool number = line.find_first_not_of("0123456789") == std::string::npos && line.size() <= 3;
        if (number) {
            auto options = s.available();
            int n = std::stoi(line);
            if (options.empty()) {
                notice(out, o, "This moment has no options: type your own answer.");
                continue;
            }
            if (n < 1 || n > static_cast<int>(options.size())) {
                notice(out, o,
                       "There is no option " + line + "; choose 1 to " +
                           std::to_string(options.size()) + ".");
                continue;
            }
            r = s.choose(options[static_cast<size_t>(n - 1)]->id);
        } else {
            r = s.say(line);
        }
        if (!r.ok) {
            notice(out, o, r.error);
            continue;
        }
        show_turn(s.turns().back(), out, o);
        if (o.store) {
            if (std::string e = record_last_turn(*o.store, o.drill_id, s); !e.empty()) {
                notice(out, o, "Your answer could not be recorded: " + e);
                return PlayOutcome::store_failed;
            }
        }
        show_moment(s, out, o);
        if (s.at_end()) return PlayOutcome::ended;
        if (s.stuck()) return stuck(s, out, o);
    }
}

}  // namespace impasse
