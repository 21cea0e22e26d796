#include "gui/theme.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <filesystem>

namespace impasse::gui {
namespace {

const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

ImFont* add_font(const char* file, float size) {
    ImGuiIO& io = ImGui::GetIO();
    // Latin-1, Latin Extended-A/B, general punctuation (dashes, quotes, ellipsis).
    static const ImWchar ranges[] = {0x0020, 0x024F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0};
    std::string path = std::string(kFontDir) + file;
    if (std::filesystem::exists(path))
        return io.Fonts->AddFontFromFileTTF(path.c_str(), size, nullptr, ranges);
    ImFontConfig cfg;
    cfg.SizePixels = size;
    return io.Fonts->AddFontDefault(&cfg);
}

void colours(Theme theme) {
    ImGuiStyle& s = ImGui::GetStyle();
    switch (theme) {
        case Theme::light:
            ImGui::StyleColorsLight();
            break;
        case Theme::high_contrast:
            ImGui::StyleColorsDark();
            break;
        case Theme::dark:
            ImGui::StyleColorsDark();
            break;
    }
    ImVec4* c = s.Colors;
    if (theme == Theme::dark) {
        c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
        c[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
        c[ImGuiCol_Header] = ImVec4(0.22f, 0.33f, 0.40f, 1.0f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.27f, 0.40f, 0.48f, 1.0f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.30f, 0.45f, 0.54f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.22f, 0.33f, 0.40f, 1.0f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.42f, 0.50f, 1.0f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.32f, 0.48f, 0.57f, 1.0f);
        c[ImGuiCol_FrameBg] = ImVec4(0.17f, 0.19f, 0.22f, 1.0f);
        c[ImGuiCol_Text] = ImVec4(0.90f, 0.91f, 0.92f, 1.0f);
    } else if (theme == Theme::light) {
        c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.96f, 0.94f, 1.0f);
        c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 0.99f, 1.0f);
        c[ImGuiCol_Header] = ImVec4(0.78f, 0.86f, 0.88f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.80f, 0.87f, 0.89f, 1.0f);
        c[ImGuiCol_Text] = ImVec4(0.12f, 0.13f, 0.15f, 1.0f);
    } else {
        c[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);
        c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 1);
        c[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
        c[ImGuiCol_Border] = ImVec4(1, 1, 0, 1);
        c[ImGuiCol_Header] = ImVec4(0.0f, 0.25f, 0.6f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.0f, 0.25f, 0.6f, 1.0f);
        c[ImGuiCol_FrameBg] = ImVec4(0.1f, 0.1f, 0.1f, 1.0f);
        s.FrameBorderSize = 1.0f;
    }
}

}  // namespace

Theme theme_from_name(const std::string& name) {
    if (name == "light") return Theme::light;
    if (name == "high-contrast") return Theme::high_contrast;
    return Theme::dark;
}

const char* theme_name(Theme t) {
    switch (t) {
        case Theme::light:
            return "light";
        case Theme::high_contrast:
            return "high-contrast";
        case Theme::dark:
            return "dark";
    }
    return "dark";
}

Fonts apply_look(Theme theme, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts f;
    float base = 17.0f * scale;
    f.body = add_font("DejaVuSans.ttf", base);
    f.italic = add_font("DejaVuSans-Oblique.ttf", base);
    f.bold = add_font("DejaVuSans-Bold.ttf", base);
    f.heading = add_font("DejaVuSans-Bold.ttf", base * 1.45f);
    io.Fonts->Build();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();

    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    colours(theme);
    s.WindowRounding = 0.0f;
    s.ChildRounding = 6.0f;
    s.FrameRounding = 5.0f;
    s.GrabRounding = 5.0f;
    s.WindowPadding = ImVec2(16, 14);
    s.FramePadding = ImVec2(10, 6);
    s.ItemSpacing = ImVec2(10, 8);
    s.ScaleAllSizes(scale);
    return f;
}

}  // namespace impasse::gui
