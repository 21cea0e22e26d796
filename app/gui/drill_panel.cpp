// The drill: the conversation, the response area (options, free text, check-ins), and the
// side panel with the patient's state and the stage tracker.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "gui/checkin_panel.h"
#include "gui/drill_session.h"
#include "gui/keys.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "gui/wording.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

ImVec4 rupture_colour(const std::string& marker) {
    return vocab::marker_rupture_type(marker) == "withdrawal" ? colour_withdrawal()
                                                              : colour_confrontation();
}

void marker_chips(Ui& ui, const std::vector<MarkerRef>& markers) {
    for (const auto& m : markers) {
        ImGui::PushID(m.id.c_str());
        std::string text =
            std::string(vocab::label(vocab::markers(), m.id)) + "  " + std::string(m.salience, '*');
        if (chip(text.c_str(), rupture_colour(m.id), true)) ui.open_learn(m.id);
        if (ImGui::IsItemHovered()) {
            const LearnPage* p = ui.learn.find(m.id);
            ImGui::SetTooltip("%s marker, salience %d of 5\n%s",
                              std::string(vocab::marker_rupture_type(m.id)).c_str(), m.salience,
                              p ? p->summary.c_str() : "");
        }
        ImGui::SameLine();
        ImGui::PopID();
    }
    if (!markers.empty()) ImGui::NewLine();
}

void patient_says(Ui& ui, const std::string& name, const std::string& line,
                  const std::string& cue) {
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopFont();
    if (!cue.empty()) {
        ImGui::PushFont(ui.fonts.italic);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped(cue);
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    wrapped("\u201c" + line + "\u201d");
}

void you_said(Ui& ui, const ShownTurn& t) {
    float indent = ImGui::GetContentRegionAvail().x * 0.12f;
    ImGui::Indent(indent);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.25f, 0.40f, 0.50f, 0.22f));
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted(t.typed ? "You (in your own words)" : "You");
    ImGui::PopFont();
    ImGui::PopStyleColor();
    wrapped(t.said);
    ImGui::Unindent(indent);
}

}  // namespace

// feedback_view.cpp
void draw_feedback(Ui& ui, const ShownTurn& turn, bool compact);

