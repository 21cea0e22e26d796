#include "gui/checkin_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "gui/keys.h"
#include "gui/layout_probe.h"
#include "gui/palette.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

bool toggle_chip(const std::string& id, const char* label, std::vector<std::string>& chosen,
                 bool hinted) {
    bool on = std::find(chosen.begin(), chosen.end(), id) != chosen.end();
    ImVec4 c = on ? colour_withdrawal() : colour_neutral();
    ImGui::PushStyleColor(ImGuiCol_Button,
                          colour_tint(c, on ? alpha::toggle_on : alpha::toggle_off));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour_tint(c, on ? alpha::toggle_on_hovered
                                                                    : alpha::toggle_off_hovered));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 14.0f);
    // Only a chip many therapists choose here has a frame.
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, hinted ? 1.0f : 0.0f);
    bool clicked = ImGui::Button(label);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
    if (clicked) {
        if (on)
            chosen.erase(std::remove(chosen.begin(), chosen.end(), id), chosen.end());
        else
            chosen.push_back(id);
    }
    return clicked;
}

void chip_grid(const std::vector<vocab::Term>& terms, std::vector<std::string>& chosen,
               const std::vector<std::string>& hints) {
    float right = ImGui::GetContentRegionAvail().x;
    float x = 0;
    for (const auto& t : terms) {
        std::string label(t.label);
        float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (x > 0 && x + w < right)
            ImGui::SameLine();
        else
            x = 0;
        ImGui::PushID(std::string(t.id).c_str());
        bool hinted = std::find(hints.begin(), hints.end(), t.id) != hints.end();
        toggle_chip(std::string(t.id), label.c_str(), chosen, hinted);
        if (ImGui::IsItemHovered() && hinted) ImGui::SetTooltip("Many therapists feel this here.");
        ImGui::PopID();
        x += w + ImGui::GetStyle().ItemSpacing.x;
    }
}

}  // namespace

namespace {

// Puts the next item, `w` wide, on the current line when it fits there.
void flow(float w) {
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w < right) ImGui::SameLine();
}

float button_width(const std::string& text) {
    return ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
}

// A chip of the strip, "1  Anxious", toggling `id` in `chosen` (also by its key). The chip
// shows the id's one word; the label says it in full as a tooltip.
void strip_chip(const std::string& id, const std::string& label, int key,
                std::vector<std::string>& chosen, bool keys) {
    std::string word = id;
    if (!word.empty())
        word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    std::string text = key > 0 ? std::to_string(key) + " " + word : word;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 2.0f));
    flow(button_width(text));
    ImGui::PushID(id.c_str());
    bool toggled = toggle_chip(id, text.c_str(), chosen, false);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label.c_str());
    ImGui::PopID();
    ImGui::PopStyleVar();
    if (!toggled && keys && key > 0 && key <= 9 && keys::digit_pressed(key)) {
        auto it = std::find(chosen.begin(), chosen.end(), id);
        if (it != chosen.end())
            chosen.erase(it);
        else
            chosen.push_back(id);
    }
}

// Plain words in the flow of chips ("pulled to").
void flow_text(const char* text) {
    flow(ImGui::CalcTextSize(text).x);
    ImGui::TextDisabled("%s", text);
}

bool small_button(const char* label) {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 2.0f));
    bool clicked = ImGui::Button(label);
    ImGui::PopStyleVar();
    return clicked;
}

std::string joined_labels(const CheckinForm& form) {
    std::string out;
    for (const auto& f : form.feelings)
        out += (out.empty() ? "" : ", ") + std::string(vocab::label(vocab::feelings(), f));
    for (const auto& u : form.urges)
        out += (out.empty() ? "pulled to " : "; pulled to ") +
               std::string(vocab::label(vocab::urges(), u));
    return out;
}

}  // namespace

