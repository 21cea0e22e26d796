// The top bar: the app's name, the screens, and the settings button.
#include <imgui.h>

#include "gui/palette.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"

namespace impasse::gui {
namespace {

void tab(Ui& ui, const char* label, Screen s, bool enabled = true) {
    bool active = ui.screen == s;
    if (!enabled) ImGui::BeginDisabled();
    if (active)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_HeaderActive));
    else
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);  // a tab, not a button
    if (ImGui::Button(label)) ui.set_screen(s);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    if (!enabled) ImGui::EndDisabled();
    ImGui::SameLine();
}

}  // namespace

void draw_nav_bar(Ui& ui) {
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Impasse");
    ImGui::PopFont();
    ImGui::SameLine(0, 28);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    bool drilling = ui.drill && ui.drill->active();
    tab(ui, "Library", Screen::library);
    tab(ui, "Drill", Screen::drill, drilling);
    tab(ui, "Debrief", Screen::debrief, drilling);
    tab(ui, "Progress", Screen::progress);
    tab(ui, "Learn", Screen::learn);
    tab(ui, "Author", Screen::author);
    tab(ui, "Settings", Screen::settings);
    if (ui.demo) tab(ui, "Workshop", Screen::workshop);
    if (ui.spotting) tab(ui, "Spotting", Screen::spot);
    ImGui::NewLine();
    ImGui::Separator();
}

void draw_banners(Ui& ui) {
    for (size_t i = 0; i < ui.banners.size();) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colour_tint(colour_notice(), alpha::banner));
        float h = ImGui::GetTextLineHeightWithSpacing() * 2.2f;
        ImGui::BeginChild("banner", ImVec2(0, h), true);
        ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - 90);
        ImGui::TextUnformatted(ui.banners[i].c_str());
        ImGui::PopTextWrapPos();
        ImGui::SameLine(ImGui::GetContentRegionAvail().x - 70);
        bool dismiss = ImGui::Button("Dismiss");
        ImGui::EndChild();
        ImGui::PopStyleColor();
        ImGui::PopID();
        if (dismiss)
            ui.banners.erase(ui.banners.begin() + static_cast<long>(i));
        else
            ++i;
    }
}

}  // namespace impasse::gui
