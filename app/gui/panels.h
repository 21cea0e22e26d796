// Every screen and panel of the GUI, one file each, all with the same shape: draw into the
// current ImGui window from the shared Ui state; show a placeholder when there is nothing to
// show; never block.
#pragma once

#include <string>

namespace impasse::gui {

struct Ui;

void draw_nav_bar(Ui& ui);  // nav_bar.cpp: the app's top bar and screen switcher
void draw_banners(Ui& ui);  // banners.cpp: dismissible messages (load errors, disk full)
// record_problem.cpp: when the record cannot be opened, says why and offers (only offers) a
// fresh record in a new folder; the old file is never touched.
void draw_record_problem(Ui& ui);
void draw_library(Ui& ui);   // library_panel.cpp: cases and moment drills, filters, details
void draw_settings(Ui& ui);  // settings_panel.cpp
void draw_learn(Ui& ui);     // learn_panel.cpp: theory pages with live examples
void draw_drill(Ui& ui);     // drill_panel.cpp: conversation, response area, state, stages
void draw_debrief(Ui& ui);   // debrief_panel.cpp: ending, timeline, charts, reflection
// self_assessment_panel.cpp: before a finished drill's debrief, the trainee rates their own
// skill per principle (saved for calibration). Returns false when the form is not (or no
// longer) needed for the current drill.
bool draw_self_assessment(Ui& ui);
void draw_progress(Ui& ui);  // progress_panel.cpp: the record over weeks
void draw_workshop(Ui& ui);  // workshop_panel.cpp: the presenter's view of a live demo
void draw_spot(Ui& ui);      // spot_panel.cpp: the marker-spotting drill
void draw_author(Ui& ui);    // author_panel.cpp: the user's own cases, reloaded as they change

// learn_panel.cpp: the name of a principle, marker, strategy or stage as a link to its Learn
// page, with its one-line summary as a tooltip. Returns true when clicked. `label` defaults to
// the vocabulary label.
bool learn_link(Ui& ui, const std::string& id, const char* label = nullptr);

}  // namespace impasse::gui
