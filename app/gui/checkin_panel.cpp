#include "gui/checkin_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

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
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(c.x, c.y, c.z, on ? 0.75f : 0.22f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(c.x, c.y, c.z, on ? 0.85f : 0.40f));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 14.0f);
    if (hinted) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    bool clicked = ImGui::Button(label);
    if (hinted) ImGui::PopStyleVar();
    ImGui::PopStyleVar();
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

bool draw_checkin(Ui& ui, CheckinForm& form, bool* skipped) {
    *skipped = false;
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted("Before you answer: what is happening in you?");
    ImGui::PopFont();
    muted("Notice it without acting on it yet. Choose any that fit.");
    ImGui::Spacing();
    ImGui::TextUnformatted("I feel");
    chip_grid(vocab::feelings(), form.feelings, form.suggested_feelings);
    ImGui::Spacing();
    ImGui::TextUnformatted("How strongly");
    ImGui::SetNextItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x));
    ImGui::SliderInt("##intensity", &form.intensity, 0, 10, "%d / 10");
    ImGui::Spacing();
    ImGui::TextUnformatted("I feel pulled to");
    chip_grid(vocab::urges(), form.urges, form.suggested_urges);
    ImGui::Spacing();
    ImGui::TextUnformatted("In my body I notice (optional)");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##body", "e.g. tight jaw, heat in the face, holding my breath",
                             form.body, sizeof form.body);
    ImGui::Spacing();
    bool done = ImGui::Button("Continue to my answer");
    ImGui::SameLine();
    if (ImGui::Button("Skip this check-in")) {
        *skipped = true;
        done = true;
    }
    ImGui::SameLine();
    learn_link(ui, "inner-skills", "Why check in?");
    return done;
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
