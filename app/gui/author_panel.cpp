// The author view, for trainers writing their own cases. It watches the user's scenario folder
// (--scenarios DIR, else <data folder>/scenarios) twice a second and re-validates a file when
// it changes on disk; lists each file's diagnostics (click one to see its line in the source);
// draws the case's node graph as Graphviz lays it out (endings by kind, marker lines shaded,
// unreachable nodes in red, expert edges green, mistakes red); and plays the case from any
// node with any alliance and variables (Session::start_at), without recording anything.
#include <imgui.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "gui/graph_layout.h"
#include "gui/palette.h"
#include "gui/panels.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "gui/wording.h"
#include "impasse/paths.h"
#include "impasse/scenario_graph.h"
#include "impasse/scenario_loader.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

namespace fs = std::filesystem;

struct WatchedFile {
    long long mtime = 0, size = -1;
    LoadResult load;
    std::unique_ptr<GraphLayout> layout;
};

struct Author {
    std::string dir;
    std::map<std::string, WatchedFile> files;  // by path
    std::string selected;
    int diagnostic = -1;
    std::vector<std::string> source;  // the selected file's lines, for the diagnostic's context
    std::string node;                 // selected graph node
    SessionState start;               // the state to play from
    std::string start_for;            // the scenario (id and hash) `start` was taken from
    std::unique_ptr<Session> play;
    std::chrono::steady_clock::time_point polled;
    int reloads = 0;
};

Author& author() {
    static Author a;
    return a;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::vector<std::string> lines;
    std::ifstream in(path, std::ios::binary);
    for (std::string l; std::getline(in, l) && lines.size() < 200000;)
        lines.push_back(l);
    return lines;
}

void poll(Ui& ui, Author& a) {
    auto now = std::chrono::steady_clock::now();
    if (now - a.polled < std::chrono::milliseconds(400) && !a.files.empty()) return;
    a.polled = now;
    std::error_code ec;
    std::map<std::string, bool> present;
    for (fs::recursive_directory_iterator it(a.dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string ext = it->path().extension().string();
        if (!it->is_regular_file(ec) || (ext != ".yaml" && ext != ".yml")) continue;
        std::string path = it->path().string();
        present[path] = true;
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) continue;
        long long mtime =
            static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
        WatchedFile& f = a.files[path];
        if (f.mtime == mtime && f.size == st.st_size) continue;
        f.mtime = mtime;
        f.size = st.st_size;
        f.load = load_scenario_file(path);
        f.layout.reset();
        if (f.load.scenario)
            f.layout =
                std::make_unique<GraphLayout>(layout_graph(scenario_graph(*f.load.scenario)));
        ++a.reloads;
        if (a.selected.empty()) a.selected = path;
        if (path == a.selected) {
            a.source = read_lines(path);
            a.diagnostic = -1;
            a.play.reset();
        }
        ui.animating = true;  // show the change now
    }
    for (auto it = a.files.begin(); it != a.files.end();)
        it = present.count(it->first) ? std::next(it) : a.files.erase(it);
}

// The library's own errors on `path` that loading the file alone does not find (a scenario id
// another file already uses): the file is left out of the library for them.
int library_only_errors(const Ui& ui, const std::string& path, const WatchedFile& f) {
    int n = 0;
    for (const auto& d : ui.library.diagnostics) {
        if (d.severity != Severity::error) continue;
        std::error_code ec;
        if (d.file != path && !fs::equivalent(d.file, path, ec)) continue;
        bool seen = std::any_of(f.load.diagnostics.begin(), f.load.diagnostics.end(),
                                [&](const Diagnostic& x) { return x.message == d.message; });
        n += seen ? 0 : 1;
    }
    return n;
}

void draw_files(Ui& ui, Author& a) {
    for (auto& [path, f] : a.files) {
        int errors = count(f.load.diagnostics, Severity::error) + library_only_errors(ui, path, f);
        int warnings = count(f.load.diagnostics, Severity::warning);
        std::string label = fs::path(path).filename().string();
        std::string counts = "  " + count_of(errors, "error", "errors") + ", " +
                             count_of(warnings, "warning", "warnings");
        // A dot on the card, outside the row: coloured text on a selected row's highlight would
        // be too faint to read (palette.h).
        float h = ImGui::GetTextLineHeight(), r = h * 0.22f;
        ImVec2 at = ImGui::GetCursorScreenPos();
        if (errors || warnings)
            ImGui::GetWindowDrawList()->AddCircleFilled(
                ImVec2(at.x + r, at.y + h * 0.5f), r,
                ImGui::GetColorU32(errors ? colour_risk() : colour_neutral()));
        ImGui::Dummy(ImVec2(2 * r, h));
        ImGui::SameLine();
        if (ImGui::Selectable((label + counts + "##" + path).c_str(), path == a.selected)) {
            a.selected = path;
            a.source = read_lines(path);
            a.diagnostic = -1;
            a.node.clear();
            a.play.reset();
        }
    }
}

