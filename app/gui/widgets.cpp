#include "gui/widgets.h"

#include <algorithm>
#include <cstdio>

#include "gui/palette.h"
#include "gui/theme.h"

namespace impasse::gui {

bool chip(const char* text, ImVec4 colour, bool clickable) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(colour.x, colour.y, colour.z, alpha::chip));
    ImGui::PushStyleColor(
        ImGuiCol_ButtonHovered,
        ImVec4(colour.x, colour.y, colour.z, clickable ? alpha::chip_hovered : alpha::chip));
    ImGui::PushStyleColor(
        ImGuiCol_ButtonActive,
        ImVec4(colour.x, colour.y, colour.z, clickable ? alpha::chip_active : alpha::chip));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 12.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, 2));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);  // a label, not an input
    bool clicked = ImGui::SmallButton(text);
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(3);
    return clickable && clicked;
}

void bar(float fraction, ImVec4 colour, float width, const char* label) {
    float label_w =
        label && *label ? ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
    ImGui::ProgressBar(fraction, ImVec2(std::max(1.0f, width - label_w), 0), "");
    ImGui::PopStyleColor();
    if (label_w > 0) {
        ImGui::SameLine();
        ImGui::TextUnformatted(label);
    }
}

void meter(const char* label, float value, ImVec4 colour, float width) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(width * 0.32f);
    char overlay[32];
    std::snprintf(overlay, sizeof overlay, "%.1f / 5", 1.0f + 4.0f * value);
    bar(value, colour, width * 0.68f - ImGui::GetStyle().ItemSpacing.x, overlay);
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

namespace {
ImVec4 to_vec4(Rgb c) {
    return ImVec4(c.r, c.g, c.b, 1.0f);
}
}  // namespace

ImVec4 colour_link() {
    return to_vec4(current_palette().link);
}

ImVec4 colour_notice() {
    return to_vec4(current_palette().notice);
}

ImVec4 colour_problem() {
    return to_vec4(current_palette().problem);
}

ImVec4 colour_tint(ImVec4 colour, float opacity) {
    return ImVec4(colour.x, colour.y, colour.z, opacity);
}

ImVec4 colour_withdrawal() {
    return to_vec4(current_palette().withdrawal);
}
ImVec4 colour_confrontation() {
    return to_vec4(current_palette().confrontation);
}
ImVec4 colour_good() {
    return to_vec4(current_palette().good);
}
ImVec4 colour_risk() {
    return to_vec4(current_palette().risk);
}
ImVec4 colour_neutral() {
    return to_vec4(current_palette().neutral);
}

}  // namespace impasse::gui
