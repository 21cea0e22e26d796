// The drill: the conversation, the response area (options, free text, check-ins), and the
// side panel with the patient's state and the stage tracker.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include "gui/checkin_panel.h"
#include "gui/drill_session.h"
#include "gui/keys.h"
#include "gui/layout_probe.h"
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

// A gap between the parts of the decision card: a third of the usual one.
void small_gap() {
    ImGui::Dummy(ImVec2(1, ImGui::GetStyle().ItemSpacing.y * 0.3f));
}

// The patient's latest line, with the cue, where the trainee answers it.
void patient_now(Ui& ui, const std::string& name, const std::string& line, const std::string& cue) {
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopFont();
    if (!cue.empty()) {
        ImGui::SameLine();
        ImGui::PushFont(ui.fonts.italic);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped(cue);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        probe::item("cue");
    }
    wrapped("\u201c" + line + "\u201d");
    probe::item("patient_line");
}

// An earlier line of the patient's, in the conversation.
void patient_said(Ui& ui, const std::string& name, const std::string& line,
                  const std::string& cue) {
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopFont();
    if (!cue.empty()) {
        ImGui::SameLine();
        ImGui::PushFont(ui.fonts.italic);
        muted(cue);
        ImGui::PopFont();
    }
    wrapped("\u201c" + line + "\u201d");
}

void you_said(Ui& ui, const ShownTurn& t) {
    float indent = ImGui::GetContentRegionAvail().x * 0.12f;
    ImGui::Indent(indent);
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted(t.typed ? "You (in your own words)" : "You");
    ImGui::PopFont();
    wrapped(t.said);
    ImGui::Unindent(indent);
}

}  // namespace

// feedback_view.cpp
void draw_feedback(Ui& ui, const ShownTurn& turn, bool compact);
// The card's header (collapses it) and, when open, the feedback; returns the cursor's y (window
// coordinates, as ImGui::GetCursorPosY) after the score line, or 0 when closed.
float draw_feedback_card(Ui& ui, const ShownTurn& turn, bool* open);