namespace {

void draw_conversation(Ui& ui, DrillSession& d) {
    const Scenario& s = d.scenario();
    bool immediate = ui.settings.feedback == "immediate";
    for (size_t i = 0; i < d.turns().size(); ++i) {
        const ShownTurn& t = d.turns()[i];
        ImGui::PushID(static_cast<int>(i));
        patient_says(ui, s.patient.name, t.patient, t.cue);
        ImGui::Spacing();
        you_said(ui, t);
        if (immediate) {
            marker_chips(ui, t.markers);
            draw_feedback(ui, t, true);
        }
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        ImGui::PopID();
    }
    patient_says(ui, s.patient.name, d.patient_line(), d.cue());
    if (d.at_end() && d.ending()) {
        if (!d.ending()->closing.empty()) {
            ImGui::PushFont(ui.fonts.italic);
            wrapped(d.ending()->closing);
            ImGui::PopFont();
        }
        ImGui::Spacing();
        chip(std::string(vocab::label(vocab::ending_kinds(), ending_kind_id(d.ending()->kind)))
                 .c_str(),
             d.ending()->kind == EndingKind::resolved ? colour_good() : colour_risk());
        ImGui::Spacing();
        wrapped(d.ending()->text);
    }
    if (ui.scroll_conversation) {
        ImGui::SetScrollHereY(1.0f);
        ui.scroll_conversation = false;
    }
}

bool wants_checkin(Ui& ui, DrillSession& d) {
    if (ui.settings.checkins == "never" || d.at_end()) return false;
    if (ui.settings.checkins == "every_turn") return true;
    return !d.markers().empty();
}

void draw_response_area(Ui& ui, DrillSession& d) {
    if (d.stuck()) {
        wrapped(
            "The case offers no way on from here: none of this moment's options is "
            "available (their conditions do not hold). The drill ends here; please tell "
            "the case's author.");
        ImGui::Spacing();
    }
    if (d.at_end() || d.stuck()) {
        bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
        if (ImGui::Button("See the debrief (Enter)") || enter) ui.set_screen(Screen::debrief);
        ImGui::SameLine();
        if (ImGui::Button("Rewind one turn")) ui.report(d.rewind(1));
        ImGui::SameLine();
        if (ImGui::Button("Start again")) ui.report(d.restart());
        return;
    }
    // Ctrl+Z with an empty answer box rewinds a turn, also while a check-in is showing.
    bool typing = ImGui::GetIO().WantTextInput && ui.answer[0] != '\0';
    if (!typing && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z)) &&
        !d.turns().empty()) {
        ui.report(d.rewind(1));
        ui.checkin.open = false;
        ui.focus_answer = true;
        ui.answers_from_top = true;
        return;
    }
    CheckinForm& form = ui.checkin;
    int turn = static_cast<int>(d.turns().size());
    // Check-ins switched to "Never" close the one already open, unsaved.
    if (form.open && ui.settings.checkins == "never") {
        form.open = false;
        ui.checkin_done_for = form.turn;
        ui.answers_from_top = true;
    }
    if (form.turn != turn && wants_checkin(ui, d) && ui.checkin_done_for != turn) {
        form = CheckinForm();
        form.open = true;
        form.turn = turn;
        form.suggested_feelings = d.node().pull.feelings;
        form.suggested_urges = d.node().pull.urges;
    }
    if (form.open && form.turn == turn) {
        bool skipped = false;
        if (draw_checkin(ui, form, &skipped)) {
            form.open = false;
            ui.checkin_done_for = turn;
            // The options come back at the top, where the layout was before the check-in.
            ui.answers_from_top = true;
            ui.focus_answer = true;
            if (!skipped && ui.store && d.drill_id() > 0) {
                CheckIn c = to_checkin(form, d.drill_id());
                if (std::string e = ui.store->add_checkin(c); !e.empty()) ui.report(e);
                ui.record_changed();
            }
        }
        return;
    }

    auto options = d.options();
    // Number keys pick options while the answer box is empty (the box keeps the keyboard focus,
    // so typing an answer never needs the mouse).
    float line = ImGui::GetTextLineHeightWithSpacing();
    float box_area = line * 4.0f + ImGui::GetFrameHeightWithSpacing() * 1.4f;
    ImGui::BeginChild("options",
                      ImVec2(0, std::max(line * 3, ImGui::GetContentRegionAvail().y - box_area)),
                      false);
    if (ui.answers_from_top) {
        ImGui::SetScrollY(0.0f);
        ui.answers_from_top = false;
    }
    std::string picked_id;
    for (size_t i = 0; i < options.size() && picked_id.empty(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        char num[24];
        std::snprintf(num, sizeof num, "%zu", i + 1);
        float w = ImGui::GetContentRegionAvail().x;
        ImVec2 text_size = ImGui::CalcTextSize(options[i].text.c_str(), nullptr, false, w - 60);
        bool picked =
            ImGui::Button(num, ImVec2(36, std::max(ImGui::GetFrameHeight(), text_size.y + 8)));
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(options[i].text.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::IsItemClicked()) picked = true;
        if (!typing && i < 9 && keys::digit_pressed(static_cast<int>(i) + 1)) picked = true;
        ImGui::PopID();
        if (picked) picked_id = options[i].id;
    }
    ImGui::EndChild();
    if (!picked_id.empty()) {
        ui.report(d.choose(picked_id));
        ui.after_turn();
        ui.focus_answer = true;
        return;
    }
    ImGui::Spacing();
    ImGui::TextDisabled("Or say it in your own words (Enter sends, Shift+Enter for a new line):");
    // Enter sends and Shift+Enter starts a new line. ImGui 1.86 has no flag for that pairing, so
    // the box is a plain multiline one (Enter inserts '\n') and its character filter turns a
    // '\n' typed with Enter but without Shift into "send". The modifier fields of ImGuiIO are
    // never written here: ImGui asserts they agree with io.KeyMods.
    struct EnterFilter {
        bool enter = false;  // Enter (or keypad Enter) went down this frame
        bool sent = false;
    } filter;
    filter.enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                   ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
    auto on_char = [](ImGuiInputTextCallbackData* data) -> int {
        auto* f = static_cast<EnterFilter*>(data->UserData);
        if (data->EventChar != '\n' || !f->enter || ImGui::GetIO().KeyShift) return 0;
        f->sent = true;
        return 1;  // drop the '\n'
    };
    ImGui::InputTextMultiline("##answer", ui.answer, sizeof ui.answer,
                              ImVec2(-1, ImGui::GetTextLineHeight() * 3.3f),
                              ImGuiInputTextFlags_CallbackCharFilter, on_char, &filter);
    bool sent = filter.sent;
    // Ctrl+Enter leaves the box (ImGui's own rule for a multiline box); it sends as well.
    if (filter.enter && ImGui::GetIO().KeyCtrl && ImGui::IsItemDeactivated()) sent = true;
    // The box keeps its own copy of the text while it is active: let go of it so the cleared
    // answer shows (focus_answer gives the keyboard back on the next frame).
    if (filter.sent) ImGui::ClearActiveID();
    if (ui.focus_answer) {
        ImGui::SetKeyboardFocusHere(-1);
        ui.focus_answer = false;
    }
    if (ImGui::Button("Send")) sent = true;
    ImGui::SameLine();
    if (ImGui::Button("Rewind one turn") && !d.turns().empty()) ui.report(d.rewind(1));
    ImGui::SameLine();
    if (ImGui::Button("Start again")) ui.report(d.restart());
    std::string text = ui.answer;
    if (sent && text.find_first_not_of(" \t\r\n") != std::string::npos) {
        ui.report(d.say(text));
        ui.answer[0] = '\0';
        ui.focus_answer = true;
        ui.after_turn();
    }
}

