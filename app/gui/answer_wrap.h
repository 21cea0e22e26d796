// The answer box's word wrap. Dear ImGui 1.86's multiline text box does not wrap, so the box
// wraps its own text: where a line must break, a space becomes '\n' (a "soft" break). A swap of
// one byte for another keeps the text's length, and so the cursor and the selection, where they
// were. The wrap remembers which '\n' are soft; the trainee's own line breaks (Shift+Enter, or
// pasted) stay as they are, and the text as the trainee means it is unwrapped().
#pragma once

#include <functional>
#include <string>

namespace impasse::gui {

class AnswerWrap {
  public:
    // The width of text[begin, end) as drawn, in the same unit as the wrap width.
    using Measure = std::function<float(const char* begin, const char* end)>;

    // Wraps the `len` bytes of `text` in place to `width`, after an edit or a change of width.
    // The soft breaks of the text as last wrapped carry over to its unchanged start and end;
    // every '\n' in between was typed or pasted and stays. Returns true when `text` changed.
    bool rewrap(char* text, size_t len, float width, const Measure& measure);

    // `text` with its soft breaks turned back into spaces. Text this wrap did not produce last
    // (changed since) is returned as it is.
    std::string unwrapped(const std::string& text) const;

    // Forgets the soft breaks (the box was emptied).
    void clear();

  private:
    std::string last_;  // the text as last wrapped
    std::string soft_;  // per byte of last_: 1 where last_ holds a soft break
};

}  // namespace impasse::gui
