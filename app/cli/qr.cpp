#include "cli/qr.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>

namespace impasse::cli {

bool qr_encode(const std::string& text, QrMatrix* out, std::string* error) {
    if (text.empty() || text.size() > 2000) {
        if (error)
            *error = "a QR code holds 1 to 2,000 bytes here; this text has " +
                     std::to_string(text.size());
        return false;
    }
    QRcode* code =
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
    if (!code) {
        if (error)
            *error = std::string("libqrencode could not encode the text: ") + std::strerror(errno);
        return false;
    }
    out->size = code->width;
    out->dark.assign(static_cast<size_t>(code->width) * static_cast<size_t>(code->width), false);
    for (size_t i = 0; i < out->dark.size(); ++i)
        out->dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark module
    QRcode_free(code);
    return true;
}

std::string qr_text(const QrMatrix& m) {
    // Light modules are printed (the terminal's foreground, usually light); a cell's upper and
    // lower halves are two rows.
    std::string s;
    int lo = -kQrQuietZone, hi = m.size + kQrQuietZone;
    for (int y = lo; y < hi; y += 2) {
        for (int x = lo; x < hi; ++x) {
            bool top = !m.at(x, y), bottom = y + 1 < hi && !m.at(x, y + 1);
            s += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
        }
        s += '\n';
    }
    return s;
}

std::string qr_svg(const QrMatrix& m, int module_px) {
    int side = (m.size + 2 * kQrQuietZone) * module_px;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(side) +
                    "\" height=\"" + std::to_string(side) + "\" viewBox=\"0 0 " +
                    std::to_string(side) + " " + std::to_string(side) +
                    "\" shape-rendering=\"crispEdges\">\n<rect width=\"100%\" height=\"100%\" "
                    "fill=\"#fff\"/>\n<path fill=\"#000\" d=\"";
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x)
            if (m.at(x, y))
                s += "M" + std::to_string((x + kQrQuietZone) * module_px) + " " +
                     std::to_string((y + kQrQuietZone) * module_px) + "h" +
                     std::to_string(module_px) + "v" + std::to_string(module_px) + "h-" +
                     std::to_string(module_px) + "z";
    s += "\"/>\n</svg>\n";
    return s;
}

std::string qr_modules(const QrMatrix& m) {
    std::string s;
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size; ++x)
            s += m.at(x, y) ? '1' : '0';
        s += '\n';
    }
    return s;
}

}  // namespace impasse::cli
