// Progress: scores per principle over time, what has been practised, how check-ins relate to
// performance, calibration of self-ratings, the pause comparison, and what to practise next.
#include <imgui.h>

#include <algorithm>

#include "gui/charts.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "gui/wording.h"
#include "impasse/progress.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

void draw_principles(Ui& ui, const Progress& p) {
    section(ui.fonts, "Principles, all drills (0–1)");
    std::vector<std::string> labels;
    std::vector<float> values;
    for (const auto& t : vocab::principles()) {
        labels.emplace_back(t.label);
        auto it = p.principle_means.find(std::string(t.id));
        values.push_back(it == p.principle_means.end() ? 0.0f : static_cast<float>(it->second));
    }
    bar_chart("principle_means", labels, values, 1.0f);
    section(ui.fonts, "Over time");
    static int chosen = 0;
    const auto& terms = vocab::principles();
    ImGui::SetNextItemWidth(280);
    if (ImGui::BeginCombo("##principle_series",
                          std::string(terms[static_cast<size_t>(chosen)].label).c_str())) {
        for (size_t i = 0; i < terms.size(); ++i)
            if (ImGui::Selectable(std::string(terms[i].label).c_str(),
                                  static_cast<int>(i) == chosen))
                chosen = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    learn_link(ui, std::string(terms[static_cast<size_t>(chosen)].id), "What is this?");
    auto it = p.principle_series.find(std::string(terms[static_cast<size_t>(chosen)].id));
    if (it == p.principle_series.end() || it->second.empty()) {
        muted("No scored answers for this principle yet.");
        return;
    }
    Series s{std::string(terms[static_cast<size_t>(chosen)].label), {}, colour_withdrawal()};
    for (const auto& pt : it->second)
        s.values.push_back(static_cast<float>(pt.value));
    line_chart("principle_over_time", {s}, 0.0f, 1.0f,
               ImVec2(ImGui::GetContentRegionAvail().x, 190));
}

void draw_practised(Ui& ui, const Progress& p) {
    section(ui.fonts, "Markers you have met");
    if (p.markers_practised.empty()) {
        muted("None yet.");
        return;
    }
    std::vector<std::string> labels;
    std::vector<float> values;
    std::vector<ImVec4> colours;
    float max = 1;
    for (const auto& m : vocab::markers()) {
        auto it = p.markers_practised.find(std::string(m.id));
        labels.emplace_back(m.label);
        values.push_back(it == p.markers_practised.end() ? 0.0f : static_cast<float>(it->second));
        max = std::max(max, values.back());
        colours.push_back(vocab::marker_rupture_type(m.id) == "withdrawal"
                              ? colour_withdrawal()
                              : colour_confrontation());
    }
    bar_chart("markers", labels, values, max, colours);
}

void draw_inner(Ui& ui, const Progress& p) {
    section(ui.fonts, "Check-ins and how you answered");
    if (p.patterns.empty())
        muted(
            "After a few check-ins at rupture moments, patterns between what you felt and how you "
            "answered appear here.");
    for (const auto& cp : p.patterns) {
        ImGui::Bullet();
        ImGui::SameLine();
        wrapped(cp.sentence);
    }
    section(ui.fonts, "Calibration: your ratings and the scorer's");
    if (p.calibration.empty())
        muted("Rate yourself before seeing scores at the end of a drill to see this.");
    else if (ImGui::BeginTable("calibration", 4,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Principle");
        ImGui::TableSetupColumn("You");
        ImGui::TableSetupColumn("Scorer");
        ImGui::TableSetupColumn("Drills");
        ImGui::TableHeadersRow();
        for (const auto& c : p.calibration) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            learn_link(ui, c.principle);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", c.self_mean);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", c.measured_mean);
            ImGui::TableNextColumn();
            ImGui::Text("%d", c.n);
        }
        ImGui::EndTable();
    }
    if (!p.pause.sentence.empty()) {
        section(ui.fonts, "Beginning with a pause");
        wrapped(p.pause.sentence);
    }
}

}  // namespace

void draw_progress(Ui& ui) {
    if (!ui.store) {
        muted("Your record could not be opened, so there is no progress to show. " +
              ui.store_error);
        return;
    }
    Progress p = compute_progress(*ui.store, ui.library.scenarios);
    ImGui::BeginChild("progress_left", ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, 0), true);
    heading(ui.fonts, "Your progress");
    ImGui::TextUnformatted((count_of(p.drills, "drill", "drills") + " (" +
                            std::to_string(p.finished) + " finished), " +
                            count_of(p.turns, "answer", "answers"))
                               .c_str());
    draw_principles(ui, p);
    draw_practised(ui, p);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("progress_right", ImVec2(0, 0), true);
    section(ui.fonts, "Next");
    wrapped(p.next_level_reason);
    for (const auto& r : p.next) {
        ImGui::PushID(r.scenario_id.c_str());
        if (ImGui::Button("Start")) ui.start_drill(r.scenario_id);
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(r.title.c_str());
        ImGui::TextDisabled("%s", r.reason.c_str());
        ImGui::EndGroup();
        ImGui::PopID();
    }
    draw_inner(ui, p);
    ImGui::EndChild();
}

}  // namespace impasse::gui
