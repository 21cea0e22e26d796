// A test mode that reports where named widgets were drawn. With IMPASSE_LAYOUT_DUMP=FILE in the
// environment, the app rewrites FILE after every frame whose layout changed, one line each:
//
//   viewport W H
//   window NAME X0 Y0 X1 Y1 SCROLL_Y SCROLL_MAX_Y   (a panel: its rectangle and scroll range)
//   item NAME X0 Y0 X1 Y1 CX0 CY0 CX1 CY1           (a widget and the visible part, the clip
//                                                    rectangle, of the window it is drawn in)
//
// in screen pixels. GUI tests read it to check that what a trainee needs is inside the window
// and not scrolled away (tests/scripts/gui_drill_layout.sh). Without the variable every call is
// a cheap no-op.
#pragma once

namespace impasse::gui::probe {

// True when IMPASSE_LAYOUT_DUMP is set.
bool enabled();

// Records the last item drawn (ImGui's last item rectangle) under `name`.
void item(const char* name);

// Records the current window (inside Begin/BeginChild) under `name`.
void window(const char* name);

// Writes the records of this frame to the file (when they differ from the last frame's) and
// starts the next frame's. Call once per frame, after the panels have drawn.
void end_frame();

}  // namespace impasse::gui::probe
