// The marker-spotting drill, as in the video-analysis task of alliance-focused training: the
// trainee reads the patient's lines one at a time (Next line, or the Down key), flags each
// rupture marker they see on a line (or "no marker"), and then compares their flags with the
// author's key: per line hits, misses and false alarms, totals, detection sensitivity and
// specificity, and Cohen's kappa. Up and Down, or a click anywhere on a line, go back to a line
// already shown. Scored attempts are saved in the record. The scoring is the engine's
// (impasse/spotting.h); this file only draws and collects the flags.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "gui/keys.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/json_write.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

bool has(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
}

void toggle(std::vector<std::string>& v, const std::string& id, bool on) {
    v.erase(std::remove(v.begin(), v.end(), id), v.end());
    if (on) v.push_back(id);
}

void score(Ui& ui) {
    Ui::Spotting& sp = *ui.spotting;
    std::vector<Flag> flags;
    nlohmann::json flags_json = nlohmann::json::array();
    for (size_t i = 0; i < sp.flags.size(); ++i)
        for (const std::string& m : sp.flags[i]) {
            flags.push_back({static_cast<int>(i) + 1, m, 0});
            flags_json.push_back({{"turn", i + 1}, {"marker", m}});
        }
    sp.result = score_spotting(sp.sheet, flags, "your flags");
    if (!sp.result->ok()) {
        ui.report(sp.result->diagnostics.front().message);
        sp.result.reset();
        return;
    }
    if (ui.store) {
        int64_t id = 0;
        ui.report(ui.store->add_spotting(&id, sp.sheet.scenario, json_out::write(flags_json),
                                         json_out::write(spotting_json(*sp.result))));
        ui.record_changed();
    }
}

void draw_lines(Ui& ui) {
    Ui::Spotting& sp = *ui.spotting;
    for (int i = 0; i < sp.shown && i < static_cast<int>(sp.sheet.turns.size()); ++i) {
        const SpottingTurn& t = sp.sheet.turns[static_cast<size_t>(i)];
        ImGui::PushID(i);
        // The whole line is the highlight and the click target: its text is drawn first (on
        // the front channel), then a selectable of the text's size behind it.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::PushFont(ui.fonts.bold);
        ImGui::Text("%d.", t.index);
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::BeginGroup();
        if (!t.cue.empty()) {
            ImGui::PushFont(ui.fonts.italic);
            wrapped(t.cue);
            ImGui::PopFont();
        }
        wrapped("\u201c" + t.patient + "\u201d");
        if (sp.result) {
            const TurnSpotting& r = sp.result->turns[static_cast<size_t>(i)];
            for (const auto& m : r.hits) {
                chip(("seen: " + std::string(vocab::label(vocab::markers(), m))).c_str(),
                     colour_good());
                ImGui::SameLine();
            }
            for (const auto& m : r.misses) {
                chip(("missed: " + std::string(vocab::label(vocab::markers(), m))).c_str(),
                     colour_risk());
                ImGui::SameLine();
            }
            for (const auto& m : r.false_alarms) {
                chip(("not in the key: " + std::string(vocab::label(vocab::markers(), m))).c_str(),
                     colour_neutral());
                ImGui::SameLine();
            }
            if (r.expected.empty() && r.flagged.empty())
                chip("no marker, rightly", colour_good());
            else
                ImGui::NewLine();
        } else if (!sp.flags[static_cast<size_t>(i)].empty()) {
            std::string flagged;
            for (const auto& m : sp.flags[static_cast<size_t>(i)])
                flagged += (flagged.empty() ? "" : ", ") +
                           (m == "none" ? std::string("no marker")
                                        : std::string(vocab::label(vocab::markers(), m)));
            // In the body colour: the line may be highlighted (selected or hovered), where
            // muted text is too faint (palette.h).
            ImGui::Text("You flagged: %s", flagged.c_str());
        }
        ImGui::EndGroup();
        ImGui::EndGroup();
        float height = ImGui::GetItemRectMax().y - top.y;
        dl->ChannelsSetCurrent(0);
        ImGui::SetCursorScreenPos(top);
        if (ImGui::Selectable("##line", i == sp.selected, 0, ImVec2(0, height))) sp.selected = i;
        dl->ChannelsMerge();
        ImGui::Separator();
        ImGui::PopID();
    }
}

