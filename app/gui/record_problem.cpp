// The record could not be opened (a damaged file, another program's file, a newer version's
// database, no permission): say so plainly and let the trainee choose. "Start a fresh record"
// opens a new, empty record in a new folder inside the data folder and remembers it in the
// settings; the file that failed is left exactly as it was, so nothing is lost and it can be
// repaired or sent for help. "Continue without saving" runs the app with nothing recorded.
#include <imgui.h>

#include <ctime>

#include "gui/palette.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"

namespace impasse::gui {
namespace {

std::string fresh_folder(const std::string& data_dir) {
    char stamp[32];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    return data_dir + "/fresh-record-" + stamp;
}

}  // namespace

void draw_record_problem(Ui& ui) {
    if (!ui.record_problem_open) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colour_tint(colour_problem(), alpha::banner));
    float h = ImGui::GetTextLineHeightWithSpacing() * 5.6f;
    ImGui::BeginChild("record_problem", ImVec2(0, h), true);
    ImGui::AlignTextToFramePadding();
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted("Your record could not be opened");
    ImGui::PopFont();
    ImGui::SameLine(0, 24);
    bool fresh = ImGui::Button("Start a fresh record");
    ImGui::SameLine();
    bool without = ImGui::Button("Continue without saving");
    wrapped(ui.store_error);
    wrapped(
        "Nothing has been changed or deleted. You can start a fresh, empty record in a new "
        "folder (the old file stays where it is), or continue without saving anything.");
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (without) {
        ui.record_problem_open = false;
        ui.report(
            "Nothing you do in this run is saved, because your record could not be "
            "opened.");
    }
    if (!fresh) return;
    std::string old_dir = ui.data_dir, old_error = ui.store_error;
    std::string dir = fresh_folder(old_dir);
    ui.open_store(dir);
    if (!ui.store) return;  // the panel stays, now naming the new folder's problem
    ui.record_problem_open = false;
    if (ui.options.data_dir.empty()) {
        ui.settings.data_dir = dir;
        if (std::string e = ui.settings.save(ui.settings_path); !e.empty())
            ui.report("The new folder could not be remembered in your settings: " + e);
    }
    ui.report("A fresh record was started in " + dir +
              ". The file that could not be opened was "
              "left untouched in " +
              old_dir + ".");
    ui.record_changed();
}

}  // namespace impasse::gui