void draw_diagnostics(Author& a, const WatchedFile& f) {
    if (f.load.diagnostics.empty()) {
        muted("No problems: the case validates.");
        return;
    }
    for (size_t i = 0; i < f.load.diagnostics.size(); ++i) {
        const Diagnostic& d = f.load.diagnostics[i];
        char head[64];
        std::snprintf(head, sizeof head, "%d:%d %s [%s] ", d.line, d.column,
                      d.severity == Severity::error ? "error" : "warning", d.code.c_str());
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable((std::string(head) + d.message).c_str(),
                              a.diagnostic == static_cast<int>(i)))
            a.diagnostic = static_cast<int>(i);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d.message.c_str());
        ImGui::PopID();
    }
    if (a.diagnostic < 0 || a.diagnostic >= static_cast<int>(f.load.diagnostics.size())) return;
    const Diagnostic& d = f.load.diagnostics[static_cast<size_t>(a.diagnostic)];
    ImGui::Spacing();
    int from = std::max(1, d.line - 4),
        to = std::min(static_cast<int>(a.source.size()), d.line + 4);
    for (int l = from; l <= to; ++l) {
        bool here = l == d.line;
        if (here) ImGui::PushStyleColor(ImGuiCol_Text, colour_risk());
        ImGui::Text("%4d %s %s", l, here ? ">" : " ", a.source[static_cast<size_t>(l - 1)].c_str());
        if (here) ImGui::PopStyleColor();
    }
}

void draw_graph(Ui& ui, Author& a, const GraphLayout& lay) {
    if (!lay.error.empty()) {
        muted(lay.error);
        return;
    }
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float scale = std::min(1.0f, std::min((avail.x - 10) / std::max(1.0f, lay.width),
                                          (avail.y - 10) / std::max(1.0f, lay.height)));
    scale = std::max(scale, 0.35f);
    ImVec2 o = ImGui::GetCursorScreenPos();
    o.x += 5;
    o.y += 5;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto P = [&](float x, float y) { return ImVec2(o.x + x * scale, o.y + y * scale); };
    for (const LaidOutEdge& e : lay.edges) {
        ImU32 col =
            ImGui::GetColorU32(e.edge->expert    ? colour_good()
                               : e.edge->mistake ? colour_risk()
                                                 : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        const auto& p = e.points;
        size_t n = p.size() / 2;
        size_t curve_points = n >= 4 ? 1 + ((n - 1) / 3) * 3 : n;
        for (size_t i = 0; i + 3 < curve_points; i += 3)
            dl->AddBezierCubic(P(p[2 * i], p[2 * i + 1]), P(p[2 * i + 2], p[2 * i + 3]),
                               P(p[2 * i + 4], p[2 * i + 5]), P(p[2 * i + 6], p[2 * i + 7]), col,
                               e.edge->expert ? 2.0f : 1.2f);
        if (n > curve_points)  // the arrowhead: from the curve's end to its tip
            dl->AddLine(P(p[2 * (curve_points - 1)], p[2 * (curve_points - 1) + 1]),
                        P(p[2 * (n - 1)], p[2 * (n - 1) + 1]), col, 3.0f);
    }
    for (const LaidOutNode& n : lay.nodes) {
        ImVec2 a0 = P(n.x - n.w / 2, n.y - n.h / 2), a1 = P(n.x + n.w / 2, n.y + n.h / 2);
        ImVec4 fill = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
        if (!n.node->ending.empty())
            fill = n.node->ending == "resolved"  ? colour_good()
                   : n.node->ending == "partial" ? colour_neutral()
                                                 : colour_risk();
        else if (!n.node->markers.empty())
            fill = vocab::marker_rupture_type(n.node->markers.front()) == "withdrawal"
                       ? colour_withdrawal()
                       : colour_confrontation();
        fill.w = n.node->ending.empty() && n.node->markers.empty() ? 1.0f : alpha::graph_node;
        dl->AddRectFilled(a0, a1, ImGui::GetColorU32(fill), 4.0f);
        ImU32 border =
            ImGui::GetColorU32(!n.node->reachable     ? colour_risk()
                               : n.node->id == a.node ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                      : ImGui::GetStyleColorVec4(ImGuiCol_Border));
        dl->AddRect(a0, a1, border, 4.0f, 0, n.node->start || n.node->id == a.node ? 2.5f : 1.0f);
        ImVec2 ts = ImGui::CalcTextSize(n.node->id.c_str());
        float fs = std::min(1.0f, (a1.x - a0.x - 4) / std::max(1.0f, ts.x));
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * std::max(fs, 0.6f),
                    ImVec2((a0.x + a1.x) / 2 - ts.x * std::max(fs, 0.6f) / 2,
                           (a0.y + a1.y) / 2 - ImGui::GetFontSize() * std::max(fs, 0.6f) / 2),
                    ImGui::GetColorU32(ImGuiCol_Text), n.node->id.c_str());
        ImVec2 m = ImGui::GetIO().MousePos;
        if (ImGui::IsMouseClicked(0) && ImGui::IsWindowHovered() && m.x >= a0.x && m.x <= a1.x &&
            m.y >= a0.y && m.y <= a1.y) {
            a.node = n.node->id;
            a.play.reset();
        }
    }
    ImGui::Dummy(ImVec2(lay.width * scale + 10, lay.height * scale + 10));
    (void)ui;
}

