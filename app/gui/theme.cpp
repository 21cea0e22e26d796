#include "gui/theme.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <filesystem>

#include "gui/palette.h"

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

ImVec4 v(Rgb c, float a = 1.0f) {
    return ImVec4(c.r, c.g, c.b, a);
}

// Every colour a screen draws text or an input on comes from the palette (palette.h), whose
// pairs a unit test holds to WCAG AA; ImGui's own theme gives the rest (focus rings, resize
// grips, drag targets).
void colours(Theme theme) {
    ImGuiStyle& s = ImGui::GetStyle();
    if (theme == Theme::light)
        ImGui::StyleColorsLight();
    else
        ImGui::StyleColorsDark();
    const Palette& p = palette(theme);
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = v(p.window);
    c[ImGuiCol_ChildBg] = v(p.card);
    c[ImGuiCol_PopupBg] = v(p.popup);
    c[ImGuiCol_MenuBarBg] = v(p.window);
    c[ImGuiCol_FrameBg] = v(p.frame);
    c[ImGuiCol_FrameBgHovered] = v(p.frame_hovered);
    c[ImGuiCol_FrameBgActive] = v(p.frame_active);
    c[ImGuiCol_Border] = v(p.border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Separator] = v(p.separator);
    c[ImGuiCol_SeparatorHovered] = v(p.border);
    c[ImGuiCol_SeparatorActive] = v(p.border);
    c[ImGuiCol_Text] = v(p.text);
    c[ImGuiCol_TextDisabled] = v(p.muted);
    c[ImGuiCol_Button] = v(p.button);
    c[ImGuiCol_ButtonHovered] = v(p.button_hovered);
    c[ImGuiCol_ButtonActive] = v(p.button_active);
    c[ImGuiCol_Header] = v(p.header);
    c[ImGuiCol_HeaderHovered] = v(p.header_hovered);
    c[ImGuiCol_HeaderActive] = v(p.header_active);
    c[ImGuiCol_Tab] = v(p.button);
    c[ImGuiCol_TabHovered] = v(p.button_hovered);
    c[ImGuiCol_TabActive] = v(p.header_active);
    c[ImGuiCol_TableHeaderBg] = v(p.header);
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = v(p.text, alpha::row_alt);
    c[ImGuiCol_TableBorderStrong] = v(p.separator);
    c[ImGuiCol_TableBorderLight] = v(p.separator);
    c[ImGuiCol_TextSelectedBg] = v(p.selection, alpha::selection);
    c[ImGuiCol_CheckMark] = v(p.check);
    c[ImGuiCol_SliderGrab] = v(p.check);
    c[ImGuiCol_SliderGrabActive] = v(p.link);
    c[ImGuiCol_PlotHistogram] = v(p.withdrawal);
    c[ImGuiCol_PlotLines] = v(p.withdrawal);
    // Every input (and so every button) has a frame: in the light theme a white field on a white
    // card is otherwise invisible.
    s.FrameBorderSize = 1.0f;
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

namespace {
Theme g_theme = Theme::dark;  // the look is global, as ImGui's style is
}  // namespace

const Palette& current_palette() {
    return palette(g_theme);
}

Fonts apply_look(Theme theme, float scale) {
    g_theme = theme;
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
