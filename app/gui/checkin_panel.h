// The inner-skills check-in and the beginner's-mind pause: two short moments in which the
// trainee attends to themselves before answering or before a drill starts.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "impasse/store.h"

namespace impasse::gui {

struct Ui;

// What a check-in form holds while it is open.
struct CheckinForm {
    bool open = false;
    int turn = -1;
    std::vector<std::string> feelings;
    int intensity = 5;
    std::vector<std::string> urges;
    char body[160] = "";
    std::vector<std::string> suggested_feelings;  // the node's `pull`, shown as a gentle hint
    std::vector<std::string> suggested_urges;
};

// Draws the form; returns true when the trainee is done (`skipped` tells whether they skipped).
bool draw_checkin(Ui& ui, CheckinForm& form, bool* skipped);

CheckIn to_checkin(const CheckinForm& form, int64_t drill_id);

struct PauseState {
    bool open = false;
    double seconds = 60;  // 30..90
    std::chrono::steady_clock::time_point started;
    char note[200] = "";
};

// Draws the pause; returns true when it ends (time up, Continue, or skipped with Escape).
bool draw_pause(Ui& ui, PauseState& pause);

}  // namespace impasse::gui