void draw_play(Ui& ui, Author& a, const ScenarioPtr& sc) {
    if (a.node.empty()) {
        muted("Click a node in the graph to play the case from there.");
        return;
    }
    if (!a.play) {
        section(ui.fonts, ("Play from '" + a.node + "'").c_str());
        // The start state is the file's own initial state, taken once per file (and again
        // when the file changes): the sliders then keep what the author set.
        if (a.start_for != sc->id + "@" + sc->hash) {
            a.start = SessionState();
            a.start.alliance = sc->initial.alliance;
            a.start.affect = sc->initial.affect;
            a.start.vars = sc->initial.vars;
            a.start_for = sc->id + "@" + sc->hash;
        }
        auto slider = [](const char* label, double& v) {
            float f = static_cast<float>(v);
            ImGui::SetNextItemWidth(200);
            if (ImGui::SliderFloat(label, &f, 0.0f, 1.0f, "%.2f")) v = f;
        };
        slider("bond", a.start.alliance.bond);
        slider("task", a.start.alliance.task);
        slider("goal", a.start.alliance.goal);
        for (auto& [name, value] : a.start.vars) {
            if (value.kind == Value::Kind::boolean) {
                bool b = value.boolean;
                if (ImGui::Checkbox(name.c_str(), &b)) value = Value::of_bool(b);
            } else if (value.kind == Value::Kind::number) {
                float f = static_cast<float>(value.number);
                ImGui::SetNextItemWidth(120);
                if (ImGui::InputFloat(name.c_str(), &f, 1.0f)) value = Value::of(f);
            }
        }
        if (ImGui::Button("Play from here")) {
            a.play = std::make_unique<Session>(sc, 1, ui.scorer.get());
            Session::Result r = a.play->start_at(a.node, a.start);
            if (!r.ok) {
                ui.report(r.error);
                a.play.reset();
            }
        }
        return;
    }
    Session& s = *a.play;
    section(ui.fonts, ("Playing from '" + a.node + "' (nothing is recorded)").c_str());
    ImGui::TextDisabled("at %s · bond %.2f task %.2f goal %.2f", s.node().id.c_str(),
                        s.state().alliance.bond, s.state().alliance.task, s.state().alliance.goal);
    if (!s.cue().empty()) {
        ImGui::PushFont(ui.fonts.italic);
        wrapped(s.cue());
        ImGui::PopFont();
    }
    wrapped("\u201c" + s.line() + "\u201d");
    if (s.at_end()) {
        if (const Ending* e = s.ending())
            wrapped(std::string("Ending: ") + ending_kind_id(e->kind));
    } else {
        int i = 0;
        for (const Response* r : s.available()) {
            ImGui::PushID(i++);
            if (ImGui::Button(std::to_string(i).c_str())) {
                ui.report(s.choose(r->id).error);
                ImGui::PopID();
                break;
            }
            ImGui::SameLine();
            wrapped(r->text);
            ImGui::PopID();
        }
    }
    if (ImGui::Button("Back one answer") && !s.turns().empty()) ui.report(s.rewind(1).error);
    ImGui::SameLine();
    if (ImGui::Button("Choose another start")) a.play.reset();
}

}  // namespace

void draw_author(Ui& ui) {
    Author& a = author();
    if (a.dir.empty()) {
        a.dir = !ui.options.extra_scenarios.empty() ? ui.options.extra_scenarios
                                                    : ui.data_dir + "/scenarios";
        std::error_code ec;
        fs::create_directories(a.dir, ec);
    }
    poll(ui, a);
    heading(ui.fonts, "Author view");
    muted("Watching " + a.dir +
          " (set with --scenarios DIR). Save a file in your editor and it "
          "is checked again here. impasse graph FILE --format dot exports the graph.");
    if (a.files.empty()) {
        muted(
            "No scenario files there yet. docs/authoring.md walks you from a blank file to a "
            "played case.");
        return;
    }
    float left = std::max(260.0f, ImGui::GetContentRegionAvail().x * 0.36f);
    ImGui::BeginChild("author_left", ImVec2(left, 0), true);
    section(ui.fonts, "Files");
    draw_files(ui, a);
    auto it = a.files.find(a.selected);
    if (it != a.files.end()) {
        section(ui.fonts, "Diagnostics");
        draw_diagnostics(a, it->second);
        if (it->second.load.scenario) {
            ImGui::Spacing();
            ImGui::Separator();
            draw_play(ui, a, it->second.load.scenario);
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("author_graph", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    if (it != a.files.end() && it->second.layout)
        draw_graph(ui, a, *it->second.layout);
    else
        muted("The graph appears when the file loads (fix its errors first).");
    ImGui::EndChild();
}

}  // namespace impasse::gui
