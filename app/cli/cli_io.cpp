#include "cli/cli_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "impasse/paths.h"
#include "impasse/scenario_loader.h"

namespace impasse::cli {

std::unique_ptr<Store> open_record(const std::string& data_dir, int& exit_code) {
    std::string err;
    auto store = Store::open(data_dir.empty() ? paths::default_user_data() : data_dir, &err);
    if (!store) {
        std::fprintf(stderr, "impasse: %s\n", err.c_str());
        exit_code = 1;
    }
    return store;
}

bool write_output(const std::string& path, const std::string& text, int& exit_code) {
    if (path.empty() || path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return true;
    }
    // The trainee's record goes into these files: readable by the user only (0600).
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0;
    for (size_t done = 0; ok && done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<size_t>(n);
    }
    if (fd >= 0 && ::close(fd) != 0) ok = false;
    if (!ok) {
        std::fprintf(stderr, "impasse: cannot write %s (disk full or no permission?)\n",
                     tmp.c_str());
        std::remove(tmp.c_str());
        exit_code = 1;
        return false;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::fprintf(stderr, "impasse: cannot write %s\n", path.c_str());
        std::remove(tmp.c_str());
        exit_code = 1;
        return false;
    }
    return true;
}

ScenarioPtr find_scenario(const std::string& what, int& exit_code) {
    std::error_code ec;
    if (std::filesystem::exists(what, ec)) {
        LoadResult r = load_scenario_file(what);
        for (const auto& d : r.diagnostics)
            std::fprintf(stderr, "%s\n", d.to_string().c_str());
        if (!r.scenario) exit_code = 1;
        return r.scenario;
    }
    std::string dir = paths::bundled_scenarios();
    if (!dir.empty())
        for (const auto& s : load_library({dir}).scenarios)
            if (s->id == what) return s;
    std::fprintf(stderr, "impasse: '%s' is neither a scenario file nor a bundled scenario id\n",
                 what.c_str());
    exit_code = 2;
    return nullptr;
}

}  // namespace impasse::cli
