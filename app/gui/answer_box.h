// The drill's answer box: the trainee's own words. It wraps (answer_wrap.h), grows from
// min_lines to five as the text does, shows a hint while empty, and takes the keyboard focus when
// asked. Enter sends; Shift+Enter adds a line.
#pragma once

#include <string>

#include "gui/answer_wrap.h"

namespace impasse::gui {

struct AnswerBox {
    char text[2048] = "";  // as shown (with the wrap's soft breaks)
    AnswerWrap wrap;
    bool focus = false;  // take the keyboard focus on the next draw
    int min_lines = 2;   // the height of the empty box, in lines (it grows to five)

    bool empty() const { return text[0] == '\0'; }
    // The text as the trainee typed it: soft breaks undone.
    std::string typed() const { return wrap.unwrapped(text); }
    void clear() {
        text[0] = '\0';
        wrap.clear();
    }
};

// Draws the box `width` pixels wide with `hint` shown while it is empty. While it is empty and
// `digit_keys` is true, the digits 1-9 are shortcuts elsewhere (options, the check-in) and are
// not typed into it. Returns true when the trainee sent what is typed (Enter, Ctrl+Enter); the
// caller reads typed() and clears the box.
bool draw_answer_box(AnswerBox& box, const char* hint, float width, bool digit_keys);

// The height the box takes for its current text, in pixels (for layouts that plan ahead).
float answer_box_height(const AnswerBox& box);

}  // namespace impasse::gui