namespace {

// The conversation so far: who the patient is, then every answered turn. The patient's latest
// line is not here but in the decision card, so it is never scrolled or clipped away.
void draw_conversation(Ui& ui, DrillSession& d) {
    const Scenario& s = d.scenario();
    const Patient& p = s.patient;
    ImGui::PushFont(ui.fonts.italic);
    muted(p.name + ", " + std::to_string(p.age) + ". " + p.presenting_problem);
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    bool immediate = ui.settings.feedback == "immediate";
    for (size_t i = 0; i < d.turns().size(); ++i) {
        const ShownTurn& t = d.turns()[i];
        ImGui::PushID(static_cast<int>(i));
        patient_said(ui, p.name, t.patient, t.cue);
        ImGui::Spacing();
        you_said(ui, t);
        if (immediate && i + 1 < d.turns().size()) {
            float indent = ImGui::GetContentRegionAvail().x * 0.12f;
            ImGui::Indent(indent);
            marker_chips(ui, t.markers);
            ImGui::Unindent(indent);
            draw_feedback(ui, t, true);
        }
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        ImGui::PopID();
    }
    DrillView& v = ui.drill_view;
    // The feedback on the last answer is not here but in a card of its own (draw_drill).
    if (v.scroll_conversation) {
        ImGui::SetScrollHereY(1.0f);
        v.scroll_conversation = false;
    }
}

// A check-in at the first marker of a drill and when a rupture deepens (the alliance fell on
// the last answer and the patient shows a marker again), unless the settings say otherwise.
bool wants_checkin(Ui& ui, DrillSession& d) {
    if (ui.settings.checkins == "never" || d.at_end()) return false;
    if (ui.settings.checkins == "every_turn") return true;
    if (d.markers().empty()) return false;
    const auto& turns = d.turns();
    bool marker_before = std::any_of(turns.begin(), turns.end(),
                                     [](const ShownTurn& t) { return !t.markers.empty(); });
    if (!marker_before) return true;
    const Alliance& a = turns.back().before.alliance;
    const Alliance& b = turns.back().after.alliance;
    return (b.bond + b.task + b.goal) < (a.bond + a.task + a.goal) - 0.03;
}

// "Start again" throws the drill away: it asks first.
void start_again_button(Ui& ui, DrillSession& d) {
    if (ImGui::Button("Start again")) ImGui::OpenPopup("Start again?");
    if (ImGui::BeginPopupModal("Start again?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Throw this drill away and start the case again?");
        if (ImGui::Button("Start again##yes")) {
            ui.report(d.restart());
            ui.drill_view.reset(0);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep going") ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

// The actions on the whole drill: rewind a turn, start again.
float drill_actions_width() {
    const ImGuiStyle& st = ImGui::GetStyle();
    return ImGui::CalcTextSize("Rewind one turnStart again").x + st.FramePadding.x * 4 +
           st.ItemSpacing.x;
}

void drill_actions(Ui& ui, DrillSession& d) {
    ImGui::BeginDisabled(d.turns().empty());
    if (ImGui::Button("Rewind one turn")) {
        ui.report(d.rewind(1));
        ui.drill_view.answer.focus = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    start_again_button(ui, d);
}

void draw_ending(Ui& ui, DrillSession& d, bool with_actions) {
    patient_now(ui, d.scenario().patient.name, d.patient_line(), d.cue());
    if (d.stuck()) {
        wrapped(
            "The case offers no way on from here: none of this moment's options is "
            "available (their conditions do not hold). The drill ends here; please tell "
            "the case's author.");
    }
    if (d.at_end() && d.ending()) {
        if (!d.ending()->closing.empty()) {
            ImGui::PushFont(ui.fonts.italic);
            wrapped(d.ending()->closing);
            ImGui::PopFont();
        }
        chip(std::string(vocab::label(vocab::ending_kinds(), ending_kind_id(d.ending()->kind)))
                 .c_str(),
             d.ending()->kind == EndingKind::resolved ? colour_good() : colour_risk());
        wrapped(d.ending()->text);
    }
    ImGui::Spacing();
    bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) &&
                 !ImGui::IsPopupOpen("Start again?");
    if (ImGui::Button("See the debrief (Enter)") || enter) ui.set_screen(Screen::debrief);
    probe::item("debrief_button");
    if (with_actions) {
        ImGui::SameLine();
        drill_actions(ui, d);
    }
}

// The decision: the patient's latest line and cue, the check-in strip, every option and the
// answer box, all in one card sized to what it holds.
void draw_decision(Ui& ui, DrillSession& d, bool with_actions) {
    DrillView& v = ui.drill_view;
    if (d.at_end() || d.stuck()) {
        draw_ending(ui, d, with_actions);
        return;
    }
    // Ctrl+Z with an empty answer box rewinds a turn, also while a check-in is showing.
    bool typing = !v.answer.empty();
    if (!typing && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z)) &&
        !d.turns().empty()) {
        ui.report(d.rewind(1));
        v.checkin.open = false;
        v.answer.focus = true;
        return;
    }
    patient_now(ui, d.scenario().patient.name, d.patient_line(), d.cue());
    small_gap();

    CheckinForm& form = v.checkin;
    int turn = static_cast<int>(d.turns().size());
    // Check-ins switched to "Never" close the one already open, unsaved.
    if (form.open && ui.settings.checkins == "never") {
        form.open = false;
        v.checkin_done_for = form.turn;
    }
    if (form.turn != turn && wants_checkin(ui, d) && v.checkin_done_for != turn) {
        form = CheckinForm();
        form.open = true;
        form.turn = turn;
        form.suggested_feelings = d.node().pull.feelings;
        form.suggested_urges = d.node().pull.urges;
    }
    bool checkin_keys = form.open && form.turn == turn && !typing;
    if (form.open && form.turn == turn) {
        bool enter = !typing && !ImGui::GetIO().KeyShift &&
                     (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
        bool skipped = false;
        if (draw_checkin_strip(ui, form, checkin_keys, enter, &skipped)) {
            form.open = false;
            v.checkin_done_for = turn;
            v.answer.focus = true;
            if (!skipped && ui.store && d.drill_id() > 0) {
                CheckIn c = to_checkin(form, d.drill_id());
                if (std::string e = ui.store->add_checkin(c); !e.empty()) ui.report(e);
                ui.record_changed();
            }
        }
        small_gap();
    } else if (form.turn == turn && !form.summary.empty()) {
        draw_checkin_closed(form);
        small_gap();
    }

    auto options = d.options();
    std::string picked_id;
    if (options.empty()) {
        muted("This moment has no options to choose from: answer in your own words.");
        probe::item("free_text_only");
    }
    // Number keys pick options while the answer box is empty and no check-in is open (the box
    // keeps the keyboard focus, so typing an answer never needs the mouse).
    bool option_keys = !typing && !checkin_keys;
    const ImGuiStyle& st = ImGui::GetStyle();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                        ImVec2(st.ItemSpacing.x, st.ItemSpacing.y * 0.4f));
    for (size_t i = 0; i < options.size() && picked_id.empty(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        char num[24];
        std::snprintf(num, sizeof num, "%zu", i + 1);
        float key_w = ImGui::GetFrameHeight() * 1.2f;
        float text_w = ImGui::GetContentRegionAvail().x - key_w - st.ItemSpacing.x;
        ImVec2 text_size = ImGui::CalcTextSize(options[i].text.c_str(), nullptr, false, text_w);
        // The key is as tall as the option's text, which starts level with its top.
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(st.FramePadding.x, 0.0f));
        bool picked = ImGui::Button(
            num, ImVec2(key_w, std::max(ImGui::GetTextLineHeight() + 4.0f, text_size.y)));
        ImGui::PopStyleVar();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(options[i].text.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemClicked()) picked = true;
        char name[32];
        std::snprintf(name, sizeof name, "option%zu", i + 1);
        probe::item(name);
        if (option_keys && i < 9 && keys::digit_pressed(static_cast<int>(i) + 1)) picked = true;
        ImGui::PopID();
        if (picked) picked_id = options[i].id;
    }
    ImGui::PopStyleVar();
    if (!picked_id.empty()) {
        ui.report(d.choose(picked_id));
        ui.after_turn();
        v.answer.focus = true;
        return;
    }
    if (!options.empty()) small_gap();
    float send_w = ImGui::CalcTextSize("Send").x + st.FramePadding.x * 2;
    float box_w = ImGui::GetContentRegionAvail().x - send_w - st.ItemSpacing.x -
                  (with_actions ? drill_actions_width() + st.ItemSpacing.x : 0.0f);
    const char* hint = options.empty()
                           ? "Say it in your own words. Enter sends, Shift+Enter adds a line."
                           : "Or say it in your own words. Enter sends, Shift+Enter adds a line.";
    bool sent = draw_answer_box(v.answer, hint, box_w, checkin_keys || option_keys);
    ImGui::SameLine();
    if (ImGui::Button("Send", ImVec2(send_w, answer_box_height(v.answer)))) sent = true;
    probe::item("send");
    if (with_actions) {
        ImGui::SameLine();
        drill_actions(ui, d);
    }
    std::string text = v.answer.typed();
    if (sent && text.find_first_not_of(" \t\r\n") != std::string::npos) {
        if (form.open && form.turn == turn) {  // answered straight away: the check-in is skipped
            form.open = false;
            v.checkin_done_for = turn;
        }
        ui.report(d.say(text));
        v.answer.clear();
        ui.after_turn();
    }
    if (sent) v.answer.focus = true;
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
        if (probe::enabled()) probe::item(("stage:" + std::string(stages[i].id)).c_str());
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

// Without the side panel: the patient's state and the stage on the header line, as far as they
// fit before `right` (a window x position).
void status_line(Ui& ui, DrillSession& d, float right) {
    std::vector<std::string> parts;
    if (ui.settings.show_patient_state) {
        StateSnapshot s = d.state();
        char buf[96];
        std::snprintf(buf, sizeof buf, "Bond %.1f  Task %.1f  Goal %.1f (of 5)",
                      1 + 4 * s.alliance.bond, 1 + 4 * s.alliance.task, 1 + 4 * s.alliance.goal);
        parts.emplace_back(buf);
    }
    parts.push_back("Stage: " + std::string(vocab::label(vocab::stages(), d.stage())));
    if (ui.timer_on && d.scenario().kind == ScenarioKind::moment) {
        double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - ui.timer_started)
                .count();
        double left = std::max(0.0, ui.timer_seconds - elapsed);
        parts.insert(parts.begin(),
                     "Time to answer: " + std::to_string(static_cast<int>(left + 0.999)) + " s");
        ui.animating = left > 0;
    }
    for (const auto& p : parts) {
        float w = ImGui::CalcTextSize(p.c_str()).x;
        float x = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x +
                  ImGui::GetStyle().ItemSpacing.x * 2;
        if (x + w > right) break;
        ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 2);
        ImGui::TextDisabled("%s", p.c_str());
    }
}

// The feedback card, `height` high: the verdict, the score, the trainee's words, what worked and
// what was missed, what an expert might say (feedback_view.cpp). Its height, and the height down
// to the score, are measured for the next frame; where the card is shorter than its content, it
// scrolls, from the top for each new answer, so the verdict and the score are what shows.
void feedback_card(Ui& ui, DrillSession& d, float height, float pad) {
    DrillView& v = ui.drill_view;
    const ImGuiStyle& st = ImGui::GetStyle();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(st.WindowPadding.x, pad));
    ImGui::BeginChild("feedback", ImVec2(0, height), true);
    ImGui::PopStyleVar();
    int turn = static_cast<int>(d.turns().size());
    if (v.feedback_turn != turn) {
        ImGui::SetScrollY(0.0f);
        v.feedback_turn = turn;
    }
    probe::window("feedback");
    float top = ImGui::GetCursorPosY();
    float score_end = draw_feedback_card(ui, d.turns().back(), &v.feedback_open);
    float measured = std::ceil(ImGui::GetCursorPosY() - st.ItemSpacing.y - top);
    float read = score_end > 0 ? std::ceil(score_end - top) : measured;
    ImGui::EndChild();
    if (std::fabs(measured - v.feedback_h) >= 1.0f || std::fabs(read - v.feedback_read_h) >= 1.0f) {
        v.feedback_h = measured;
        v.feedback_read_h = read;
        ui.animating = true;  // one more frame, laid out with the new height
    }
}

}  // namespace

