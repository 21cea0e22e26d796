#include "gui/widgets.h"

#include <cstdio>

#include "gui/theme.h"

namespace impasse::gui {

bool chip(const char* text, ImVec4 colour, bool clickable) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(colour.x, colour.y, colour.z, 0.30f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                          ImVec4(colour.x, colour.y, colour.z, clickable ? 0.50f : 0.30f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive,
                          ImVec4(colour.x, colour.y, colour.z, clickable ? 0.65f : 0.30f));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 12.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, 2));
    bool clicked = ImGui::SmallButton(text);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(3);
    return clickable && clicked;
}

void meter(const char* label, float value, ImVec4 colour, float width) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(width * 0.32f);
    char overlay[32];
    std::snprintf(overlay, sizeof overlay, "%.1f / 5", 1.0f + 4.0f * value);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
    ImGui::ProgressBar(value, ImVec2(width * 0.68f - ImGui::GetStyle().ItemSpacing.x, 0), overlay);
    ImGui::PopStyleColor();
}

void heading(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void section(const Fonts& fonts, const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void wrapped(const std::string& text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
}

void muted(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped(text);
    ImGui::PopStyleColor();
}

ImVec4 colour_withdrawal() {
    return ImVec4(0.40f, 0.62f, 0.85f, 1.0f);
}
ImVec4 colour_confrontation() {
    return ImVec4(0.90f, 0.50f, 0.35f, 1.0f);
}
ImVec4 colour_good() {
    return ImVec4(0.36f, 0.74f, 0.50f, 1.0f);
}
ImVec4 colour_risk() {
    return ImVec4(0.92f, 0.42f, 0.42f, 1.0f);
}
ImVec4 colour_neutral() {
    return ImVec4(0.65f, 0.65f, 0.70f, 1.0f);
}

}  // namespace impasse::gui
