// The library: every case and moment drill (bundled and the user's own), with search and
// filters on the left and the selected case's details on the right.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "gui/wording.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool has_marker(const Scenario& s, const std::string& marker) {
    for (const auto& n : s.nodes)
        for (const auto& m : n.markers)
            if (m.id == marker) return true;
    return false;
}

bool matches(const Scenario& s, const LibraryFilter& f,
             const std::map<std::string, DrillRow>& done) {
    if (f.done == 1 && !done.count(s.id)) return false;
    if (f.done == 2 && done.count(s.id)) return false;
    if (f.rupture_type == 1 && s.rupture_type != "withdrawal") return false;
    if (f.rupture_type == 2 && s.rupture_type != "confrontation") return false;
    if (f.kind == 1 && s.kind != ScenarioKind::full_case) return false;
    if (f.kind == 2 && s.kind != ScenarioKind::moment) return false;
    if (f.difficulty > 0 && s.difficulty != f.difficulty) return false;
    if (!f.marker.empty() && !has_marker(s, f.marker)) return false;
    if (!f.tag.empty() && std::find(s.tags.begin(), s.tags.end(), f.tag) == s.tags.end())
        return false;
    if (f.search[0]) {
        std::string q = lower(f.search);
        std::string hay = lower(s.title + " " + s.summary + " " + s.patient.name + " " +
                                s.patient.presenting_problem + " " + s.id);
        for (const auto& t : s.tags)
            hay += " " + t;
        if (hay.find(q) == std::string::npos) return false;
    }
    return true;
}

std::set<std::string> markers_of(const Scenario& s) {
    std::set<std::string> out;
    for (const auto& n : s.nodes)
        for (const auto& m : n.markers)
            out.insert(m.id);
    return out;
}

void draw_filters(Ui& ui) {
    LibraryFilter& f = ui.filter;
    ImGui::SetNextItemWidth(-1);
    if (ui.focus_search) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_search = false;
    }
    bool enter = ImGui::InputTextWithHint(
        "##search", "Search patients, problems, tags (Ctrl+F; Enter starts)", f.search,
        sizeof f.search, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited()) ui.select_first_match = true;
    if (enter && ui.find_scenario(ui.selected)) ui.start_drill(ui.selected);
    const char* types[] = {"Any rupture", "Withdrawal", "Confrontation"};
    const char* kinds[] = {"Cases and moments", "Full cases", "Moment drills"};
    const char* levels[] = {"Any difficulty", "Difficulty 1", "Difficulty 2", "Difficulty 3"};
    float w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    ImGui::SetNextItemWidth(w);
    ImGui::Combo("##type", &f.rupture_type, types, 3);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::Combo("##kind", &f.kind, kinds, 3);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::Combo("##difficulty", &f.difficulty, levels, 4);

    ImGui::SetNextItemWidth(w * 2 + ImGui::GetStyle().ItemSpacing.x);
    std::string marker_label =
        f.marker.empty() ? "Any marker" : std::string(vocab::label(vocab::markers(), f.marker));
    if (ImGui::BeginCombo("##marker", marker_label.c_str())) {
        if (ImGui::Selectable("Any marker", f.marker.empty())) f.marker.clear();
        for (const auto& m : vocab::markers()) {
            std::string name =
                std::string(m.label) + "  (" + std::string(vocab::marker_rupture_type(m.id)) + ")";
            if (ImGui::Selectable(name.c_str(), f.marker == m.id)) f.marker = std::string(m.id);
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    const char* done[] = {"Done or not", "Done", "Not done yet"};
    ImGui::Combo("##done", &f.done, done, 3);
    ImGui::SetNextItemWidth(w * 2 + ImGui::GetStyle().ItemSpacing.x);
    std::set<std::string> tags;
    for (const auto& s : ui.library.scenarios)
        tags.insert(s->tags.begin(), s->tags.end());
    if (ImGui::BeginCombo("##tag", f.tag.empty() ? "Any tag" : f.tag.c_str())) {
        if (ImGui::Selectable("Any tag", f.tag.empty())) f.tag.clear();
        for (const auto& t : tags)
            if (ImGui::Selectable(t.c_str(), f.tag == t)) f.tag = t;
        ImGui::EndCombo();
    }
}

void draw_list(Ui& ui) {
    int shown = 0;
    for (const auto& sp : ui.library.scenarios) {
        const Scenario& s = *sp;
        if (!matches(s, ui.filter, ui.last_drills())) continue;
        if (ui.select_first_match) {
            ui.selected = s.id;
            ui.select_first_match = false;
        }
        ++shown;
        ImGui::PushID(s.id.c_str());
        bool selected = ui.selected == s.id;
        std::string line = s.title;
        if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_AllowDoubleClick,
                              ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2.1f))) {
            ui.selected = s.id;
        }
        // Muted text is too faint on a highlighted row (palette.h): a lit row's second line is
        // in the body colour.
        bool lit = selected || ImGui::IsItemHovered() || ImGui::IsItemActive();
        ImGui::SameLine(ImGui::GetStyle().ItemSpacing.x);
        ImGui::BeginGroup();
        ImGui::PushFont(ui.fonts.bold);
        ImGui::TextUnformatted(s.title.c_str());
        ImGui::PopFont();
        ImGui::PushStyleColor(
            ImGuiCol_Text, ImGui::GetStyleColorVec4(lit ? ImGuiCol_Text : ImGuiCol_TextDisabled));
        ImGui::Text("%s, %d  ·  %s  ·  %s  ·  difficulty %d", s.patient.name.c_str(), s.patient.age,
                    s.kind == ScenarioKind::moment ? "moment" : "case", s.rupture_type.c_str(),
                    s.difficulty);
        ImGui::PopStyleColor();
        ImGui::EndGroup();
        ImGui::PopID();
    }
    if (shown == 0) {
        ImGui::Spacing();
        muted(ui.library.scenarios.empty()
                  ? "No scenarios were found. Bundled cases live in the "
                    "scenarios/ folder; see docs/scenario-format.md to write your own."
                  : "No case matches these filters.");
    }
}