bool draw_checkin_strip(Ui& ui, CheckinForm& form, bool keys, bool enter, bool* skipped) {
    *skipped = false;
    float top = ImGui::GetCursorPosY();
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted("Check in:");
    ImGui::PopFont();
    probe::item("checkin_strip");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("What is happening in you? Notice it before you answer.");
    bool done = false;
    if (!form.more) {
        // The moment's usual pull; a case that names none offers every feeling.
        int key = 1;
        if (form.suggested_feelings.empty() && form.suggested_urges.empty()) {
            for (const auto& t : vocab::feelings()) {
                strip_chip(std::string(t.id), std::string(t.label), key <= 9 ? key : 0,
                           form.feelings, keys);
                ++key;
            }
        } else {
            for (const auto& f : form.suggested_feelings)
                strip_chip(f, std::string(vocab::label(vocab::feelings(), f)), key++, form.feelings,
                           keys);
            if (!form.suggested_urges.empty()) flow_text("pulled to");
            for (const auto& u : form.suggested_urges)
                strip_chip(u, std::string(vocab::label(vocab::urges(), u)), key++, form.urges,
                           keys);
        }
    } else {
        ImGui::TextUnformatted("I feel");
        chip_grid(vocab::feelings(), form.feelings, form.suggested_feelings);
        ImGui::TextUnformatted("How strongly");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x));
        ImGui::SliderInt("##intensity", &form.intensity, 0, 10, "%d / 10");
        ImGui::TextUnformatted("I feel pulled to");
        chip_grid(vocab::urges(), form.urges, form.suggested_urges);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##body", "In my body I notice (optional): e.g. tight jaw",
                                 form.body, sizeof form.body);
    }
    const char* done_label = keys ? "Done (Enter)" : "Done";
    const char* skip_label = keys ? "Skip (Esc)" : "Skip";
    flow(button_width(done_label) + button_width(skip_label) + button_width("More...") +
         ImGui::CalcTextSize("Why?").x + 3 * ImGui::GetStyle().ItemSpacing.x);
    if (small_button(done_label)) done = true;
    probe::item("checkin_done");
    ImGui::SameLine();
    if (small_button(skip_label) ||
        (keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))) {
        *skipped = true;
        done = true;
    }
    ImGui::SameLine();
    if (small_button(form.more ? "Less" : "More...")) form.more = !form.more;
    ImGui::SameLine();
    learn_link(ui, "inner-skills", "Why?");
    if (enter) done = true;
    form.slot_h = std::max(form.slot_h, ImGui::GetCursorPosY() - top);
    if (done)
        form.summary = *skipped ? "Check-in skipped." : "Checked in: " + joined_labels(form) + ".";
    if (done && !*skipped && form.feelings.empty() && form.urges.empty())
        form.summary = "Checked in.";
    return done;
}

void draw_checkin_closed(const CheckinForm& form) {
    // The strip's height stays until the turn is answered, so nothing below it moves.
    float top = ImGui::GetCursorPosY();
    ImGui::TextDisabled("%s", form.summary.c_str());
    float used = ImGui::GetCursorPosY() - top;
    if (form.slot_h > used)
        ImGui::Dummy(ImVec2(1, form.slot_h - used - ImGui::GetStyle().ItemSpacing.y));
}

CheckIn to_checkin(const CheckinForm& form, int64_t drill_id) {
    CheckIn c;
    c.drill_id = drill_id;
    c.turn = form.turn;
    c.feelings = form.feelings;
    c.intensity = form.intensity;
    c.urges = form.urges;
    c.body = form.body;
    return c;
}

bool draw_pause(Ui& ui, PauseState& pause) {
    using clock = std::chrono::steady_clock;
    double elapsed = std::chrono::duration<double>(clock::now() - pause.started).count();
    double left = std::max(0.0, pause.seconds - elapsed);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float width = std::min(720.0f, avail.x);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - width) / 2);
    ImGui::BeginChild("pause", ImVec2(width, 0), false);
    heading(ui.fonts, "A moment before you begin");
    ImGui::Spacing();
    static const char* lines[] = {
        "Notice your breath, without changing it.",
        "Notice your body: your feet, your hands, your face.",
        "Notice what you bring into this conversation: a mood, a hope, a worry.",
        "Set aside what you think you know about this patient. Meet them as if for the first time.",
        "When the hard moment comes, let yourself notice what you feel before you act on it.",
    };
    int shown = std::min(5, 1 + static_cast<int>(elapsed / std::max(6.0, pause.seconds / 5.0)));
    for (int i = 0; i < shown; ++i)
        wrapped(lines[i]);
    // A calm visual timer: a ring that empties, breathing slowly.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float r = 70.0f + 8.0f * static_cast<float>(std::sin(elapsed * 2 * 3.14159 / 10.0));
    ImVec2 c(p.x + width / 2, p.y + 100);
    ImVec4 col = colour_withdrawal();
    dl->AddCircle(c, 78, ImGui::GetColorU32(ImVec4(col.x, col.y, col.z, 0.25f)), 64, 2.0f);
    float frac = static_cast<float>(left / pause.seconds);
    int segs = 64;
    float start = -3.14159f / 2;
    dl->PathArcTo(c, 78, start, start + frac * 2 * 3.14159f, segs);
    dl->PathStroke(ImGui::GetColorU32(col), false, 4.0f);
    dl->AddCircleFilled(c, r * 0.6f, ImGui::GetColorU32(ImVec4(col.x, col.y, col.z, 0.18f)), 64);
    char t[16];
    std::snprintf(t, sizeof t, "%d", static_cast<int>(std::ceil(left)));
    ImVec2 ts = ImGui::CalcTextSize(t);
    dl->AddText(ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), ImGui::GetColorU32(ImGuiCol_Text), t);
    ImGui::Dummy(ImVec2(width, 200));
    ImGui::TextUnformatted("What do you notice? (one line, optional)");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##pause_note", pause.note, sizeof pause.note);
    bool done = left <= 0.0;
    if (ImGui::Button("Begin the drill")) done = true;
    ImGui::SameLine();
    muted("Escape skips the pause.");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) done = true;
    ImGui::EndChild();
    return done;
}

}  // namespace impasse::gui
