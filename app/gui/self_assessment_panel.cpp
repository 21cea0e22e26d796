// Self-assessment: when a drill has ended and before its debrief shows the scores, the trainee
// rates how well they showed each principle (0–10). The ratings are saved with the drill; the
// progress screen compares them with the scorer's figures over time (calibration). Shown once
// per drill; Skip is always there, and the setting turns the form off.
#include <imgui.h>

#include <algorithm>

#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

bool already_rated(const Store& store, int64_t drill_id) {
    auto all = store.self_ratings();
    return std::any_of(all.begin(), all.end(),
                       [&](const SelfRating& r) { return r.drill_id == drill_id; });
}

}  // namespace

bool draw_self_assessment(Ui& ui) {
    if (!ui.settings.self_assess || !ui.store || !ui.drill || !ui.drill->at_end()) return false;
    int64_t drill_id = ui.drill->drill_id();
    if (drill_id <= 0 || ui.self_assessed == drill_id) return false;
    if (already_rated(*ui.store, drill_id)) {
        ui.self_assessed = drill_id;
        return false;
    }
    ImGui::BeginChild("self_assessment",
                      ImVec2(std::min(820.0f, ImGui::GetContentRegionAvail().x), 0), false);
    heading(ui.fonts, "Before you see your scores");
    wrapped(
        "How well do you think you showed each principle in this drill? Rate yourself from 0 "
        "(not at all) to 10 (throughout). Over time, the Progress screen compares your "
        "ratings with the scorer's, so you can see where you see yourself clearly.");
    ImGui::Spacing();
    const auto& terms = vocab::principles();
    if (ImGui::BeginTable("self_ratings", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("principle", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("rating", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        for (size_t i = 0; i < terms.size() && i < 10; ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            ImGui::AlignTextToFramePadding();
            learn_link(ui, std::string(terms[i].id));
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            int& v = ui.self_ratings[i];
            int shown = v < 0 ? 5 : v;  // an untouched slider sits in the middle, unrated
            if (ImGui::SliderInt("##rating", &shown, 0, 10, v < 0 ? "not rated" : "%d")) v = shown;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    bool save = ImGui::Button("Save and show my debrief");
    ImGui::SameLine();
    bool skip = ImGui::Button("Skip");
    ImGui::SameLine();
    muted("Turn this off in Settings.");
    ImGui::EndChild();
    if (save) {
        for (size_t i = 0; i < terms.size() && i < 10; ++i) {
            if (ui.self_ratings[i] < 0) continue;  // not rated: nothing is saved
            SelfRating r;
            r.drill_id = drill_id;
            r.principle = std::string(terms[i].id);
            r.rating = ui.self_ratings[i] / 10.0;
            if (std::string e = ui.store->add_self_rating(r); !e.empty()) {
                ui.report(e);
                break;
            }
        }
        ui.record_changed();
    }
    if (save || skip) {
        ui.self_assessed = drill_id;
        std::fill(std::begin(ui.self_ratings), std::end(ui.self_ratings), -1);
    }
    return true;
}

}  // namespace impasse::gui
