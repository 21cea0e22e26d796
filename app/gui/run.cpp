// gui::run: resolves folders, opens the platform window and drives the shell.
#include <cstdio>

#include "gui/gui.h"
#include "gui/platform.h"
#include "gui/shell.h"
#include "impasse/paths.h"

namespace impasse::gui {

int run(const Options& options) {
    PlatformConfig pc;
    pc.width = options.width;
    pc.height = options.height;
    pc.frames = options.frames;
    pc.screenshot = options.screenshot;
    pc.timing = options.timing;
    pc.launched = options.launched;
    std::string config_dir = paths::user_config();
    if (paths::ensure_private_dir(config_dir).empty()) pc.ini_path = config_dir + "/imgui.ini";

    Platform platform;
    if (std::string err = platform.open(pc); !err.empty()) {
        std::fprintf(stderr, "impasse: %s\n", err.c_str());
        return 1;
    }
    // The shell is made once the window is open: it starts the drill or demo the command line
    // asked for, and a run that never had a window must not leave one in the record.
    Shell shell(options);
    shell.attach(platform);
    return platform.loop([&] { shell.prepare(); }, [&] { return shell.frame(); });
}

}  // namespace impasse::gui
