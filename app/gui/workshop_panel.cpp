// Workshop mode: a presenter runs a case live in front of a room. The projector layout shows
// the patient's moment in very large type with the options, and nothing else; scores and the
// patient's state stay hidden until the presenter reveals them, so the room can guess first.
// Everything runs from the keyboard (F1 lists the keys) and nothing opens a dialog:
//   1-9 play that answer (a branch)   E play the expert's answer   B / Left go back one answer
//   R reveal or hide scores           W what-if: every answer side by side, with where it leads
//   O orientations side by side       T tally: then 1-9 add a hand, Shift+1-9 take one away
//   P projector layout on or off      M branch map   Up/Down scroll   Esc leave the workshop
// The audience vote (audience_live.h): A starts it, with a QR code, the address and the room
// code on screen, or stops it; V opens or closes voting; Y allows typed answers; R also shows
// the room's result on the phones. The live tally is drawn as bars under the answers and
// becomes the demo's tally at that moment.
// The demo (branches and tallies) is saved in the store after every change.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>

#include "gui/charts.h"
#include "gui/keys.h"
#include "gui/panels.h"
#include "gui/qr_view.h"
#include "gui/ui.h"
#include "gui/widgets.h"
#include "impasse/vocabulary.h"

namespace impasse::gui {
namespace {

const char* const kHelp =
    "1-9 play an answer   E the expert's answer   B back   R reveal   W what-if   "
    "O orientations   T tally (1-9 add a hand, Shift removes)   M branch map   P projector   "
    "A audience vote on/off   V open/close voting   Y typed answers   Esc leave";

bool show_map = true;
bool show_help = false;
bool toggle_audience = false;  // A was pressed: started or stopped once the demo is unlocked
std::chrono::steady_clock::time_point tally_saved;
bool tally_unsaved = false;  // the demo changed since it was last saved

// The audience's votes at this moment, by response id, with each response's letter on the
// phones. Empty (live false) when no vote runs.
struct LiveTally {
    bool live = false;
    VotingState state = VotingState::closed;
    std::map<std::string, std::string> letter;  // response id -> "A", "B", ...
    std::map<std::string, int> votes;           // response id -> votes
    int total = 0;
    AudienceResults results;
};

LiveTally live_tally(Ui& ui) {
    LiveTally t;
    if (!ui.audience) return t;
    t.live = true;
    t.results = ui.audience->room().results();
    t.state = t.results.state;
    t.total = t.results.votes;
    AudienceMoment m = audience_moment(*ui.demo);
    for (size_t i = 0; i < m.options.size(); ++i) {
        t.letter[m.options[i].key] = m.options[i].id;
        if (i < t.results.counts.size() && t.results.counts[i].first == m.options[i].id)
            t.votes[m.options[i].key] = t.results.counts[i].second;
    }
    return t;
}

std::string principles_text(const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids)
        s += (s.empty() ? "" : ", ") + std::string(vocab::label(vocab::principles(), id));
    return s.empty() ? "none" : s;
}

std::string counter_text(const Response& r) {
    std::string s;
    for (const auto& id : r.counter_markers)
        s += (s.empty() ? "" : ", ") + std::string(vocab::label(vocab::counter_markers(), id));
    return s;
}

// Presenter keys; returns true when the demo changed (to be saved).
bool handle_keys(Ui& ui, const std::vector<Demo::Option>& options) {
    if (ImGui::GetIO().WantTextInput) return false;
    Demo& demo = *ui.demo;
    bool shift = ImGui::GetIO().KeyShift;
    bool changed = false;
    if (keys::pressed(GLFW_KEY_F1)) show_help = !show_help;
    if (keys::pressed(GLFW_KEY_A)) toggle_audience = true;
    if (keys::pressed(GLFW_KEY_R)) {
        ui.reveal = !ui.reveal;
        // The phones show the room's result too (until the next moment).
        if (ui.reveal && ui.audience && ui.audience->room().reveal() == AudienceError::none)
            changed = ui.audience->sync_tally(demo) || changed;
    }
    if (ui.audience) {
        AudienceRoom& room = ui.audience->room();
        if (keys::pressed(GLFW_KEY_V)) {
            if (room.state() == VotingState::open) {
                room.close();
                changed = ui.audience->sync_tally(demo) || changed;
            } else if (room.open() != AudienceError::none) {
                ui.report("There is nothing to vote on here: the case has ended.");
            }
        }
        if (keys::pressed(GLFW_KEY_Y)) room.allow_answers(!room.results().answers_allowed);
    }
    if (keys::pressed(GLFW_KEY_W)) ui.whatif = !ui.whatif, ui.orientations = false;
    if (keys::pressed(GLFW_KEY_O)) ui.orientations = !ui.orientations, ui.whatif = false;
    if (keys::pressed(GLFW_KEY_T)) ui.tally_mode = !ui.tally_mode;
    if (keys::pressed(GLFW_KEY_P)) ui.projector = !ui.projector;
    if (keys::pressed(GLFW_KEY_M)) show_map = !show_map;
    if (keys::pressed(GLFW_KEY_ESCAPE)) {
        if (ui.tally_mode)
            ui.tally_mode = false;
        else
            ui.set_screen(Screen::library);
    }
    if (keys::pressed(GLFW_KEY_B) || keys::pressed(GLFW_KEY_LEFT) ||
        keys::pressed(GLFW_KEY_BACKSPACE)) {
        if (demo.back().ok) changed = true, ui.reveal = false;
    }
    for (int n = 1; n <= 9 && n <= static_cast<int>(options.size()); ++n) {
        if (!keys::digit_pressed(n)) continue;
        const Response& r = *options[static_cast<size_t>(n - 1)].response;
        if (ui.tally_mode) {
            demo.set_hands(r.id, demo.hands(demo.session().node().id, r.id) + (shift ? -1 : 1));
            changed = true;
        } else if (options[static_cast<size_t>(n - 1)].available) {
            ui.report(demo.play(r.id).error);
            ui.reveal = false;
            changed = true;
        }
    }
    if (keys::pressed(GLFW_KEY_E) || keys::pressed(GLFW_KEY_RIGHT)) {
        // The author's expert answer; where there is none, the best-scored available one.
        const Demo::Option* best = nullptr;
        for (const auto& o : options) {
            if (!o.available) continue;
            if (!best || (o.response->expert && !best->response->expert) ||
                (o.response->expert == best->response->expert &&
                 o.score.overall > best->score.overall))
                best = &o;
        }
        if (best) {
            ui.report(demo.play(best->response->id).error);
            ui.reveal = false;
            changed = true;
        }
    }
    return changed;
}

void draw_patient(Ui& ui) {
    const Session& s = ui.demo->session();
    ImGui::PushFont(ui.fonts.bold);
    ImGui::Text("%s, %d", s.scenario().patient.name.c_str(), s.scenario().patient.age);
    ImGui::PopFont();
    if (!s.cue().empty()) {
        ImGui::PushFont(ui.fonts.italic);
        wrapped(s.cue());
        ImGui::PopFont();
    }
    ImGui::PushFont(ui.fonts.bold);
    wrapped("\u201c" + s.line() + "\u201d");
    ImGui::PopFont();
    if (ui.reveal) {
        for (const auto& m : s.markers()) {
            chip(std::string(vocab::label(vocab::markers(), m.id)).c_str(),
                 vocab::marker_rupture_type(m.id) == "withdrawal" ? colour_withdrawal()
                                                                  : colour_confrontation());
            ImGui::SameLine();
        }
        ImGui::TextDisabled("Stage: %s",
                            std::string(vocab::label(vocab::stages(), s.stage())).c_str());
        const Alliance& a = s.state().alliance;
        ImGui::TextDisabled("Alliance: bond %.1f  task %.1f  goal %.1f (of 5)", 1 + 4 * a.bond,
                            1 + 4 * a.task, 1 + 4 * a.goal);
    }
}

void draw_options(Ui& ui, const std::vector<Demo::Option>& options, const LiveTally& live) {
    const std::string& node = ui.demo->session().node().id;
    int total = 0;
    for (const auto& o : options)
        total += ui.demo->hands(node, o.response->id);
    if (live.live && live.total > 0) total = live.total;
    for (size_t i = 0; i < options.size(); ++i) {
        const Demo::Option& o = options[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Spacing();
        ImGui::PushFont(ui.fonts.bold);
        ImGui::Text("%zu", i + 1);
        ImGui::PopFont();
        if (auto it = live.letter.find(o.response->id); it != live.letter.end()) {
            ImGui::SameLine(0, 10);  // the letter the phones show
            chip(it->second.c_str(), colour_withdrawal());
        }
        ImGui::SameLine(0, 18);
        ImGui::BeginGroup();
        if (!o.available) ImGui::BeginDisabled();
        wrapped(o.response->text);
        if (!o.available) ImGui::EndDisabled();
        if (ui.reveal) {
            char score[48];
            std::snprintf(score, sizeof score, "%.0f / 100", o.score.overall);
            chip(score, o.score.overall >= 60   ? colour_good()
                        : o.score.overall >= 35 ? colour_neutral()
                                                : colour_risk());
            ImGui::SameLine();
            if (o.response->expert) {
                chip("expert", colour_good());
                ImGui::SameLine();
            }
            std::string risks = counter_text(*o.response);
            muted("Shows: " + principles_text(o.embodies) +
                  (risks.empty() ? "" : "   Risks: " + risks));
        }
        int hands = ui.demo->hands(node, o.response->id);
        bool voting = live.live && live.letter.count(o.response->id) && live.total > 0;
        if (voting) hands = live.votes.count(o.response->id) ? live.votes.at(o.response->id) : 0;
        if (hands > 0 || ui.tally_mode || voting) {
            float frac = total > 0 ? static_cast<float>(hands) / static_cast<float>(total) : 0;
            char label[48];
            if (voting)
                std::snprintf(label, sizeof label,
                              hands == 1 ? "%d vote  (%.0f%%)" : "%d votes  (%.0f%%)", hands,
                              100.0 * frac);
            else
                std::snprintf(label, sizeof label, hands == 1 ? "%d hand" : "%d hands", hands);
            bar(frac, colour_withdrawal(), std::min(480.0f, ImGui::GetContentRegionAvail().x),
                label);
        }
        if (o.branch >= 0) ImGui::TextDisabled("(played: this branch is kept)");
        ImGui::EndGroup();
        ImGui::PopID();
    }
}

void draw_whatif(Ui& ui, const std::vector<Demo::Option>& options) {
    section(ui.fonts, "What if… every answer, side by side");
    if (ImGui::BeginTable("whatif", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                              ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Answer", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn("Shows", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("The patient then says", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < options.size(); ++i) {
            const Demo::Option& o = options[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            wrapped(std::to_string(i + 1) + ". " + o.response->text);
            ImGui::TableNextColumn();
            if (ui.reveal)
                ImGui::Text("%.0f%s", o.score.overall, o.response->expert ? " (expert)" : "");
            else
                ImGui::TextDisabled("R reveals");
            ImGui::TableNextColumn();
            std::string risks = counter_text(*o.response);
            wrapped(ui.reveal
                        ? principles_text(o.embodies) + (risks.empty() ? "" : "; risks " + risks)
                        : "");
            ImGui::TableNextColumn();
            ImGui::PushFont(ui.fonts.italic);
            wrapped(o.next_line);
            ImGui::PopFont();
        }
        ImGui::EndTable();
    }
}

void draw_orientations(Ui& ui, const std::vector<Demo::Option>& options) {
    std::map<std::string, std::vector<const Demo::Option*>> by;
    for (const auto& o : options)
        if (!o.response->orientation.empty()) by[o.response->orientation].push_back(&o);
    section(ui.fonts, "The same moment, four traditions");
    if (by.empty()) {
        muted(
            "This moment's answers are not tagged by orientation. Moments tagged "
            "'orientations' in the library carry them.");
        return;
    }
    if (ImGui::BeginTable("orientations", static_cast<int>(by.size()),
                          ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
        for (const auto& [name, list] : by)
            ImGui::TableSetupColumn(std::string(vocab::label(vocab::orientations(), name)).c_str());
        ImGui::TableHeadersRow();
        ImGui::TableNextRow();
        for (const auto& [name, list] : by) {
            ImGui::TableNextColumn();
            for (const Demo::Option* o : list) {
                wrapped(o->response->text);
                if (ui.reveal) {
                    ImGui::Text("%.0f / 100", o->score.overall);
                    muted(principles_text(o->embodies));
                }
                ImGui::Spacing();
            }
        }
        ImGui::EndTable();
    }
}

// The branch map: one dot per branch, by depth (left to right) and order of exploration; the
// current one filled; click a dot to go there.
bool draw_map(Ui& ui) {
    const auto& branches = ui.demo->branches();
    std::vector<int> row(branches.size(), 0);
    int rows = 0, max_depth = 0;
    for (const auto& b : branches) {
        if (b.children.empty()) row[static_cast<size_t>(b.id)] = rows++;
        max_depth = std::max(max_depth, ui.demo->depth(b.id));
    }
    for (size_t i = branches.size(); i-- > 0;)  // a parent sits at its first child's row
        if (!branches[i].children.empty())
            row[i] = row[static_cast<size_t>(branches[i].children[0])];
    float step_x = 34, step_y = 22, r = 7;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size(step_x * static_cast<float>(max_depth + 1) + 2 * r,
                step_y * static_cast<float>(std::max(rows, 1)) + 2 * r);
    ImGui::InvisibleButton("map", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto pos = [&](const Demo::Branch& b) {
        return ImVec2(origin.x + r + step_x * static_cast<float>(ui.demo->depth(b.id)),
                      origin.y + r + step_y * static_cast<float>(row[static_cast<size_t>(b.id)]));
    };
    ImU32 line = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (const auto& b : branches)
        for (int c : b.children)
            dl->AddLine(pos(b), pos(branches[static_cast<size_t>(c)]), line, 2);
    bool changed = false;
    for (const auto& b : branches) {
        ImVec2 p = pos(b);
        bool current = b.id == ui.demo->current();
        bool ended = b.session.at_end();
        ImU32 col = ImGui::GetColorU32(ended ? colour_good() : colour_withdrawal());
        if (current)
            dl->AddCircleFilled(p, r, col);
        else
            dl->AddCircle(p, r, col, 0, 2);
        ImVec2 m = ImGui::GetIO().MousePos;
        if (ImGui::IsItemClicked() &&
            (m.x - p.x) * (m.x - p.x) + (m.y - p.y) * (m.y - p.y) < r * r * 2) {
            changed = ui.demo->go(b.id).ok;
        }
    }
    return changed;
}

// The audience column: where phones connect (QR code, address, room code), the state of the
// vote, and once revealed what typed answers added up to.
void draw_audience(Ui& ui, const LiveTally& live) {
    LiveAudience& a = *ui.audience;
    ImGui::PushFont(ui.fonts.bold);
    wrapped("Vote on your phone");
    ImGui::PopFont();
    // As large as the column allows, leaving room for the lines below; smaller once typed
    // answers are revealed and need the space.
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float lines = ImGui::GetTextLineHeightWithSpacing();
    bool summary = ui.reveal && live.results.answers.count > 0;
    float side = std::min(avail.x, summary ? avail.y * 0.35f : avail.y - 6 * lines);
    draw_qr(a.qr(), side);
    const std::string& url = a.urls().front();
    std::string shown = url.substr(0, url.find("/?room="));  // the room code is shown apart
    wrapped(shown.substr(shown.find("//") + 2));
    for (size_t i = 1; i < a.urls().size(); ++i) {  // the laptop's other networks
        const std::string& other = a.urls()[i];
        std::string host = other.substr(0, other.find("/?room="));
        ImGui::TextDisabled("or %s", host.substr(host.find("//") + 2).c_str());
    }
    ImGui::PushFont(ui.fonts.bold);
    ImGui::Text("Room  %s", a.room().code().c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    const char* state = live.state == VotingState::open       ? "Voting is open (V closes)"
                        : live.state == VotingState::revealed ? "The result is on the phones"
                                                              : "Voting is closed (V opens)";
    wrapped(state);
    ImGui::Text(live.total == 1 ? "%d vote" : "%d votes", live.total);
    const AnswerSummary& ans = live.results.answers;
    if (live.results.answers_allowed || ans.count > 0) {
        ImGui::Text("Typed answers: %d%s", ans.count,
                    live.results.answers_allowed ? " (Y stops them)" : "");
        if (ui.reveal && ans.count > 0) {
            ImGui::Text("Mean score %.0f / 100", ans.mean);
            // Scores of the typed answers in fifths (0-19 ... 80-100), small enough to leave
            // the QR code in view.
            std::vector<int> bins(ans.histogram.begin(), ans.histogram.end());
            column_chart("scores", {"0", "20", "40", "60", "80+"}, bins,
                         ImVec2(ImGui::GetContentRegionAvail().x, 5 * ImGui::GetTextLineHeight()),
                         colour_withdrawal());
            std::string words;
            for (const auto& [w, n] : ans.words)
                words += (words.empty() ? "" : ", ") + w + " (" + std::to_string(n) + ")";
            muted("Words the room used: " + words);
        }
    } else {
        ImGui::TextDisabled("Y lets the room type answers");
    }
}

void draw_demo(Ui& ui) {
    Demo& demo = *ui.demo;
    int was_at = demo.current();
    std::vector<Demo::Option> options = demo.options();
    bool changed = handle_keys(ui, options);
    if (ui.audience) {
        if (demo.current() != was_at) ui.audience->show_moment(demo);
        changed = ui.audience->sync_tally(demo) || changed;
    }
    // Keys save at once; while votes pour in, the tally is saved at most once a second (and
    // surely when voting closes, the demo moves, the vote stops or the presenter leaves).
    tally_unsaved = tally_unsaved || changed;
    if (tally_unsaved) {
        auto now = std::chrono::steady_clock::now();
        if (demo.current() != was_at || now - tally_saved > std::chrono::seconds(1) ||
            !ui.audience || ui.audience->room().state() != VotingState::open || toggle_audience ||
            ui.screen != Screen::workshop) {
            ui.save_demo();
            tally_saved = now;
            tally_unsaved = false;
        } else {
            ui.animating = true;  // come back soon to save
        }
    }
    if (changed) options = demo.options();
    LiveTally live = live_tally(ui);
    // With a vote running, the audience column takes the right of the whole screen, so that
    // the QR code is as large as the room needs.
    float audience_w = live.live ? std::max(280.0f, ImGui::GetContentRegionAvail().x * 0.3f) : 0;
    if (live.live)
        ImGui::BeginChild("demo_main", ImVec2(-audience_w - ImGui::GetStyle().ItemSpacing.x, 0),
                          false, ImGuiWindowFlags_NoScrollbar);
    const Session& s = ui.demo->session();
    heading(ui.fonts, s.scenario().title.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("  answer %d%s%s", ui.demo->depth(ui.demo->current()) + 1,
                        ui.tally_mode ? "  ·  TALLY: 1-9 add a hand, Shift takes one away" : "",
                        ui.reveal ? "  ·  revealed" : "");
    if (show_help) muted(kHelp);
    ImGui::Spacing();
    draw_patient(ui);
    ImGui::Spacing();
    ImGui::Separator();
    // The answers scroll (Up and Down keys, or the wheel) above the branch map.
    float map_h =
        show_map
            ? ImGui::GetTextLineHeightWithSpacing() * 1.5f +
                  22.0f * static_cast<float>(std::min<size_t>(ui.demo->branches().size(), 4)) + 20
            : 0;
    // (Inside the column a vote adds, the footer needs the spacing below it too.)
    float footer = ImGui::GetTextLineHeightWithSpacing() +
                   (live.live ? 2 * ImGui::GetStyle().ItemSpacing.y : 0.0f);
    ImGui::BeginChild("workshop_body", ImVec2(0, -map_h - footer), false);
    if (!ImGui::GetIO().WantTextInput) {
        float step = ImGui::GetTextLineHeightWithSpacing() * 3;
        if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) ImGui::SetScrollY(ImGui::GetScrollY() + step);
        if (ImGui::IsKeyPressed(GLFW_KEY_UP)) ImGui::SetScrollY(ImGui::GetScrollY() - step);
    }
    if (s.at_end()) {
        if (const Ending* e = s.ending()) {
            chip(std::string(vocab::label(vocab::ending_kinds(), ending_kind_id(e->kind))).c_str(),
                 e->kind == EndingKind::resolved ? colour_good() : colour_risk());
            ImGui::Spacing();
            wrapped(e->text);
        }
        muted("B goes back to try another answer; the map shows where the demo has been.");
    } else if (ui.whatif) {
        draw_whatif(ui, options);
    } else if (ui.orientations) {
        draw_orientations(ui, options);
    } else {
        draw_options(ui, options, live);
    }
    ImGui::EndChild();
    if (show_map) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextDisabled("Where the demo has been (M hides; click a dot to go there)");
        if (draw_map(ui)) {
            if (ui.audience) ui.audience->show_moment(demo);
            ui.save_demo();
        }
    }
    if (!show_help) ImGui::TextDisabled("F1: the presenter's keys   Up/Down: scroll the answers");
    if (live.live) {
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("audience", ImVec2(audience_w, 0), false, ImGuiWindowFlags_NoScrollbar);
        draw_audience(ui, live);
        ImGui::EndChild();
    }
}

}  // namespace

void draw_workshop(Ui& ui) {
    if (!ui.demo) {
        muted("No demo is running. Choose a case in the Library and press Present in a workshop.");
        return;
    }
    {
        // The audience's presenter API may move the demo from the server's threads.
        std::unique_lock<std::mutex> lock;
        if (ui.audience) lock = std::unique_lock<std::mutex>(ui.audience->demo_mutex());
        draw_demo(ui);
    }
    // Leaving the workshop ends the vote; A starts or stops it (not while the demo is locked).
    bool leaving = ui.screen != Screen::workshop;
    if (ui.audience ? (toggle_audience || leaving) : (toggle_audience && !leaving))
        ui.toggle_audience();
    toggle_audience = false;
}

}  // namespace impasse::gui
