// The debrief at the end of a drill: the ending and its reflection, a timeline with scores and
// markers, the alliance over the turns, the stage path, the principle profile, the ruptures
// caught, missed or deepened, self-ratings, and replay from any turn.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "gui/charts.h"
#include "gui/drill_session.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "gui/wording.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {

void draw_feedback(Ui& ui, const ShownTurn& turn, bool compact);

namespace {

void draw_ending(Ui& ui, DrillSession& d) {
    heading(ui.fonts, ("Debrief: " + d.scenario().title).c_str());
    if (const Ending* e = d.ending()) {
        chip(std::string(vocab::label(vocab::ending_kinds(), ending_kind_id(e->kind))).c_str(),
             e->kind == EndingKind::resolved  ? colour_good()
             : e->kind == EndingKind::partial ? colour_neutral()
                                              : colour_risk());
        ImGui::Spacing();
        if (!e->closing.empty()) {
            ImGui::PushFont(ui.fonts.italic);
            wrapped(e->closing);
            ImGui::PopFont();
            ImGui::Spacing();
        }
        const Scenario& sc = d.scenario();
        const Node& first = sc.start_node();
        if (sc.kind == ScenarioKind::moment && first.expert && !d.turns().empty()) {
            section(ui.fonts, "Your answer and an expert's");
            wrapped("You said: \u201c" + d.turns().back().said + "\u201d");
            wrapped("An expert might have said: \u201c" + first.expert->text + "\u201d");
            ImGui::Spacing();
        }
        wrapped(e->text);
    } else {
        muted("The drill has not reached an ending yet; this is the debrief so far.");
    }
    double sum = 0;
    for (const auto& t : d.turns())
        sum += t.score.overall;
    if (!d.turns().empty())
        ImGui::TextUnformatted((count_of(static_cast<long>(d.turns().size()), "answer", "answers") +
                                ", mean score " +
                                whole_score(sum / static_cast<double>(d.turns().size())) + " / 100")
                                   .c_str());
}

void draw_alliance(Ui& ui, DrillSession& d) {
    section(ui.fonts, "The alliance over the turns (1–5)");
    Series bond{"Bond", {}, colour_withdrawal()}, task{"Task", {}, colour_confrontation()},
        goal{"Goal", {}, colour_good()};
    auto add = [&](const StateSnapshot& s) {
        bond.values.push_back(1 + 4 * static_cast<float>(s.alliance.bond));
        task.values.push_back(1 + 4 * static_cast<float>(s.alliance.task));
        goal.values.push_back(1 + 4 * static_cast<float>(s.alliance.goal));
    };
    if (!d.turns().empty()) add(d.turns().front().before);
    for (const auto& t : d.turns())
        add(t.after);
    line_chart("alliance", {bond, task, goal}, 1.0f, 5.0f,
               ImVec2(ImGui::GetContentRegionAvail().x, 200));
}

void draw_stage_path(Ui& ui, DrillSession& d) {
    section(ui.fonts, "The stage path");
    auto path = d.stage_path();
    float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < path.size(); ++i) {
        std::string label(vocab::label(vocab::stages(), path[i]));
        float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::CalcTextSize(" > ").x + 40;
        if (i) {
            ImGui::SameLine();
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
            ImGui::TextDisabled(">");
            ImGui::SameLine();
        }
        ImGui::PushID(static_cast<int>(i));
        if (chip(label.c_str(), path[i] == "underlying_need" ? colour_good() : colour_neutral(),
                 true))
            ui.open_learn(path[i]);
        ImGui::PopID();
    }
}

void draw_principles(Ui& ui, DrillSession& d) {
    section(ui.fonts, "Principles, mean over your answers");
    const auto& terms = vocab::principles();
    std::vector<std::string> labels;
    std::vector<float> values(terms.size(), 0.0f);
    for (const auto& t : terms)
        labels.emplace_back(t.label);
    for (const auto& t : d.turns())
        for (size_t i = 0; i < terms.size(); ++i)
            values[i] += static_cast<float>(t.score.principles[i]);
    if (!d.turns().empty())
        for (auto& v : values)
            v /= static_cast<float>(d.turns().size());
    static const std::vector<std::string> short_labels{
        "Tentative",  "Subjectivity", "We-ness",    "Here & now",    "Concrete",
        "Start here", "Ownership",    "Their view", "Non-defensive", "Awareness"};
    float w = ImGui::GetContentRegionAvail().x;
    radar_chart("radar", short_labels, values, std::min(w, 420.0f), colour_withdrawal());
    bar_chart("principle_bars", labels, values, 1.0f);
}