void draw_details(Ui& ui) {
    const Scenario* s = ui.find_scenario(ui.selected);
    if (!s) {
        muted("Select a case to see the patient and what it teaches.");
        return;
    }
    heading(ui.fonts, s->title.c_str());
    if (ImGui::Button(s->kind == ScenarioKind::moment ? "Start this moment" : "Start this drill"))
        ui.start_drill(s->id);
    ImGui::SameLine();
    if (ImGui::Button("Spot the markers")) ui.start_spotting(s->id);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Read the patient's lines and flag each rupture marker you see; then "
            "compare with the author's key (hits, misses, Cohen's kappa).");
    ImGui::SameLine();
    if (ImGui::Button("Present in a workshop")) ui.start_demo(s->id);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Projector layout, scores hidden until you reveal them, what-if branches "
            "and an audience tally. F1 on the workshop screen lists the keys.");
    if (ui.store) {
        if (auto row = ui.store->last_unfinished()) {
            const Scenario* unfinished = ui.find_scenario(row->scenario_id);
            std::string label = "Resume: " + (unfinished ? unfinished->title : row->scenario_id) +
                                " (" + count_of(row->turns, "answer", "answers") + ")";
            if (ImGui::Button(label.c_str())) ui.resume_drill();
        }
    }
    ImGui::Spacing();
    chip(s->rupture_type == "withdrawal" ? "Withdrawal" : "Confrontation",
         s->rupture_type == "withdrawal" ? colour_withdrawal() : colour_confrontation());
    ImGui::SameLine();
    std::string diff = "Difficulty " + std::to_string(s->difficulty);
    chip(diff.c_str(), colour_neutral());
    ImGui::SameLine();
    chip(s->kind == ScenarioKind::moment ? "Moment drill" : "Full case", colour_neutral());
    ImGui::Spacing();
    wrapped(s->summary);
    if (!s->teaching_point.empty()) {
        ImGui::Spacing();
        ImGui::PushFont(ui.fonts.bold);
        ImGui::TextUnformatted("Teaching point");
        ImGui::PopFont();
        wrapped(s->teaching_point);
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::PushFont(ui.fonts.bold);
    std::string who = s->patient.name + ", " + std::to_string(s->patient.age);
    if (!s->patient.pronouns.empty()) who += " (" + s->patient.pronouns + ")";
    ImGui::TextUnformatted(who.c_str());
    ImGui::PopFont();
    if (!s->patient.background.empty()) wrapped(s->patient.background);
    if (!s->patient.presenting_problem.empty()) {
        ImGui::Spacing();
        muted("Presenting problem");
        wrapped(s->patient.presenting_problem);
    }
    ImGui::Spacing();
    muted("Markers in this case");
    for (const auto& m : markers_of(*s)) {
        chip(std::string(vocab::label(vocab::markers(), m)).c_str(),
             vocab::marker_rupture_type(m) == "withdrawal" ? colour_withdrawal()
                                                           : colour_confrontation());
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < 200) ImGui::NewLine();
    }
    ImGui::NewLine();
    auto last = ui.last_drills().find(s->id);
    if (last != ui.last_drills().end()) {
        const DrillRow& d = last->second;
        std::string line = "Last done " + d.started_at.substr(0, 10) + ": " +
                           std::string(vocab::label(vocab::ending_kinds(), d.ending));
        if (d.mean_score >= 0) line += ", mean score " + whole_score(d.mean_score);
        muted(line);
    } else {
        muted("Not done yet.");
    }
    if (!s->tags.empty()) {
        std::string tags;
        for (const auto& t : s->tags)
            tags += (tags.empty() ? "" : ", ") + t;
        muted("Tags: " + tags);
    }
}

}  // namespace

void draw_library(Ui& ui) {
    float avail = ImGui::GetContentRegionAvail().x;
    float left = std::max(320.0f, avail * 0.48f);
    ImGui::BeginChild("library_list", ImVec2(left, 0), true);
    draw_filters(ui);
    ImGui::Separator();
    ImGui::BeginChild("library_rows");
    draw_list(ui);
    ImGui::EndChild();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("library_details", ImVec2(0, 0), true);
    draw_details(ui);
    ImGui::EndChild();
}

}  // namespace impasse::gui