void draw_flags(Ui& ui) {
    Ui::Spotting& sp = *ui.spotting;
    if (sp.sheet.turns.empty()) return;
    auto& flags = sp.flags[static_cast<size_t>(sp.selected)];
    bool last = sp.shown >= static_cast<int>(sp.sheet.turns.size());
    if (!last && ImGui::Button("Next line (Down)")) {
        ++sp.shown;
        sp.selected = sp.shown - 1;
    }
    if (last && ImGui::Button("Compare with the key")) score(ui);
    ImGui::SameLine();
    ImGui::TextDisabled("%d of %zu lines", sp.shown, sp.sheet.turns.size());
    section(ui.fonts, ("Line " + std::to_string(sp.selected + 1) + ": what do you see?").c_str());
    bool none = has(flags, "none");
    if (ImGui::Checkbox("No marker", &none)) {
        flags.clear();
        if (none) flags.push_back("none");
    }
    if (!ImGui::BeginTable("markers", 2, ImGuiTableFlags_SizingStretchSame)) return;
    for (const char* type : {"withdrawal", "confrontation"}) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", std::string(vocab::label(vocab::rupture_types(), type)).c_str());
        for (const auto& term : vocab::markers()) {
            if (vocab::marker_rupture_type(term.id) != type) continue;
            std::string id(term.id);
            bool on = has(flags, id);
            if (ImGui::Checkbox(std::string(term.label).c_str(), &on)) {
                toggle(flags, "none", false);
                toggle(flags, id, on);
            }
            if (ImGui::IsItemHovered()) {
                if (const LearnPage* page = ui.learn.find(id))
                    ImGui::SetTooltip("%s", page->summary.c_str());
            }
        }
    }
    ImGui::EndTable();
}

void draw_result(Ui& ui) {
    Ui::Spotting& sp = *ui.spotting;
    const SpottingResult& r = *sp.result;
    section(ui.fonts, "Compared with the author's key");
    ImGui::Text("Hits %d   Misses %d   Not in the key %d   Quiet lines right %d", r.hits, r.misses,
                r.false_alarms, r.correct_rejections);
    auto pct = [](const std::optional<double>& v) {
        char b[16];
        if (v)
            std::snprintf(b, sizeof b, "%.0f%%", *v * 100);
        else
            std::snprintf(b, sizeof b, "n/a");
        return std::string(b);
    };
    ImGui::Text("Ruptures noticed (sensitivity): %s", pct(r.detection.sensitivity).c_str());
    ImGui::Text("Quiet lines left alone (specificity): %s", pct(r.detection.specificity).c_str());
    auto kappa = [](const char* what, const Kappa& k) {
        if (k.value)
            ImGui::Text("%s: kappa %.2f (%s)", what, *k.value,
                        std::string(kappa_band(*k.value)).c_str());
        else
            ImGui::Text("%s: kappa not defined here (observed agreement %.0f%%)", what,
                        k.observed * 100);
    };
    kappa("Agreement on which marker", r.kappa);
    kappa("Agreement on whether there is one", r.detection_kappa);
    muted(
        "Kappa corrects agreement for chance: 0 is chance, 1 is perfect. Markers are "
        "judgements too; where you disagree, read the line again and ask what you noticed.");
    ImGui::Spacing();
    if (ImGui::Button("Try again")) {
        std::string id = sp.sheet.scenario;
        ui.start_spotting(id);
    }
    ImGui::SameLine();
    if (ImGui::Button("Back to the library")) ui.set_screen(Screen::library);
}

}  // namespace

void draw_spot(Ui& ui) {
    if (!ui.spotting) {
        muted("Choose a case in the Library and press Spot the markers.");
        return;
    }
    Ui::Spotting& sp = *ui.spotting;
    heading(ui.fonts, ("Spot the markers: " + sp.sheet.title).c_str());
    muted(
        "Read each line as the patient says it. Flag every rupture marker you see, or No "
        "marker; then go on to the next line. At the end, compare with the author's key.");
    float right = std::max(380.0f, ImGui::GetContentRegionAvail().x * 0.5f);
    // Up and Down belong to the current line (below), so ImGui's keyboard navigation does not
    // also move the focus between the lines or the checkboxes.
    const ImGuiWindowFlags no_nav = ImGuiWindowFlags_NoNavInputs;
    ImGui::BeginChild("spot_lines", ImVec2(-right - ImGui::GetStyle().ItemSpacing.x, 0), true,
                      no_nav);
    draw_lines(ui);
    if (sp.scrolled_to != sp.shown) {  // a new line: show it
        ImGui::SetScrollHereY(1.0f);
        sp.scrolled_to = sp.shown;
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("spot_flags", ImVec2(0, 0), true, no_nav);
    if (sp.result)
        draw_result(ui);
    else
        draw_flags(ui);
    ImGui::EndChild();
    // The next line comes after this frame's clicks: a click that completes in the same frame
    // as the key belongs to the line that was on screen.
    // Down goes to the next line shown, or shows the next line from the last one; Up goes back.
    if (!ImGui::GetIO().WantTextInput && !sp.result) {
        if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) {
            if (sp.selected + 1 < sp.shown) {
                ++sp.selected;
            } else if (sp.shown < static_cast<int>(sp.sheet.turns.size())) {
                ++sp.shown;
                sp.selected = sp.shown - 1;
            }
        }
        if (ImGui::IsKeyPressed(GLFW_KEY_UP) && sp.selected > 0) --sp.selected;
    }
}

}  // namespace impasse::gui
