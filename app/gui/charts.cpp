#include "gui/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace impasse::gui {
namespace {

ImU32 col(ImVec4 c, float alpha = 1.0f) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

ImU32 grid_colour() {
    ImVec4 t = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    return col(t, 0.18f);
}

}  // namespace

void line_chart(const char* id, const std::vector<Series>& series, float lo, float hi,
                ImVec2 size) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    float legend_h = ImGui::GetTextLineHeightWithSpacing();
    float axis_w = ImGui::CalcTextSize("0.00").x + 6;
    ImVec2 a(p0.x + axis_w, p0.y + legend_h);
    ImVec2 b(p0.x + size.x, p0.y + size.y - legend_h);
    ImU32 grid = grid_colour();
    ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (int i = 0; i <= 4; ++i) {
        float y = b.y - (b.y - a.y) * i / 4.0f;
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid);
        char lab[16];
        std::snprintf(lab, sizeof lab,
                      hi - lo > 10  ? "%.0f"
                      : hi - lo > 2 ? "%.1f"
                                    : "%.2f",
                      lo + (hi - lo) * i / 4.0f);
        dl->AddText(ImVec2(p0.x, y - ImGui::GetTextLineHeight() / 2), text, lab);
    }
    size_t n = 0;
    for (const auto& s : series)
        n = std::max(n, s.values.size());
    auto x_of = [&](size_t i) {
        return n <= 1 ? (a.x + b.x) / 2 : a.x + (b.x - a.x) * i / float(n - 1);
    };
    auto y_of = [&](float v) {
        return b.y - (b.y - a.y) * (std::clamp(v, lo, hi) - lo) / (hi - lo);
    };
    for (size_t i = 0; i < n; ++i) {
        char lab[24];
        std::snprintf(lab, sizeof lab, "%zu", i + 1);
        if (n <= 16 || i % ((n + 15) / 16) == 0)
            dl->AddText(ImVec2(x_of(i) - 4, b.y + 2), text, lab);
    }
    float lx = a.x;
    for (const auto& s : series) {
        for (size_t i = 1; i < s.values.size(); ++i)
            dl->AddLine(ImVec2(x_of(i - 1), y_of(s.values[i - 1])),
                        ImVec2(x_of(i), y_of(s.values[i])), col(s.colour), 2.5f);
        for (size_t i = 0; i < s.values.size(); ++i)
            dl->AddCircleFilled(ImVec2(x_of(i), y_of(s.values[i])), 3.5f, col(s.colour));
        dl->AddRectFilled(ImVec2(lx, p0.y + 4), ImVec2(lx + 12, p0.y + 14), col(s.colour));
        dl->AddText(ImVec2(lx + 16, p0.y), ImGui::GetColorU32(ImGuiCol_Text), s.name.c_str());
        lx += 16 + ImGui::CalcTextSize(s.name.c_str()).x + 18;
    }
    ImGui::Dummy(size);
    ImGui::PopID();
}

void bar_chart(const char* id, const std::vector<std::string>& labels,
               const std::vector<float>& values, float max, const std::vector<ImVec4>& colours) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = 0;
    for (const auto& l : labels)
        label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
    label_w += 12;
    float width = ImGui::GetContentRegionAvail().x;
    float value_w = ImGui::CalcTextSize("100.00").x + 8;
    float bar_w = std::max(40.0f, width - label_w - value_w);
    float h = ImGui::GetTextLineHeight();
    ImVec4 accent = ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram);
    for (size_t i = 0; i < labels.size(); ++i) {
        ImVec2 p = ImGui::GetCursorScreenPos();
        float v = i < values.size() ? values[i] : 0.0f;
        float frac = max > 0 ? std::clamp(v / max, 0.0f, 1.0f) : 0.0f;
        dl->AddText(p, ImGui::GetColorU32(ImGuiCol_Text), labels[i].c_str());
        ImVec2 a(p.x + label_w, p.y + 2), b(p.x + label_w + bar_w, p.y + h - 2);
        dl->AddRectFilled(a, b, grid_colour(), 3.0f);
        ImVec4 c = i < colours.size() ? colours[i] : accent;
        if (frac > 0) dl->AddRectFilled(a, ImVec2(a.x + bar_w * frac, b.y), col(c), 3.0f);
        char lab[32];
        std::snprintf(lab, sizeof lab, max > 1.5f ? "%.0f" : "%.2f", v);
        dl->AddText(ImVec2(b.x + 8, p.y), ImGui::GetColorU32(ImGuiCol_Text), lab);
        ImGui::Dummy(ImVec2(width, h + 4));
    }
    ImGui::PopID();
}

