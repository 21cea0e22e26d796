// Charts drawn with ImGui's draw lists: a line chart (alliance over turns), horizontal bars
// (per-principle averages, audience tallies) and a radar (principle profile).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace impasse::gui {

struct Series {
    std::string name;
    std::vector<float> values;  // one per x, each in [lo, hi]
    ImVec4 colour;
};

// Lines over x = 0..n-1 in a box of `size`, y from lo to hi, with a legend and x ticks.
void line_chart(const char* id, const std::vector<Series>& series, float lo, float hi, ImVec2 size);

// One bar per label with its value in [0, max] printed at the end; `colours` may be empty.
void bar_chart(const char* id, const std::vector<std::string>& labels,
               const std::vector<float>& values, float max,
               const std::vector<ImVec4>& colours = {});

// Vertical bars side by side in a box of `size`: each value (>= 0) drawn against the largest,
// printed above its bar, with its label below.
void column_chart(const char* id, const std::vector<std::string>& labels,
                  const std::vector<int>& values, ImVec2 size, ImVec4 colour);

// A radar of values in [0,1] around labels, in a square of `size`.
void radar_chart(const char* id, const std::vector<std::string>& labels,
                 const std::vector<float>& values, float size, ImVec4 colour);

}  // namespace impasse::gui