void draw_stage_tracker(Ui& ui, DrillSession& d) {
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted("Where the resolution stands");
    ImGui::PopFont();
    const std::string& current = d.stage();
    bool withdrawal = d.scenario().rupture_type == "withdrawal";
    static const char* w_desc[] = {"a withdrawal marker", "stepping out of the cycle",
                                   "discontent made clearer", "what blocks assertion",
                                   "self-assertion"};
    static const char* c_desc[] = {"a confrontation marker", "stepping out of the cycle",
                                   "anger, then disappointment and hurt",
                                   "what blocks vulnerability", "vulnerability"};
    const auto& stages = vocab::stages();
    for (size_t i = 0; i < stages.size(); ++i) {
        bool here = stages[i].id == current;
        ImVec4 c = here ? colour_good() : colour_neutral();
        ImGui::PushStyleColor(ImGuiCol_Text, here
                                                 ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                 : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 p = ImGui::GetCursorScreenPos();
        float r = ImGui::GetTextLineHeight() * 0.35f;
        ImVec2 centre(p.x + r + 2, p.y + ImGui::GetTextLineHeight() * 0.5f);
        if (here)
            dl->AddCircleFilled(centre, r, ImGui::GetColorU32(c));
        else
            dl->AddCircle(centre, r, ImGui::GetColorU32(c), 16, 1.5f);
        ImGui::Dummy(ImVec2(2 * r + 6, ImGui::GetTextLineHeight()));
        ImGui::SameLine();
        learn_link(ui, std::string(stages[i].id));
        ImGui::Indent(2 * r + 6 + ImGui::GetStyle().ItemSpacing.x);
        muted(withdrawal ? w_desc[i] : c_desc[i]);
        ImGui::Unindent(2 * r + 6 + ImGui::GetStyle().ItemSpacing.x);
        ImGui::PopStyleColor();
    }
}

void draw_state_panel(Ui& ui, DrillSession& d) {
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted("The patient, now");
    ImGui::PopFont();
    if (!ui.settings.show_patient_state) {
        muted("Hidden for a harder drill (Settings).");
        return;
    }
    StateSnapshot s = d.state();
    float w = ImGui::GetContentRegionAvail().x;
    meter("Bond", static_cast<float>(s.alliance.bond), colour_withdrawal(), w);
    meter("Task", static_cast<float>(s.alliance.task), colour_confrontation(), w);
    meter("Goal", static_cast<float>(s.alliance.goal), colour_good(), w);
    ImGui::TextDisabled("Mood %s, arousal %s",
                        s.affect.valence < -0.3  ? "low"
                        : s.affect.valence > 0.3 ? "easier"
                                                 : "mixed",
                        s.affect.arousal > 0.65  ? "high"
                        : s.affect.arousal < 0.3 ? "low"
                                                 : "moderate");
    if (!d.turns().empty()) {
        const auto& changes = d.turns().back().changes;
        if (!changes.empty()) {
            ImGui::Spacing();
            ImGui::TextDisabled("Why it moved:");
            for (const auto& c : changes) {
                ImGui::Bullet();
                ImGui::SameLine();
                muted(c);
            }
        }
    }
}

// A moment drill's answer timer: off unless the settings or this checkbox turn it on.
void draw_timer(Ui& ui) {
    ImGui::Spacing();
    bool on = ui.timer_on;
    if (ImGui::Checkbox("Answer against the clock", &on)) {
        ui.timer_on = on;
        ui.timer_started = std::chrono::steady_clock::now();
    }
    if (!ui.timer_on) return;
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - ui.timer_started).count();
    double left = std::max(0.0, ui.timer_seconds - elapsed);
    ImGui::Spacing();
    ImGui::PushFont(ui.fonts.bold);
    ImGui::Text("Time to answer: %d s", static_cast<int>(left + 0.999));
    ImGui::PopFont();
    ImGui::ProgressBar(static_cast<float>(left / ui.timer_seconds), ImVec2(-1, 6), "");
    ui.animating = left > 0;
}

}  // namespace

