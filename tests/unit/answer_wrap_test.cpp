// The answer box's own word wrap (app/gui/answer_wrap.h; issue 18, "The drill screen"): spaces
// become soft breaks where a line is too wide, the trainee's own line breaks stay, and the text
// sent is the text typed.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "gui/answer_wrap.h"

using impasse::gui::AnswerWrap;

namespace {

// Every byte is one unit wide.
float bytes(const char* begin, const char* end) {
    return static_cast<float>(end - begin);
}

// Wraps `text` as the box would after an edit that left it so, and returns what it shows.
std::string wrap(AnswerWrap& w, std::string& text, float width) {
    w.rewrap(text.data(), text.size(), width, bytes);
    return text;
}

}  // namespace

TEST_CASE("a line too wide breaks at its last space, and the breaks are undone for sending") {
    AnswerWrap w;
    std::string text = "what is that like for you";
    CHECK(wrap(w, text, 12) == "what is that\nlike for you");
    CHECK(text.size() == std::strlen("what is that like for you"));  // the cursor stays valid
    CHECK(w.unwrapped(text) == "what is that like for you");
}

TEST_CASE("a word wider than the box stays whole on its own line") {
    AnswerWrap w;
    std::string text = "a metacommunication now";
    CHECK(wrap(w, text, 8) == "a\nmetacommunication\nnow");
    CHECK(w.unwrapped(text) == "a metacommunication now");
}

TEST_CASE("the trainee's own line breaks are kept, and soft breaks follow edits") {
    AnswerWrap w;
    std::string text = "one two three\nfour";
    CHECK(wrap(w, text, 9) == "one two\nthree\nfour");
    CHECK(w.unwrapped(text) == "one two three\nfour");
    // Typing at the start moves the wrap; the typed '\n' after "three" stays hard.
    text = "zero " + text;
    CHECK(wrap(w, text, 9) == "zero one\ntwo three\nfour");
    CHECK(w.unwrapped(text) == "zero one two three\nfour");
    // Deleting the first word lets the rest flow back.
    text = text.substr(5);
    CHECK(wrap(w, text, 9) == "one two\nthree\nfour");
    CHECK(w.unwrapped(text) == "one two three\nfour");
    // A wider box: no soft break is needed any more.
    CHECK(wrap(w, text, 40) == "one two three\nfour");
}

TEST_CASE("a pasted line break in the middle of wrapped text is the trainee's") {
    AnswerWrap w;
    std::string text = "aaa bbb ccc";
    CHECK(wrap(w, text, 7) == "aaa bbb\nccc");
    text.insert(4, "x\n");  // "aaa x\nbbb\nccc": the new '\n' is typed, the old one soft
    CHECK(wrap(w, text, 7) == "aaa x\nbbb ccc");
    CHECK(w.unwrapped(text) == "aaa x\nbbb ccc");
}

TEST_CASE("text changed behind the wrap's back is returned as it is") {
    AnswerWrap w;
    std::string text = "one two three";
    wrap(w, text, 7);
    CHECK(w.unwrapped("something\nelse") == "something\nelse");
    w.clear();
    CHECK(w.unwrapped(text) == text);
}
