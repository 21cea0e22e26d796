// Workshop mode: a presenter runs a case live in front of a room. The projector layout shows
// the patient's moment in very large type with the options, and nothing else; scores and the
// patient's state stay hidden until the presenter reveals them, so the room can guess first.
// Everything runs from the keyboard (F1 lists the keys) and nothing opens a dialog:
//   1-9 play that answer (a branch)   E play the expert's answer   B / Left go back one answer
//   R reveal or hide scores           W what-if: every answer side by side, with where it leads
//   O orientations side by side       T tally: then 1-9 add a hand, Shift+1-9 take one away
//   P projector layout on or off      M branch map   Up/Down scroll   Esc leave the workshop
// The demo (branches and tallies) is saved in the store after every change.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "gui/charts.h"
#include "gui/keys.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

const char* const kHelp =
    "1-9 play an answer   E the expert's answer   B back   R reveal   W what-if   "
    "O orientations   T tally (1-9 add a hand, Shift removes)   M branch map   P projector   "
    "Esc leave";

bool show_map = true;
bool show_help = false;

std::string principles_text(const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids)
        s += (s.empty() ? "" : ", ") + std::string(vocab::label(vocab::principles(), id));
    return s.empty() ? "none" : s;
}

std::string counter_text(const Response& r) {
    std::string s;
    for (const auto& id : r.counter_markers)
        s += (s.empty() ? "" : ", ") + std::string(vocab::label(vocab::counter_markers(), id));
    return s;
}

// Presenter keys; returns true when the demo changed (to be saved).
bool handle_keys(Ui& ui, const std::vector<Demo::Option>& options) {
    if (ImGui::GetIO().WantTextInput) return false;
    Demo& demo = *ui.demo;
    bool shift = ImGui::GetIO().KeyShift;
    bool changed = false;
    if (keys::pressed(GLFW_KEY_F1)) show_help = !show_help;
    if (keys::pressed(GLFW_KEY_R)) ui.reveal = !ui.reveal;
    if (keys::pressed(GLFW_KEY_W)) ui.whatif = !ui.whatif, ui.orientations = false;
    if (keys::pressed(GLFW_KEY_O)) ui.orientations = !ui.orientations, ui.whatif = false;
    if (keys::pressed(GLFW_KEY_T)) ui.tally_mode = !ui.tally_mode;
    if (keys::pressed(GLFW_KEY_P)) ui.projector = !ui.projector;
    if (keys::pressed(GLFW_KEY_M)) show_map = !show_map;
    if (keys::pressed(GLFW_KEY_ESCAPE)) {
        if (ui.tally_mode)
            ui.tally_mode = false;
        else
            ui.set_screen(Screen::library);
    }
    if (keys::pressed(GLFW_KEY_B) || keys::pressed(GLFW_KEY_LEFT) ||
        keys::pressed(GLFW_KEY_BACKSPACE)) {
        if (demo.back().ok) changed = true, ui.reveal = false;
    }
    for (int n = 1; n <= 9 && n <= static_cast<int>(options.size()); ++n) {
        if (!keys::digit_pressed(n)) continue;
        const Response& r = *options[static_cast<size_t>(n - 1)].response;
        if (ui.tally_mode) {
            demo.set_hands(r.id, demo.hands(demo.session().node().id, r.id) + (shift ? -1 : 1));
            changed = true;
        } else if (options[static_cast<size_t>(n - 1)].available) {
            ui.report(demo.play(r.id).error);
            ui.reveal = false;
            changed = true;
        }
    }
    if (keys::pressed(GLFW_KEY_E) || keys::pressed(GLFW_KEY_RIGHT)) {
        // The author's expert answer; where there is none, the best-scored available one.
        const Demo::Option* best = nullptr;
        for (const auto& o : options) {
            if (!o.available) continue;
            if (!best || (o.response->expert && !best->response->expert) ||
                (o.response->expert == best->response->expert &&
                 o.score.overall > best->score.overall))
                best = &o;
        }
        if (best) {
            ui.report(demo.play(best->response->id).error);
            ui.reveal = false;
            changed = true;
        }
    }
    return changed;
}

void draw_patient(Ui& ui) {
    const Session& s = ui.demo->session();
    ImGui::PushFont(ui.fonts.bold);
    ImGui::Text("%s, %d", s.scenario().patient.name.c_str(), s.scenario().patient.age);
    ImGui::PopFont();
    if (!s.cue().empty()) {
        ImGui::PushFont(ui.fonts.italic);
        wrapped(s.cue());
        ImGui::PopFont();
    }
    ImGui::PushFont(ui.fonts.bold);
    wrapped("\u201c" + s.line() + "\u201d");
    ImGui::PopFont();
    if (ui.reveal) {
        for (const auto& m : s.markers()) {
            chip(std::string(vocab::label(vocab::markers(), m.id)).c_str(),
                 vocab::marker_rupture_type(m.id) == "withdrawal" ? colour_withdrawal()
                                                                  : colour_confrontation());
            ImGui::SameLine();
        }
        ImGui::TextDisabled("Stage: %s",
                            std::string(vocab::label(vocab::stages(), s.stage())).c_str());
        const Alliance& a = s.state().alliance;
        ImGui::TextDisabled("Alliance: bond %.1f  task %.1f  goal %.1f (of 5)", 1 + 4 * a.bond,
                            1 + 4 * a.task, 1 + 4 * a.goal);
    }
}

