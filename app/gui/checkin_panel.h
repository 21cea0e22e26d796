// The inner-skills check-in and the beginner's-mind pause: two short moments in which the
// trainee attends to themselves before answering or before a drill starts.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "impasse/store.h"

namespace impasse::gui {

struct Ui;

// What a check-in holds while it is open, and after, until its turn is answered.
struct CheckinForm {
    bool open = false;
    int turn = -1;
    bool more = false;    // the whole form (every feeling and urge, intensity, body) is shown
    float slot_h = 0;     // the tallest the strip has been this turn: kept after it closes
    std::string summary;  // after it closed: what was noted (or "skipped")
    std::vector<std::string> feelings;
    int intensity = 5;
    std::vector<std::string> urges;
    char body[160] = "";
    std::vector<std::string> suggested_feelings;  // the node's `pull`, shown as a gentle hint
    std::vector<std::string> suggested_urges;
};

// The check-in as a compact strip: the feelings and urges this moment tends to pull (or, when
// the case names none, every feeling) as chips, keyed 1-9 while `keys` is true; "More" opens
// the whole form. Enter (`enter`) or Done saves, Escape or Skip skips. Returns true when the
// trainee is done (`skipped` tells whether they skipped). Once closed it keeps its height for
// the rest of the turn with a one-line summary (draw_checkin_closed), so closing it moves
// nothing under the cursor.
bool draw_checkin_strip(Ui& ui, CheckinForm& form, bool keys, bool enter, bool* skipped);
void draw_checkin_closed(const CheckinForm& form);

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
