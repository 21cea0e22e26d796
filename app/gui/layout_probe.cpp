#include "gui/layout_probe.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace impasse::gui::probe {
namespace {

struct Probe {
    const char* path = std::getenv("IMPASSE_LAYOUT_DUMP");
    std::string frame;  // this frame's records so far
    std::string last;   // the records last written
};

Probe& probe() {
    static Probe p;
    return p;
}

void add(const char* format, ...) __attribute__((format(printf, 1, 2)));
void add(const char* format, ...) {
    char line[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(line, sizeof line, format, args);
    va_end(args);
    probe().frame += line;
}

}  // namespace

bool enabled() {
    return probe().path && *probe().path;
}

void item(const char* name) {
    if (!enabled()) return;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const ImRect& clip = ImGui::GetCurrentWindow()->ClipRect;
    add("item %s %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\n", name, a.x, a.y, b.x, b.y, clip.Min.x,
        clip.Min.y, clip.Max.x, clip.Max.y);
}

void window(const char* name) {
    if (!enabled()) return;
    ImVec2 a = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    add("window %s %.0f %.0f %.0f %.0f %.0f %.0f\n", name, a.x, a.y, a.x + s.x, a.y + s.y,
        ImGui::GetScrollY(), ImGui::GetScrollMaxY());
}

void end_frame() {
    if (!enabled()) return;
    Probe& p = probe();
    ImVec2 v = ImGui::GetMainViewport()->Size;
    char head[64];
    std::snprintf(head, sizeof head, "viewport %.0f %.0f\n", v.x, v.y);
    std::string records = head + p.frame;
    p.frame.clear();
    if (records == p.last) return;
    p.last = records;
    // Written whole and renamed, so a reader never sees half a frame.
    std::string tmp = std::string(p.path) + ".tmp";
    if (std::FILE* f = std::fopen(tmp.c_str(), "w")) {
        std::fwrite(records.data(), 1, records.size(), f);
        std::fclose(f);
        std::rename(tmp.c_str(), p.path);
    }
}

}  // namespace impasse::gui::probe