void draw_drill(Ui& ui) {
    if (!ui.drill || !ui.drill->active()) {
        muted("No drill is running. Choose a case in the Library and press Start.");
        if (ImGui::Button("Go to the library")) ui.set_screen(Screen::library);
        return;
    }
    DrillSession& d = *ui.drill;
    if (ui.pause.open) {
        if (draw_pause(ui, ui.pause)) {
            ui.pause.open = false;
            if (ui.store && d.drill_id() > 0 && ui.pause.note[0])
                ui.store->set_pause_note(d.drill_id(), ui.pause.note);
        } else {
            ui.animating = true;
        }
        return;
    }
    float side = std::max(280.0f, ImGui::GetContentRegionAvail().x * 0.30f);
    ImGui::BeginChild("drill_main", ImVec2(-side - ImGui::GetStyle().ItemSpacing.x, 0), false);
    heading(ui.fonts, d.scenario().title.c_str());
    ImGui::TextDisabled("%s, %d  ·  %s", d.scenario().patient.name.c_str(),
                        d.scenario().patient.age,
                        shorten(d.scenario().patient.presenting_problem, 90).c_str());
    // The response area takes a little over half the height: the options are what the trainee
    // reads most closely, and the conversation scrolls.
    float response_h =
        std::min(ImGui::GetContentRegionAvail().y * 0.56f, 520.0f * ui.settings.font_scale);
    ImGui::BeginChild("conversation", ImVec2(0, -response_h), true);
    draw_conversation(ui, d);
    ImGui::EndChild();
    ImGui::BeginChild("response", ImVec2(0, 0), true);
    draw_response_area(ui, d);
    ImGui::EndChild();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("drill_side", ImVec2(0, 0), true);
    draw_state_panel(ui, d);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    draw_stage_tracker(ui, d);
    if (d.scenario().kind == ScenarioKind::moment) draw_timer(ui);
    ImGui::EndChild();
}

}  // namespace impasse::gui
