#include "gui/answer_wrap.h"

#include <cstring>

namespace impasse::gui {

bool AnswerWrap::rewrap(char* text, size_t len, float width, const Measure& measure) {
    std::string now(text, len);
    // The soft breaks carry over where the text is unchanged: its common start and end with the
    // text as last wrapped. An edit in between may have typed or pasted a '\n' of its own.
    size_t old_len = last_.size();
    size_t prefix = 0;
    while (prefix < len && prefix < old_len && now[prefix] == last_[prefix])
        ++prefix;
    size_t suffix = 0;
    while (suffix < len - prefix && suffix < old_len - prefix &&
           now[len - 1 - suffix] == last_[old_len - 1 - suffix])
        ++suffix;
    std::string soft(len, '\0');
    for (size_t i = 0; i < prefix; ++i)
        soft[i] = soft_[i];
    for (size_t k = 0; k < suffix; ++k)
        soft[len - 1 - k] = soft_[old_len - 1 - k];
    for (size_t i = 0; i < len; ++i)
        if (soft[i]) {
            now[i] = ' ';
            soft[i] = '\0';
        }
    // Greedy wrap: at the end of each word, a line too wide breaks at its last space.
    size_t line = 0;
    size_t space = std::string::npos;
    for (size_t i = 0; i <= len; ++i) {
        bool hard = i < len && now[i] == '\n';
        if (i < len && now[i] != ' ' && !hard) continue;
        if (space != std::string::npos && measure(now.data() + line, now.data() + i) > width) {
            now[space] = '\n';
            soft[space] = '\1';
            line = space + 1;
        }
        space = i;
        if (hard) {
            line = i + 1;
            space = std::string::npos;
        }
    }
    bool changed = std::memcmp(text, now.data(), len) != 0;
    if (changed) std::memcpy(text, now.data(), len);
    last_ = std::move(now);
    soft_ = std::move(soft);
    return changed;
}

std::string AnswerWrap::unwrapped(const std::string& text) const {
    if (text != last_) return text;
    std::string out = text;
    for (size_t i = 0; i < out.size(); ++i)
        if (soft_[i]) out[i] = ' ';
    return out;
}

void AnswerWrap::clear() {
    last_.clear();
    soft_.clear();
}

}  // namespace impasse::gui
