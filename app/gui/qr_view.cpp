#include "gui/qr_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace impasse::gui {

int draw_qr(const cli::QrMatrix& m, float side) {
    int modules = m.size + 2 * cli::kQrQuietZone;
    int px = std::max(2, static_cast<int>(side) / std::max(modules, 1));
    ImVec2 at = ImGui::GetCursorScreenPos();
    at.x = std::floor(at.x);
    at.y = std::floor(at.y);
    float full = static_cast<float>(px * modules);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + full, at.y + full), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size;) {  // one rectangle per run of dark modules
            if (!m.at(x, y)) {
                ++x;
                continue;
            }
            int run = x;
            while (run < m.size && m.at(run, y))
                ++run;
            float x0 = at.x + static_cast<float>((x + cli::kQrQuietZone) * px);
            float y0 = at.y + static_cast<float>((y + cli::kQrQuietZone) * px);
            dl->AddRectFilled(
                ImVec2(x0, y0),
                ImVec2(x0 + static_cast<float>((run - x) * px), y0 + static_cast<float>(px)),
                IM_COL32(0, 0, 0, 255));
            x = run;
        }
    }
    ImGui::Dummy(ImVec2(full, full));
    return px;
}

}  // namespace impasse::gui
