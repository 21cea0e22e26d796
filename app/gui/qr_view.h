// Draws a QR code (cli/qr.h) with ImGui: dark modules on a white square with the quiet zone,
// every module the same whole number of pixels so that a phone's camera (and the test that
// compares the screenshot with `impasse workshop qr --format modules`) reads it cleanly.
#pragma once

#include "cli/qr.h"

namespace impasse::gui {

// At the cursor, at most `side` pixels wide and high (at least 2 pixels per module).
// Returns the pixels per module used.
int draw_qr(const cli::QrMatrix& m, float side);

}  // namespace impasse::gui