void radar_chart(const char* id, const std::vector<std::string>& labels,
                 const std::vector<float>& values, float size, ImVec4 colour) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImVec2 c(p0.x + size / 2, p0.y + size / 2);
    float label_w = 0;
    for (const auto& l : labels)
        label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
    float r = std::max(20.0f, std::min(size / 2 - ImGui::GetTextLineHeight() * 1.5f,
                                       size / 2 - label_w * 0.6f - 6));
    size_t n = labels.size();
    if (n >= 3) {
        auto at = [&](size_t i, float v) {
            float ang = -3.14159265f / 2 + 2 * 3.14159265f * i / n;
            return ImVec2(c.x + std::cos(ang) * r * v, c.y + std::sin(ang) * r * v);
        };
        for (int ring = 1; ring <= 4; ++ring)
            for (size_t i = 0; i < n; ++i)
                dl->AddLine(at(i, ring / 4.0f), at((i + 1) % n, ring / 4.0f), grid_colour());
        std::vector<ImVec2> pts;
        for (size_t i = 0; i < n; ++i) {
            dl->AddLine(c, at(i, 1.0f), grid_colour());
            pts.push_back(at(i, std::clamp(i < values.size() ? values[i] : 0.0f, 0.0f, 1.0f)));
        }
        for (size_t i = 0; i < n; ++i) {
            dl->AddTriangleFilled(c, pts[i], pts[(i + 1) % n], col(colour, 0.25f));
            dl->AddLine(pts[i], pts[(i + 1) % n], col(colour), 2.0f);
        }
        for (size_t i = 0; i < n; ++i) {
            ImVec2 lp = at(i, 1.12f);
            ImVec2 ts = ImGui::CalcTextSize(labels[i].c_str());
            dl->AddText(ImVec2(lp.x - ts.x / 2, lp.y - ts.y / 2), ImGui::GetColorU32(ImGuiCol_Text),
                        labels[i].c_str());
        }
    }
    ImGui::Dummy(ImVec2(size, size));
    ImGui::PopID();
}

void column_chart(const char* id, const std::vector<std::string>& labels,
                  const std::vector<int>& values, ImVec2 size, ImVec4 colour) {
    ImGui::PushID(id);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float line = ImGui::GetTextLineHeight();
    int most = 1;
    for (int v : values)
        most = std::max(most, v);
    size_t n = std::max<size_t>(values.size(), 1);
    float slot = size.x / static_cast<float>(n);
    float top = at.y + line, bottom = at.y + size.y - line;  // room for counts and labels
    ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddLine(ImVec2(at.x, bottom), ImVec2(at.x + size.x, bottom), axis);
    for (size_t i = 0; i < values.size(); ++i) {
        float x0 = at.x + slot * static_cast<float>(i) + slot * 0.15f, x1 = x0 + slot * 0.7f;
        float h = (bottom - top) * static_cast<float>(values[i]) / static_cast<float>(most);
        if (values[i] > 0)
            dl->AddRectFilled(ImVec2(x0, bottom - h), ImVec2(x1, bottom),
                              ImGui::ColorConvertFloat4ToU32(colour));
        std::string count = std::to_string(values[i]);
        float cw = ImGui::CalcTextSize(count.c_str()).x;
        dl->AddText(ImVec2((x0 + x1 - cw) / 2, bottom - h - line), text, count.c_str());
        if (i < labels.size()) {
            float lw = ImGui::CalcTextSize(labels[i].c_str()).x;
            dl->AddText(ImVec2((x0 + x1 - lw) / 2, bottom), axis, labels[i].c_str());
        }
    }
    ImGui::PopID();
}

}  // namespace impasse::gui