void draw_ruptures(Ui& ui, DrillSession& d) {
    section(ui.fonts, "Ruptures");
    auto ruptures = d.ruptures();
    if (ruptures.empty()) muted("No rupture markers were shown.");
    for (const auto& r : ruptures) {
        ImVec4 c = r.outcome == "resolved"   ? colour_good()
                   : r.outcome == "deepened" ? colour_risk()
                                             : colour_neutral();
        ImGui::PushID(&r);
        chip(r.outcome.c_str(), c);
        ImGui::SameLine();
        ImGui::Text("Turn %d:", r.turn + 1);
        ImGui::SameLine();
        learn_link(ui, r.marker);
        ImGui::PopID();
    }
}

void draw_timeline(Ui& ui, DrillSession& d) {
    section(ui.fonts, "Turn by turn");
    int replay = -1;
    for (size_t i = 0; i < d.turns().size(); ++i) {
        const ShownTurn& t = d.turns()[i];
        ImGui::PushID(static_cast<int>(i));
        char head[96];
        std::snprintf(head, sizeof head, "%zu.  %.0f / 100  ·  %s###turn", i + 1, t.score.overall,
                      std::string(vocab::label(vocab::stages(), t.stage)).c_str());
        if (ImGui::CollapsingHeader(head)) {
            ImGui::Indent();
            ImGui::PushFont(ui.fonts.italic);
            wrapped(t.cue);
            ImGui::PopFont();
            wrapped("\u201c" + t.patient + "\u201d");
            for (const auto& m : t.markers) {
                chip(std::string(vocab::label(vocab::markers(), m.id)).c_str(),
                     vocab::marker_rupture_type(m.id) == "withdrawal" ? colour_withdrawal()
                                                                      : colour_confrontation());
                ImGui::SameLine();
            }
            ImGui::NewLine();
            draw_feedback(ui, t, false);  // the verdict, then the score, then "You said: ..."
            if (ImGui::Button("Replay from this turn")) replay = static_cast<int>(i);
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
    if (replay >= 0) {
        ui.report(d.replay_from(replay));
        ui.set_screen(Screen::drill);
    }
}

void draw_reflection(Ui& ui, DrillSession& d) {
    section(ui.fonts, "Your reflection");
    if (!ui.store || d.drill_id() <= 0) {
        muted("Not recorded: your record is not open.");
        return;
    }
    ImGui::TextUnformatted("How hard did this drill feel? (0 easy – 10 overwhelming)");
    ImGui::SetNextItemWidth(300);
    if (ImGui::SliderInt("##distress", &ui.distress, 0, 10)) ui.distress_dirty = true;
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        ui.report(ui.store->set_distress(d.drill_id(), ui.distress));
        ui.record_changed();
    }
    ImGui::TextUnformatted("A note for yourself or your supervisor");
    ImGui::InputTextMultiline("##journal", ui.journal, sizeof ui.journal,
                              ImVec2(-1, ImGui::GetTextLineHeight() * 3));
    if (ImGui::Button("Save note") && ui.journal[0]) {
        JournalEntry e;
        e.drill_id = d.drill_id();
        e.text = ui.journal;
        ui.report(ui.store->add_journal(e));
        ui.journal[0] = '\0';
        ui.record_changed();
    }
}

}  // namespace

void draw_debrief(Ui& ui) {
    if (!ui.drill || !ui.drill->active()) {
        muted("Finish a drill to see its debrief here.");
        return;
    }
    if (draw_self_assessment(ui)) return;
    DrillSession& d = *ui.drill;
    ImGui::BeginChild("debrief_left", ImVec2(ImGui::GetContentRegionAvail().x * 0.56f, 0), true);
    draw_ending(ui, d);
    draw_alliance(ui, d);
    draw_stage_path(ui, d);
    draw_ruptures(ui, d);
    draw_timeline(ui, d);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("debrief_right", ImVec2(0, 0), true);
    draw_principles(ui, d);
    draw_reflection(ui, d);
    ImGui::EndChild();
}

}  // namespace impasse::gui
