// Learn: the theory pages with live examples from the library, and the links and tooltips
// that lead here from everywhere else in the app.
#include <imgui.h>

#include "gui/layout_probe.h"
#include "gui/markdown_view.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/markdown.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

const char* group_of(const std::string& id) {
    using namespace vocab;
    if (contains(markers(), id)) return "Markers";
    if (contains(stages(), id)) return "Stages of resolution";
    if (contains(principles(), id) || contains(sequence_principles(), id)) return "Principles";
    if (contains(counter_markers(), id)) return "Moves that deepen a rupture";
    if (contains(resolution_strategies(), id)) return "Resolution strategies";
    if (contains(alliance_dimensions(), id)) return "The alliance";
    if (contains(feelings(), id)) return "Feelings (check-ins)";
    if (contains(urges(), id)) return "Urges (check-ins)";
    return "Foundations";
}

void draw_contents(Ui& ui) {
    std::string group;
    for (const LearnPage* p : learn_contents(ui.learn)) {
        std::string g = group_of(p->id);
        if (g != group) {
            group = g;
            ImGui::Spacing();
            ImGui::TextDisabled("%s", g.c_str());
        }
        if (ImGui::Selectable(p->title.c_str(), ui.learn_page == p->id)) ui.learn_page = p->id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p->summary.c_str());
    }
}

void draw_examples(Ui& ui, const std::string& id) {
    auto examples = find_examples(id, ui.library.scenarios);
    if (examples.empty()) return;
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted("From the library");
    ImGui::PopFont();
    muted("Moments from the bundled cases; the list grows as cases are added.");
    for (const auto& e : examples) {
        ImGui::Spacing();
        ImGui::PushID(&e);
        chip(e.positive ? "Example" : "Counter-example",
             e.positive ? colour_good() : colour_risk());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", e.scenario_title.c_str());
        ImGui::Indent();
        wrapped("Patient: \u201c" + e.patient_line + "\u201d");
        if (!e.response_text.empty()) wrapped("Therapist: \u201c" + e.response_text + "\u201d");
        ImGui::Unindent();
        ImGui::PopID();
    }
}

}  // namespace

bool learn_link(Ui& ui, const std::string& id, const char* label) {
    const LearnPage* p = ui.learn.find(id);
    std::string text = label ? label : std::string(vocab::any_label(id));
    ImGui::PushStyleColor(ImGuiCol_Text, colour_link());
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    if (probe::enabled()) probe::item(("learn_link:" + id).c_str());
    bool clicked = false;
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (p) ImGui::SetTooltip("%s\n(click to read more)", p->summary.c_str());
    }
    if (ImGui::IsItemClicked() && p) {
        ui.open_learn(id);
        clicked = true;
    }
    return clicked;
}

void draw_learn(Ui& ui) {
    if (ui.learn.pages.empty()) {
        muted("The Learn pages were not found (assets/learn).");
        return;
    }
    if (!ui.learn.find(ui.learn_page)) ui.learn_page = learn_contents(ui.learn).front()->id;
    ImGui::BeginChild("learn_contents",
                      ImVec2(std::max(260.0f, ImGui::GetContentRegionAvail().x * 0.27f), 0), true);
    draw_contents(ui);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("learn_page", ImVec2(0, 0), true);
    const LearnPage* p = ui.learn.find(ui.learn_page);
    if (ui.learn_back.size() > 0 && ImGui::SmallButton("< Back")) {
        ui.learn_page = ui.learn_back.back();
        ui.learn_back.pop_back();
    }
    heading(ui.fonts, p->title.c_str());
    ImGui::PushFont(ui.fonts.italic);
    wrapped(p->summary);
    ImGui::PopFont();
    ImGui::Spacing();
    std::string target = markdown_view(md::parse(p->body), ui.fonts);
    draw_examples(ui, p->id);
    ImGui::EndChild();
    if (target.rfind("learn:", 0) == 0) ui.open_learn(target.substr(6));
}

}  // namespace impasse::gui
