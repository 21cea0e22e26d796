#include "gui/shell.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "gui/platform.h"
#include "impasse/paths.h"

namespace fs = std::filesystem;

namespace impasse::gui {

Shell::Shell(const Options& options) : options_(options) {
    load_library();
}

void Shell::attach(Platform& platform) {
    platform_ = &platform;
    fonts_ = apply_look(theme_, font_scale_ * platform.content_scale());
}

void Shell::load_library() {
    scenario_files_.clear();
    std::vector<std::string> dirs{paths::bundled_scenarios()};
    if (!options_.extra_scenarios.empty()) dirs.push_back(options_.extra_scenarios);
    for (const auto& d : dirs) {
        std::error_code ec;
        if (d.empty() || !fs::is_directory(d, ec)) continue;
        for (auto it = fs::recursive_directory_iterator(d, ec); !ec && it != fs::end(it);
             it.increment(ec)) {
            auto ext = it->path().extension();
            if (ext == ".yaml" || ext == ".yml") scenario_files_.push_back(it->path().string());
        }
    }
    std::sort(scenario_files_.begin(), scenario_files_.end());
}

bool Shell::frame() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##shell", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
    draw_library();
    ImGui::End();
    return false;
}

void Shell::draw_library() {
    ImGui::PushFont(fonts_.heading);
    ImGui::TextUnformatted("Impasse");
    ImGui::PopFont();
    ImGui::TextDisabled("Practise resolving alliance ruptures. Ångström, smörgåsbord.");
    ImGui::Separator();
    if (scenario_files_.empty()) {
        ImGui::TextWrapped("No scenarios found. Bundled cases live in %s.",
                           paths::bundled_scenarios().c_str());
        return;
    }
    for (const auto& f : scenario_files_)
        ImGui::BulletText("%s", fs::path(f).filename().c_str());
}

}  // namespace impasse::gui