void draw_options(Ui& ui, const std::vector<Demo::Option>& options) {
    const std::string& node = ui.demo->session().node().id;
    int total = 0;
    for (const auto& o : options)
        total += ui.demo->hands(node, o.response->id);
    for (size_t i = 0; i < options.size(); ++i) {
        const Demo::Option& o = options[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Spacing();
        ImGui::PushFont(ui.fonts.bold);
        ImGui::Text("%zu", i + 1);
        ImGui::PopFont();
        ImGui::SameLine(0, 18);
        ImGui::BeginGroup();
        if (!o.available) ImGui::BeginDisabled();
        wrapped(o.response->text);
        if (!o.available) ImGui::EndDisabled();
        if (ui.reveal) {
            char score[48];
            std::snprintf(score, sizeof score, "%.0f / 100", o.score.overall);
            chip(score, o.score.overall >= 60   ? colour_good()
                        : o.score.overall >= 35 ? colour_neutral()
                                                : colour_risk());
            ImGui::SameLine();
            if (o.response->expert) {
                chip("expert", colour_good());
                ImGui::SameLine();
            }
            std::string risks = counter_text(*o.response);
            muted("Shows: " + principles_text(o.embodies) +
                  (risks.empty() ? "" : "   Risks: " + risks));
        }
        int hands = ui.demo->hands(node, o.response->id);
        if (hands > 0 || ui.tally_mode) {
            float frac = total > 0 ? static_cast<float>(hands) / static_cast<float>(total) : 0;
            char label[32];
            std::snprintf(label, sizeof label, hands == 1 ? "%d hand" : "%d hands", hands);
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour_withdrawal());
            ImGui::ProgressBar(frac, ImVec2(std::min(480.0f, ImGui::GetContentRegionAvail().x), 0),
                               label);
            ImGui::PopStyleColor();
        }
        if (o.branch >= 0) ImGui::TextDisabled("(played: this branch is kept)");
        ImGui::EndGroup();
        ImGui::PopID();
    }
}

