// The GUI's shared state, handed to every panel. Panels are free functions, one per file
// (panels.h); they read this state every frame and change it only through plain fields or the
// small actions below, so the flow of a frame stays easy to follow.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/audience_live.h"
#include "gui/checkin_panel.h"
#include "gui/drill_session.h"
#include "gui/drill_view.h"
#include "gui/gui.h"
#include "gui/settings.h"
#include "gui/theme.h"
#include "impasse/demo.h"
#include "impasse/learn.h"
#include "impasse/scenario_loader.h"
#include "impasse/scorer.h"
#include "impasse/spotting.h"
#include "impasse/store.h"

namespace impasse::gui {

enum class Screen { library, drill, debrief, progress, learn, settings, workshop, spot, author };

const char* screen_id(Screen s);  // "library", "drill", ...
bool screen_from_id(const std::string& id, Screen* out);

struct LibraryFilter {
    char search[128] = "";
    int rupture_type = 0;  // 0 any, 1 withdrawal, 2 confrontation
    int kind = 0;          // 0 any, 1 cases, 2 moments
    int difficulty = 0;    // 0 any, 1..3
    std::string marker;    // "" any
    std::string tag;       // "" any
    int done = 0;          // 0 any, 1 done, 2 not done yet
};

struct Ui {
    Options options;
    Settings settings;
    std::string settings_path;
    Fonts fonts;
    bool look_dirty = true;  // fonts/theme must be rebuilt before the next frame

    Library library;
    LibraryFilter filter;
    std::string selected;             // scenario id selected in the library
    bool focus_search = false;        // Ctrl+F: put the keyboard in the search box
    bool select_first_match = false;  // the search changed: select the first case that matches

    LearnLibrary learn;
    std::string learn_page;               // id of the page shown
    std::vector<std::string> learn_back;  // pages visited before, for Back

    // The trainee's record; null when it could not be opened (store_error says why).
    std::unique_ptr<Store> store;
    std::string store_error;
    bool record_problem_open = false;  // the store failed and the trainee has not chosen yet
    std::string data_dir;
    std::unique_ptr<Scorer> scorer;  // null when the rubric could not be loaded

    // The running drill and the GUI state of its panels.
    std::unique_ptr<DrillSession> drill;
    DrillView drill_view;  // the drill screen's own state (answer box, check-in, layout)
    PauseState pause;
    bool timer_on = false;
    double timer_seconds = 90;
    std::chrono::steady_clock::time_point timer_started;
    // 0..10 per principle, ids.yaml order; -1 until the trainee moves the slider (not saved).
    int self_ratings[10] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
    int64_t self_assessed = 0;  // drill whose self-assessment was saved or skipped
    int distress = 5;
    bool distress_dirty = false;
    char journal[1024] = "";

    // A workshop demo (workshop_panel.cpp) and its presenter's view.
    std::unique_ptr<Demo> demo;
    int64_t demo_id = 0;           // its row in the store, once saved
    bool projector = true;         // very large type, high contrast, no clutter
    float projector_scale = 1.5f;  // the projector layout's text size (Ctrl+plus/minus there)
    bool reveal = false;           // scores and the patient's state are shown
    bool whatif = false;           // every response side by side
    bool orientations = false;     // columns by orientation (moments that carry them)
    bool tally_mode = false;       // digit keys count raised hands
    // The room's phones voting (audience_live.h), while the presenter runs a vote. Declared
    // after the demo so that it stops before the demo goes.
    std::unique_ptr<LiveAudience> audience;
    // Starts a workshop demo of scenario `id` on the workshop screen (stopping any vote).
    void start_demo(const std::string& id);
    // Starts the audience vote for the demo on the address in the settings (or the command
    // line), or stops it; prints where phones connect and the presenter's token to stdout.
    void toggle_audience();
    // Saves the demo (branches and tallies) to the store; reports a failure in a banner.
    void save_demo();

    // A marker-spotting attempt (spot_panel.cpp): the lines to read, the flags per line (marker
    // ids, or "none"), how many lines are shown so far, and the result once scored.
    struct Spotting {
        SpottingSheet sheet;
        std::vector<std::vector<std::string>> flags;  // per turn
        int shown = 1;
        int selected = 0;
        int scrolled_to = 0;  // the line count the list was last scrolled down for
        std::optional<SpottingResult> result;
    };
    std::unique_ptr<Spotting> spotting;
    void start_spotting(const std::string& id);

    Screen screen = Screen::library;
    std::vector<std::string> banners;  // messages shown at the top until dismissed
    bool animating = false;            // a panel wants frames soon (timer, pause)

    const Scenario* find_scenario(const std::string& id) const;
    ScenarioPtr scenario_ptr(const std::string& id) const;
    // scenario_ptr(), reporting in a banner when the case is not in the library.
    ScenarioPtr case_to_start(const std::string& id);
    void reload_library();
    void set_screen(Screen s) { screen = s; }
    void open_learn(const std::string& id);

    // Opens the store in `dir`; on failure keeps store null and sets store_error.
    void open_store(const std::string& dir);
    // Starts a drill of scenario `id` (with the beginner's-mind pause when the settings ask).
    void start_drill(const std::string& id);
    // Continues the last unfinished drill in the store.
    void resume_drill();
    // Shows `message` in a banner when it is not empty.
    void report(const std::string& message);
    // Turns a moment drill's answer timer on or off as the settings say, and restarts it.
    void arm_timer(const Scenario& s);
    // After an answer: scroll the conversation, restart a moment's timer, refresh progress.
    void after_turn();
    // The record changed (a turn, a check-in): cached progress figures are stale.
    void record_changed() { record_version++; }
    int record_version = 0;
    // The latest finished drill of each scenario, refreshed when the record changes.
    const std::map<std::string, DrillRow>& last_drills();
    std::map<std::string, DrillRow> last_drills_;
    int last_drills_version_ = -1;
};

}  // namespace impasse::gui
