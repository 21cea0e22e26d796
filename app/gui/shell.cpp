#include "gui/shell.h"

#include <imgui.h>
#include <sys/stat.h>

#include <algorithm>

#include "gui/keys.h"
#include "gui/layout_probe.h"
#include "gui/panels.h"
#include "gui/platform.h"
#include "impasse/paths.h"
#include "impasse/rubric_scorer.h"

namespace impasse::gui {

Shell::Shell(const Options& options) {
    ui_.options = options;
    std::string config = paths::user_config();
    ui_.settings_path = config + "/settings.json";
    std::string warning;
    if (paths::ensure_private_dir(config).empty()) {
        // One written by an older Impasse has the umask's mode (0644); saves make it 0600.
        ::chmod(ui_.settings_path.c_str(), 0600);
        ui_.settings = Settings::load(ui_.settings_path, &warning);
    }
    if (!warning.empty()) ui_.banners.push_back(warning);
    if (!options.theme.empty()) ui_.settings.theme = options.theme;
    if (options.font_scale > 0) ui_.settings.font_scale = options.font_scale;
    ui_.reload_library();
    if (std::string assets = paths::assets(); !assets.empty())
        ui_.learn = load_learn_pages(assets + "/learn");
    std::string data_dir = !options.data_dir.empty()        ? options.data_dir
                           : !ui_.settings.data_dir.empty() ? ui_.settings.data_dir
                                                            : paths::default_user_data();
    ui_.open_store(data_dir);
    std::string scorer_error;
    ui_.scorer = make_default_scorer(&scorer_error);
    if (!ui_.scorer) ui_.report("Typed answers cannot be scored: " + scorer_error);
    if (!options.open.empty()) ui_.start_drill(options.open);
    if (!options.workshop.empty()) ui_.start_demo(options.workshop);
    if (!options.spot.empty()) ui_.start_spotting(options.spot);
    if (!options.replay.empty()) {
        ui_.drill = std::make_unique<DrillSession>();
        std::string e =
            ui_.drill->load_transcript(options.replay, ui_.library.scenarios, ui_.scorer.get());
        if (!e.empty()) {
            ui_.report("Cannot open " + options.replay + ": " + e);
            ui_.drill.reset();
        } else {
            ui_.screen = Screen::debrief;
        }
    }
    if (!options.screen.empty() && !screen_from_id(options.screen, &ui_.screen))
        ui_.banners.push_back("Unknown screen '" + options.screen + "'; showing the library.");
    if (!options.learn.empty()) {
        if (ui_.learn.find(options.learn))
            ui_.open_learn(options.learn);
        else
            ui_.banners.push_back("There is no Learn page '" + options.learn + "'.");
    }
}

void Shell::attach(Platform& platform) {
    platform_ = &platform;
}

void Shell::prepare() {
    // The workshop's projector layout has its own look; switching screens switches it.
    if (projector_look_ != (ui_.projector && ui_.screen == Screen::workshop)) ui_.look_dirty = true;
    if (!ui_.look_dirty || !platform_) return;
    bool projector = ui_.projector && ui_.screen == Screen::workshop;
    ui_.fonts = apply_look(
        projector ? Theme::high_contrast : theme_from_name(ui_.settings.theme),
        (projector ? ui_.projector_scale : ui_.settings.font_scale) * platform_->content_scale());
    projector_look_ = projector;
    ui_.look_dirty = false;
}

void Shell::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl) return;
    if (keys::pressed(keys::f_key)) {
        ui_.screen = Screen::library;
        ui_.focus_search = true;
    }
    float step = 0.0f;
    if (keys::pressed(keys::equal) || keys::pressed(keys::keypad_add)) step = 0.1f;
    if (keys::pressed(keys::minus) || keys::pressed(keys::keypad_subtract)) step = -0.1f;
    if (step != 0.0f && projector_look_) {
        // The projector's own text size: for this room, not saved as the trainee's setting.
        ui_.projector_scale = std::clamp(ui_.projector_scale + step, 1.0f, 3.0f);
        ui_.look_dirty = true;
    } else if (step != 0.0f) {
        ui_.settings.font_scale = std::clamp(ui_.settings.font_scale + step, 0.75f, 2.5f);
        ui_.look_dirty = true;
        ui_.settings.save(ui_.settings_path);
    }
}

bool Shell::frame() {
    if (ui_.options.bare) {
        // The floor for frame-cost measurements: one empty full-window ImGui window.
        const ImGuiViewport* v = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(v->WorkPos);
        ImGui::SetNextWindowSize(v->WorkSize);
        ImGui::Begin("##bare", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        ImGui::End();
        return false;
    }
    handle_shortcuts();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##shell", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground);
    bool projector = ui_.projector && ui_.screen == Screen::workshop;
    if (!projector) {  // the projector shows the demo and nothing else
        draw_nav_bar(ui_);
        draw_banners(ui_);
        draw_record_problem(ui_);
    }
    switch (ui_.screen) {
        case Screen::library:
            draw_library(ui_);
            break;
        case Screen::settings:
            draw_settings(ui_);
            break;
        case Screen::learn:
            draw_learn(ui_);
            break;
        case Screen::drill:
            draw_drill(ui_);
            break;
        case Screen::debrief:
            draw_debrief(ui_);
            break;
        case Screen::progress:
            draw_progress(ui_);
            break;
        case Screen::workshop:
            draw_workshop(ui_);
            break;
        case Screen::spot:
            draw_spot(ui_);
            break;
        case Screen::author:
            draw_author(ui_);
            break;
    }
    ImGui::End();
    probe::end_frame();
    // The author view watches files: wake twice a second while it is open.
    // The author view polls its folder; a live audience vote redraws as votes arrive.
    if (platform_)
        platform_->set_idle_wait(ui_.screen == Screen::workshop && ui_.audience ? 0.25
                                 : ui_.screen == Screen::author                 ? 0.5
                                                                                : 5.0);
    bool animating = ui_.animating;
    ui_.animating = false;
    return animating;
}

}  // namespace impasse::gui