void draw_whatif(Ui& ui, const std::vector<Demo::Option>& options) {
    section(ui.fonts, "What if… every answer, side by side");
    if (ImGui::BeginTable("whatif", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                              ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Answer", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn("Shows", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("The patient then says", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < options.size(); ++i) {
            const Demo::Option& o = options[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            wrapped(std::to_string(i + 1) + ". " + o.response->text);
            ImGui::TableNextColumn();
            if (ui.reveal)
                ImGui::Text("%.0f%s", o.score.overall, o.response->expert ? " (expert)" : "");
            else
                ImGui::TextDisabled("R reveals");
            ImGui::TableNextColumn();
            std::string risks = counter_text(*o.response);
            wrapped(ui.reveal
                        ? principles_text(o.embodies) + (risks.empty() ? "" : "; risks " + risks)
                        : "");
            ImGui::TableNextColumn();
            ImGui::PushFont(ui.fonts.italic);
            wrapped(o.next_line);
            ImGui::PopFont();
        }
        ImGui::EndTable();
    }
}

void draw_orientations(Ui& ui, const std::vector<Demo::Option>& options) {
    std::map<std::string, std::vector<const Demo::Option*>> by;
    for (const auto& o : options)
        if (!o.response->orientation.empty()) by[o.response->orientation].push_back(&o);
    section(ui.fonts, "The same moment, four traditions");
    if (by.empty()) {
        muted(
            "This moment's answers are not tagged by orientation. Moments tagged "
            "'orientations' in the library carry them.");
        return;
    }
    if (ImGui::BeginTable("orientations", static_cast<int>(by.size()),
                          ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
        for (const auto& [name, list] : by)
            ImGui::TableSetupColumn(std::string(vocab::label(vocab::orientations(), name)).c_str());
        ImGui::TableHeadersRow();
        ImGui::TableNextRow();
        for (const auto& [name, list] : by) {
            ImGui::TableNextColumn();
            for (const Demo::Option* o : list) {
                wrapped(o->response->text);
                if (ui.reveal) {
                    ImGui::Text("%.0f / 100", o->score.overall);
                    muted(principles_text(o->embodies));
                }
                ImGui::Spacing();
            }
        }
        ImGui::EndTable();
    }
}

// The branch map: one dot per branch, by depth (left to right) and order of exploration; the
// current one filled; click a dot to go there.
bool draw_map(Ui& ui) {
    const auto& branches = ui.demo->branches();
    std::vector<int> row(branches.size(), 0);
    int rows = 0, max_depth = 0;
    for (const auto& b : branches) {
        if (b.children.empty()) row[static_cast<size_t>(b.id)] = rows++;
        max_depth = std::max(max_depth, ui.demo->depth(b.id));
    }
    for (size_t i = branches.size(); i-- > 0;)  // a parent sits at its first child's row
        if (!branches[i].children.empty())
            row[i] = row[static_cast<size_t>(branches[i].children[0])];
    float step_x = 34, step_y = 22, r = 7;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size(step_x * static_cast<float>(max_depth + 1) + 2 * r,
                step_y * static_cast<float>(std::max(rows, 1)) + 2 * r);
    ImGui::InvisibleButton("map", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto pos = [&](const Demo::Branch& b) {
        return ImVec2(origin.x + r + step_x * static_cast<float>(ui.demo->depth(b.id)),
                      origin.y + r + step_y * static_cast<float>(row[static_cast<size_t>(b.id)]));
    };
    ImU32 line = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (const auto& b : branches)
        for (int c : b.children)
            dl->AddLine(pos(b), pos(branches[static_cast<size_t>(c)]), line, 2);
    bool changed = false;
    for (const auto& b : branches) {
        ImVec2 p = pos(b);
        bool current = b.id == ui.demo->current();
        bool ended = b.session.at_end();
        ImU32 col = ImGui::GetColorU32(ended ? colour_good() : colour_withdrawal());
        if (current)
            dl->AddCircleFilled(p, r, col);
        else
            dl->AddCircle(p, r, col, 0, 2);
        ImVec2 m = ImGui::GetIO().MousePos;
        if (ImGui::IsItemClicked() &&
            (m.x - p.x) * (m.x - p.x) + (m.y - p.y) * (m.y - p.y) < r * r * 2) {
            changed = ui.demo->go(b.id).ok;
        }
    }
    return changed;
}

}  // namespace

void draw_workshop(Ui& ui) {
    if (!ui.demo) {
        muted("No demo is running. Choose a case in the Library and press Present in a workshop.");
        return;
    }
    std::vector<Demo::Option> options = ui.demo->options();
    if (handle_keys(ui, options)) {
        ui.save_demo();
        options = ui.demo->options();
    }
    const Session& s = ui.demo->session();
    heading(ui.fonts, s.scenario().title.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("  answer %d%s%s", ui.demo->depth(ui.demo->current()) + 1,
                        ui.tally_mode ? "  ·  TALLY: 1-9 add a hand, Shift takes one away" : "",
                        ui.reveal ? "  ·  revealed" : "");
    if (show_help) muted(kHelp);
    ImGui::Spacing();
    draw_patient(ui);
    ImGui::Spacing();
    ImGui::Separator();
    // The answers scroll (Up and Down keys, or the wheel) above the branch map.
    float map_h =
        show_map
            ? ImGui::GetTextLineHeightWithSpacing() * 1.5f +
                  22.0f * static_cast<float>(std::min<size_t>(ui.demo->branches().size(), 4)) + 20
            : 0;
    ImGui::BeginChild("workshop_body", ImVec2(0, -map_h - ImGui::GetTextLineHeightWithSpacing()),
                      false);
    if (!ImGui::GetIO().WantTextInput) {
        float step = ImGui::GetTextLineHeightWithSpacing() * 3;
        if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) ImGui::SetScrollY(ImGui::GetScrollY() + step);
        if (ImGui::IsKeyPressed(GLFW_KEY_UP)) ImGui::SetScrollY(ImGui::GetScrollY() - step);
    }
    if (s.at_end()) {
        if (const Ending* e = s.ending()) {
            chip(std::string(vocab::label(vocab::ending_kinds(), ending_kind_id(e->kind))).c_str(),
                 e->kind == EndingKind::resolved ? colour_good() : colour_risk());
            ImGui::Spacing();
            wrapped(e->text);
        }
        muted("B goes back to try another answer; the map shows where the demo has been.");
    } else if (ui.whatif) {
        draw_whatif(ui, options);
    } else if (ui.orientations) {
        draw_orientations(ui, options);
    } else {
        draw_options(ui, options);
    }
    ImGui::EndChild();
    if (show_map) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextDisabled("Where the demo has been (M hides; click a dot to go there)");
        if (draw_map(ui)) ui.save_demo();
    }
    if (!show_help) ImGui::TextDisabled("F1: the presenter's keys   Up/Down: scroll the answers");
}

}  // namespace impasse::gui
