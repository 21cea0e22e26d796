#include "gui/answer_box.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstring>

#include "gui/layout_probe.h"

namespace impasse::gui {
namespace {

constexpr int kMaxLines = 5;

float measure(const char* begin, const char* end) {
    return ImGui::CalcTextSize(begin, end).x;
}

// The width the text may take: the box less its padding and a scrollbar's room (kept even
// without one, so that the wrap does not change when a sixth line brings the scrollbar).
float wrap_width(float width) {
    const ImGuiStyle& s = ImGui::GetStyle();
    return std::max(1.0f, width - 2 * s.FramePadding.x - s.ScrollbarSize);
}

struct Callback {
    AnswerBox* box;
    float wrap;
    bool enter;       // Enter (or keypad Enter) went down this frame
    bool digit_keys;  // digits are shortcuts while the box is empty
    bool was_empty;
    bool sent = false;
};

// Enter and Shift+Enter: ImGui 1.86 has no flag for that pairing, so the box is a plain
// multiline one (Enter inserts '\n') and its character filter turns a '\n' typed with Enter but
// without Shift into "send". The modifier fields of ImGuiIO are never written here: ImGui
// asserts they agree with io.KeyMods.
int on_event(ImGuiInputTextCallbackData* data) {
    auto* c = static_cast<Callback*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackCharFilter) {
        ImWchar ch = data->EventChar;
        if (ch == '\n' && c->enter && !ImGui::GetIO().KeyShift) {
            c->sent = true;
            return 1;  // drop the '\n'
        }
        if (c->digit_keys && c->was_empty && ch >= '1' && ch <= '9') return 1;
        return 0;
    }
    // Every frame while active: wrap what is there (an edit, or a new width).
    if (c->box->wrap.rewrap(data->Buf, static_cast<size_t>(data->BufTextLen), c->wrap, measure))
        data->BufDirty = true;
    return 0;
}

int line_count(const char* text) {
    return 1 + static_cast<int>(std::count(text, text + std::strlen(text), '\n'));
}

}  // namespace

float answer_box_height(const AnswerBox& box) {
    int lines =
        std::clamp(line_count(box.text), std::clamp(box.min_lines, 1, kMaxLines), kMaxLines);
    return ImGui::GetTextLineHeight() * static_cast<float>(lines) +
           2 * ImGui::GetStyle().FramePadding.y;
}

bool draw_answer_box(AnswerBox& box, const char* hint, float width, bool digit_keys) {
    Callback c{&box, wrap_width(width), false, digit_keys, box.empty()};
    c.enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
              ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
    ImGuiID id = ImGui::GetID("##answer");
    // While the box is not being edited its text is ours to wrap (a new width, a cleared box).
    if (ImGui::GetActiveID() != id)
        box.wrap.rewrap(box.text, std::strlen(box.text), c.wrap, measure);
    if (box.focus) {
        ImGui::SetKeyboardFocusHere(0);
        box.focus = false;
    }
    ImGui::InputTextMultiline(
        "##answer", box.text, sizeof box.text, ImVec2(width, answer_box_height(box)),
        ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_CallbackAlways, on_event, &c);
    probe::item("answer_box");
    if (box.empty() && hint && *hint) {
        ImVec2 p = ImGui::GetItemRectMin();
        const ImGuiStyle& s = ImGui::GetStyle();
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + s.FramePadding.x, p.y + s.FramePadding.y),
                                            ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
    }
    bool sent = c.sent;
    // Ctrl+Enter leaves the box (ImGui's own rule for a multiline box); it sends as well.
    if (c.enter && ImGui::GetIO().KeyCtrl && ImGui::IsItemDeactivated()) sent = true;
    // The box keeps its own copy of the text while it is active: let go of it so that the
    // cleared answer shows; the caller asks for the focus back.
    if (c.sent) ImGui::ClearActiveID();
    return sent;
}

}  // namespace impasse::gui
