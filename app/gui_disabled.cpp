// gui::run for a build without the GUI (-DIMPASSE_BUILD_GUI=OFF): explains, and fails.
#include <cstdio>

#include "gui/gui.h"

namespace impasse::gui {

int run(const Options&) {
    std::fprintf(stderr,
                 "impasse: this build has no window (built with -DIMPASSE_BUILD_GUI=OFF); use a "
                 "subcommand, see impasse --help\n");
    return 1;
}

}  // namespace impasse::gui
