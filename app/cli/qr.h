// QR codes for the workshop's audience address (libqrencode): the module matrix, and the same
// matrix as terminal text, as SVG for a slide, or as rows of 0/1 (tests compare the projector's
// drawing with it). The GUI draws the matrix itself (gui/qr_view.h).
//
// Errors are values: encode() returns false with `*error` set (text too long for a QR code,
// or libqrencode failed). Thread-safe (libqrencode's encoder is reentrant).
#pragma once

#include <string>
#include <vector>

namespace impasse::cli {

struct QrMatrix {
    int size = 0;                // modules per side, without the quiet zone
    std::vector<bool> dark;      // size * size, row by row
    bool at(int x, int y) const  // false outside the matrix (the quiet zone is light)
    {
        return x >= 0 && y >= 0 && x < size && y < size && dark[static_cast<size_t>(y * size + x)];
    }
};

// Modules of the light border every reader needs around the code.
constexpr int kQrQuietZone = 4;

// Encodes `text` (8-bit mode, error correction M: readable from the back of a room with some
// glare). At most 2,000 bytes.
bool qr_encode(const std::string& text, QrMatrix* out, std::string* error);

// Two modules per character cell with the upper and lower half blocks, quiet zone included;
// dark modules drawn as the terminal's background, so a dark terminal shows the code as a
// reader expects (light border, dark modules are the blank cells). One line per two rows.
std::string qr_text(const QrMatrix& m);
// A standalone SVG, `module_px` user units per module, quiet zone included.
std::string qr_svg(const QrMatrix& m, int module_px = 8);
// One line per row of "0" (light) and "1" (dark), without the quiet zone.
std::string qr_modules(const QrMatrix& m);

}  // namespace impasse::cli
