// Settings: look, feedback timing, check-ins, the data folder. Saved on every change.
#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/paths.h"

namespace impasse::gui {
namespace {

bool radio_row(const char* label, std::string& value,
               std::initializer_list<std::pair<const char*, const char*>> options) {
    bool changed = false;
    ImGui::TextUnformatted(label);
    ImGui::Indent();
    for (const auto& [id, text] : options) {
        if (ImGui::RadioButton(text, value == id)) {
            value = id;
            changed = true;
        }
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Unindent();
    ImGui::Spacing();
    return changed;
}

// Where a workshop's audience vote listens (workshop.md). Applied the next time it starts.
bool draw_audience_address(Settings& s) {
    static char bind[64] = "";
    static bool loaded = false;
    if (!loaded) {
        std::snprintf(bind, sizeof bind, "%s", s.audience_bind.c_str());
        loaded = true;
    }
    bool changed = false;
    ImGui::TextUnformatted("Workshop audience vote");
    ImGui::Indent();
    ImGui::SetNextItemWidth(220);
    ImGui::InputText("Address##audience", bind, sizeof bind, ImGuiInputTextFlags_CharsNoBlank);
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        if (bind[0] != '\0') {
            s.audience_bind = bind;
            changed = true;
        } else {
            std::snprintf(bind, sizeof bind, "%s", s.audience_bind.c_str());
        }
    }
    ImGui::SameLine();
    int port = s.audience_port;
    ImGui::SetNextItemWidth(160);
    if (ImGui::InputInt("Port##audience", &port, 0) && port >= 1024 && port <= 65535) {
        s.audience_port = port;
        changed = true;
    }
    muted(
        "0.0.0.0 lets phones on every network this computer is on reach it; 127.0.0.1 keeps "
        "it to this computer. Nothing listens until you press A in a workshop.");
    ImGui::Unindent();
    return changed;
}

}  // namespace

void draw_settings(Ui& ui) {
    Settings& s = ui.settings;
    bool changed = false;
    ImGui::BeginChild("settings", ImVec2(std::min(760.0f, ImGui::GetContentRegionAvail().x), 0),
                      false);
    heading(ui.fonts, "Settings");
    ImGui::Spacing();
    if (radio_row("Theme", s.theme,
                  {{"dark", "Dark"}, {"light", "Light"}, {"high-contrast", "High contrast"}})) {
        changed = true;
        ui.look_dirty = true;
    }
    ImGui::TextUnformatted("Text size");
    ImGui::Indent();
    float scale = s.font_scale;
    ImGui::SetNextItemWidth(260);
    if (ImGui::SliderFloat("##fontscale", &scale, 0.75f, 2.5f, "%.2fx")) s.font_scale = scale;
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        changed = true;
        ui.look_dirty = true;
    }
    ImGui::SameLine();
    muted("Ctrl + plus / minus also work.");
    ImGui::Unindent();
    ImGui::Spacing();
    changed |=
        radio_row("Feedback", s.feedback,
                  {{"immediate", "After each answer"}, {"end", "Only at the end (test mode)"}});
    changed |= radio_row(
        "Inner-skills check-ins", s.checkins,
        {{"markers", "At rupture markers"}, {"every_turn", "Every turn"}, {"never", "Never"}});
    changed |=
        radio_row("Beginner's-mind pause before a drill", s.pause,
                  {{"always", "Always"}, {"hard_cases", "For hard cases"}, {"never", "Never"}});
    changed |= radio_row("Timer for moment drills", s.moment_timer,
                         {{"off", "Off"}, {"60", "60 s"}, {"90", "90 s"}, {"120", "2 min"}});
    changed |= radio_row("Order of the options in a new drill", s.option_order,
                         {{"shuffled", "Shuffled (drawn from the drill's seed)"},
                          {"fixed", "As written (for an assessment)"}});
    if (ImGui::Checkbox("Show the patient's state (alliance and affect) during drills",
                        &s.show_patient_state))
        changed = true;
    if (ImGui::Checkbox("Rate yourself on each principle before the debrief shows your scores",
                        &s.self_assess))
        changed = true;
    ImGui::Spacing();
    ImGui::Separator();
    changed |= draw_audience_address(s);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted("Your data folder");
    muted(ui.options.data_dir.empty() ? paths::default_user_data() : ui.options.data_dir);
    muted("Everything you record stays in this folder on this machine, readable by you only.");
    ImGui::EndChild();
    if (changed) {
        if (std::string err = s.save(ui.settings_path); !err.empty())
            ui.banners.push_back("Settings were not saved: " + err);
    }
}

}  // namespace impasse::gui
