// What the drill screen keeps between frames, apart from the drill itself (DrillSession): the
// answer box, the check-in, the feedback card and the layout measured on the last frame. One
// owner (Ui::drill_view), reset when a drill starts or resumes.
#pragma once

#include "gui/answer_box.h"
#include "gui/checkin_panel.h"

namespace impasse::gui {

struct DrillView {
    AnswerBox answer;
    CheckinForm checkin;
    int checkin_done_for = -1;         // turn whose check-in was answered or skipped
    bool scroll_conversation = false;  // scroll the conversation to its end on the next frame
    float decision_h = 0;              // the decision card's height last frame (0: not yet)
    bool feedback_open = true;         // the feedback card is expanded (kept for the whole drill)
    float feedback_h = 0;              // the feedback card's content height last frame
    float feedback_read_h = 0;         // ... down to the end of its score line
    int feedback_turn = -1;            // the answer the feedback card last showed

    // A fresh view for a drill that starts at turn `turn` (0, or the turns resumed), with the
    // answer box taking the keyboard.
    void reset(int turn) {
        *this = DrillView();
        checkin_done_for = turn > 0 ? turn : -1;
        scroll_conversation = turn > 0;
        answer.focus = true;
    }
};

}  // namespace impasse::gui