void draw_drill(Ui& ui) {
    if (!ui.drill || !ui.drill->active()) {
        muted("No drill is running. Choose a case in the Library and press Start.");
        if (ImGui::Button("Go to the library")) ui.set_screen(Screen::library);
        return;
    }
    DrillSession& d = *ui.drill;
    DrillView& v = ui.drill_view;
    if (ui.pause.open) {
        if (draw_pause(ui, ui.pause)) {
            ui.pause.open = false;
            v.answer.focus = true;
            if (ui.store && d.drill_id() > 0 && ui.pause.note[0])
                ui.store->set_pause_note(d.drill_id(), ui.pause.note);
        } else {
            ui.animating = true;
        }
        return;
    }
    const ImGuiStyle& st = ImGui::GetStyle();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    // A side panel (the patient's state, the stages) where the window is wide for its text;
    // else one status line, so that the decision keeps the width and fits the height.
    bool wide = avail.x >= ImGui::GetFontSize() * 68.0f;
    float side = wide ? std::max(avail.x * 0.26f, ImGui::GetFontSize() * 16.0f) : 0.0f;
    // No scrollbar: one that came and went would change the width, the wrap and so the height
    // measured, frame after frame. Where even the decision alone does not fit, the wheel scrolls.
    ImGui::BeginChild("drill_main", ImVec2(wide ? -side - st.ItemSpacing.x : 0, 0), false,
                      ImGuiWindowFlags_NoScrollbar);
    probe::window("drill_main");

    // The decision card takes what it needs (its content measured on the last frame); the
    // conversation takes the rest of the height, and is the only part that scrolls. Where the
    // window is too small for both ("tight"), the decision wins: the conversation and the header
    // line go, the card loses its frame, and the drill's actions join the answer row.
    float full = ImGui::GetContentRegionAvail().y;
    float line = ImGui::GetTextLineHeight();
    float gap = st.ItemSpacing.y;
    float header_h = ImGui::GetFontSize() + 2.0f + gap;
    float pad = std::floor(st.WindowPadding.y * 0.6f);
    float min_conv = ImGui::GetTextLineHeightWithSpacing() * 2 + st.WindowPadding.y * 2;
    // The content with a two-line answer box (the box is one line high only where tight).
    float content = v.decision_h > 0 ? v.decision_h + (2 - v.answer.min_lines) * line : full * 0.6f;
    // The feedback on the last answer, a card of its own between the conversation and the
    // decision: the patient's reply comes in below it, so it stays in view. The space goes, in
    // turn, to the decision; to the card up to its score (header, verdict, score); to the
    // conversation's two lines; to the rest of the card; and what is left to the conversation.
    // Where the conversation cannot have its two lines after the card's top part, it goes (the
    // patient's latest line is in the decision, the trainee's in the card). The card is at least
    // its header line, else it is left out.
    bool feedback = ui.settings.feedback == "immediate" && !d.turns().empty();
    float fb_min = feedback ? ImGui::GetFrameHeight() + 2 * pad : 0.0f;
    float fb_need = !feedback ? 0.0f : v.feedback_h > 0 ? v.feedback_h + 2 * pad : full * 0.3f;
    float fb_read = !feedback               ? 0.0f
                    : v.feedback_read_h > 0 ? v.feedback_read_h + 2 * pad
                                            : fb_need;
    fb_read = std::min(fb_read, fb_need);
    // Below the header line, for the conversation and the card (without the gaps between).
    float below = full - header_h - (content + 2 * pad) - gap;
    bool roomy = below >= (feedback ? fb_min : min_conv);
    v.answer.min_lines = roomy || content <= full ? 2 : 1;
    float content_now = content - (2 - v.answer.min_lines) * line;
    float dec_h = content_now + (roomy ? 2 * pad : 0.0f);
    if (roomy) {
        // One line of header: the case (and, without the side panel, the patient's state),
        // and the actions on the whole drill.
        ImGui::PushFont(ui.fonts.bold);
        ImGui::TextUnformatted(d.scenario().title.c_str());
        ImGui::PopFont();
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(st.FramePadding.x, 1.0f));
        float right = ImGui::GetWindowContentRegionMax().x - drill_actions_width();
        if (!wide) status_line(ui, d, right - st.ItemSpacing.x);
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right));
        drill_actions(ui, d);
        ImGui::PopStyleVar();
        float left = ImGui::GetContentRegionAvail().y - dec_h - gap;
        float fb_h = 0.0f, conv_h = left;
        if (feedback) {
            if (left - gap - fb_need >= min_conv)
                fb_h = fb_need;
            else if (left - gap - fb_read >= min_conv)
                fb_h = left - gap - min_conv;
            else
                fb_h = std::min(fb_need, left);  // the conversation goes, unless room is left
            fb_h = std::floor(fb_h);
            conv_h = std::floor(left - gap - fb_h);
            if (conv_h < ImGui::GetFrameHeightWithSpacing()) conv_h = 0.0f;
        }
        if (conv_h > 0) {
            ImGui::BeginChild("conversation", ImVec2(0, conv_h), true);
            probe::window("conversation");
            draw_conversation(ui, d);
            ImGui::EndChild();
        }
        if (feedback) feedback_card(ui, d, fb_h, pad);
    } else if (feedback && full - dec_h - gap >= fb_min) {
        feedback_card(ui, d, std::floor(std::min(fb_need, full - dec_h - gap)), pad);
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                        ImVec2(roomy ? st.WindowPadding.x : 0.0f, roomy ? pad : 0.0f));
    ImGui::BeginChild("decision", ImVec2(0, dec_h), roomy,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    probe::window("decision");
    float top = ImGui::GetCursorPosY();
    draw_decision(ui, d, !roomy);
    float measured = std::ceil(ImGui::GetCursorPosY() - gap - top);
    ImGui::EndChild();
    if (std::fabs(measured - v.decision_h) >= 1.0f) {
        v.decision_h = measured;
        ui.animating = true;  // one more frame, laid out with the new height
    }
    ImGui::EndChild();
    if (!wide) return;
    ImGui::SameLine();
    ImGui::BeginChild("drill_side", ImVec2(0, 0), true);
    probe::window("drill_side");
    draw_state_panel(ui, d);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    draw_stage_tracker(ui, d);
    if (d.scenario().kind == ScenarioKind::moment) draw_timer(ui);
    ImGui::EndChild();
}

}  // namespace impasse::gui
