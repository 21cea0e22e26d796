// Feedback after an answer: the overall score, the trainee's own words with the evidence
// highlighted, what worked, what was missed or risked, and what an expert might say.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "gui/drill_session.h"
#include "gui/layout_probe.h"
#include "gui/palette.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

// The text, word by word, with evidence words coloured: green for principles, red for
// counter-markers. Hovering a coloured word names what it shows. The evidence's offsets are
// into the text without its first `shift` bytes (an opening quote mark).
void highlighted(const std::string& text, const std::vector<EvidenceSpan>& evidence,
                 size_t shift = 0) {
    float left = ImGui::GetCursorScreenPos().x;
    float right = left + ImGui::GetContentRegionAvail().x;
    bool first = true;
    size_t i = 0;
    while (i < text.size()) {
        size_t j = text.find_first_of(" \n", i);
        size_t end = j == std::string::npos ? text.size() : j + 1;
        std::string word = text.substr(i, end - i);
        if (!word.empty() && word.back() == '\n') word.back() = ' ';
        const EvidenceSpan* hit = nullptr;
        for (const auto& e : evidence)
            if (e.start + shift < end && e.end + shift > i && (e.kind != "strategy")) {
                if (!hit || e.kind == "counter_marker") hit = &e;
            }
        ImVec2 size = ImGui::CalcTextSize(word.c_str());
        if (!first) {
            ImGui::SameLine(0, 0);
            if (ImGui::GetCursorScreenPos().x + size.x > right) {
                ImGui::NewLine();
                ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
            }
        }
        first = false;
        if (hit) {
            ImVec4 c = hit->kind == "counter_marker" ? colour_risk() : colour_good();
            ImVec2 p = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled(
                p, ImVec2(p.x + size.x, p.y + size.y),
                ImGui::GetColorU32(colour_tint(c, alpha::evidence)), 3.0f);
            ImGui::TextUnformatted(word.c_str());
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s: %s", hit->kind == "counter_marker" ? "Risk" : "Shows",
                                  std::string(vocab::any_label(hit->id)).c_str());
        } else {
            ImGui::TextUnformatted(word.c_str());
        }
        i = end;
    }
    if (first) ImGui::NewLine();
}

void item(Ui& ui, const FeedbackItem& f, ImVec4 colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::Bullet();
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::BeginGroup();
    learn_link(ui, f.id);
    if (!f.text.empty()) wrapped(f.text);
    if (!f.quote.empty()) muted("\u201c" + f.quote + "\u201d");
    ImGui::EndGroup();
}

}  // namespace

namespace {

ImVec4 score_colour(double overall) {
    return overall >= 65 ? colour_good() : overall >= 40 ? colour_neutral() : colour_risk();
}

// Verdict first (wrapped), then the score, the trainee's words quoted with the evidence, what
// worked, what was missed, the author's note on the move, and what an expert might say. Sets
// `*score_end` to the cursor's y after the score line.
void feedback_body(Ui& ui, const ShownTurn& t, float* score_end = nullptr) {
    if (!t.feedback.summary.empty()) {
        ImGui::PushFont(ui.fonts.bold);
        wrapped(t.feedback.summary);
        ImGui::PopFont();
        probe::item("feedback_verdict");
    }
    char label[64];
    std::snprintf(label, sizeof label, "Score %.0f / 100", t.score.overall);
    chip(label, score_colour(t.score.overall));
    probe::item("feedback_score");
    if (score_end) *score_end = ImGui::GetCursorPosY();
    if (!t.said.empty()) {
        ImGui::TextDisabled("You said (what the scorer heard in it is coloured):");
        ImGui::BeginGroup();
        highlighted("\u201c" + t.said + "\u201d", t.score.evidence, 3);
        ImGui::EndGroup();
        probe::item("feedback_words");
    }
    if (!t.feedback.did_well.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("What worked");
        for (const auto& f : t.feedback.did_well)
            item(ui, f, colour_good());
    }
    if (!t.feedback.missed.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("Missed or risked");
        for (const auto& f : t.feedback.missed)
            item(ui, f, colour_risk());
    }
    if (!t.feedback.authored.empty()) {
        ImGui::Spacing();
        wrapped(t.feedback.authored);
    }
    if (!t.feedback.toward_stage.empty()) {
        ImGui::TextDisabled("Moves toward:");
        ImGui::SameLine();
        learn_link(ui, t.feedback.toward_stage);
    }
    if (!t.feedback.expert_says.empty()) {
        ImGui::Spacing();
        ImGui::PushFont(ui.fonts.italic);
        wrapped("An expert might say: \u201c" + t.feedback.expert_says + "\u201d");
        ImGui::PopFont();
    }
    probe::item("feedback_end");  // the last line of the feedback
}

}  // namespace

void draw_feedback(Ui& ui, const ShownTurn& t, bool compact) {
    float indent = ImGui::GetContentRegionAvail().x * 0.12f;
    ImGui::Indent(indent);
    if (compact) {
        // In the conversation: one line per answer; the card holds the rest.
        char label[32];
        std::snprintf(label, sizeof label, "%.0f / 100", t.score.overall);
        chip(label, score_colour(t.score.overall));
        if (!t.feedback.summary.empty()) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            wrapped(t.feedback.summary);
            ImGui::PopStyleColor();
        }
    } else {
        ImGui::Spacing();
        feedback_body(ui, t);
    }
    ImGui::Unindent(indent);
}

float draw_feedback_card(Ui& ui, const ShownTurn& t, bool* open) {
    char header[64];
    std::snprintf(header, sizeof header, "Feedback on your answer: %.0f / 100###feedback_card",
                  t.score.overall);
    ImGui::SetNextItemOpen(*open);
    *open = ImGui::CollapsingHeader(header);
    probe::item("feedback_card");
    float score_end = 0.0f;
    if (*open) feedback_body(ui, t, &score_end);
    return score_end;
}

}  // namespace impasse::gui
