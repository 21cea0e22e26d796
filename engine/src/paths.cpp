#include "impasse/paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace impasse::paths {
namespace {

bool looks_like_root(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "scenarios", ec) && fs::is_directory(p / "assets", ec);
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return (v && *v) ? std::string(v) : fallback;
}

std::string home() {
    return env_or("HOME", "/tmp");
}

}  // namespace

std::string data_root() {
    if (const char* env = std::getenv("IMPASSE_DATA_ROOT"); env && *env && looks_like_root(env))
        return env;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path installed = exe.parent_path().parent_path() / "share" / "impasse";
        if (looks_like_root(installed)) return installed.string();
    }
#ifdef IMPASSE_SOURCE_DIR
    if (looks_like_root(IMPASSE_SOURCE_DIR)) return IMPASSE_SOURCE_DIR;
#endif
#ifdef IMPASSE_INSTALL_DATADIR
    if (looks_like_root(IMPASSE_INSTALL_DATADIR)) return IMPASSE_INSTALL_DATADIR;
#endif
    return "";
}

std::string bundled_scenarios() {
    std::string r = data_root();
    return r.empty() ? "" : r + "/scenarios";
}

std::string assets() {
    std::string r = data_root();
    return r.empty() ? "" : r + "/assets";
}

std::string default_user_data() {
    return env_or("XDG_DATA_HOME", home() + "/.local/share") + "/impasse";
}

std::string user_config() {
    return env_or("XDG_CONFIG_HOME", home() + "/.config") + "/impasse";
}

std::string ensure_private_dir(const std::string& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) return "cannot create " + dir + ": " + ec.message();
        if (::chmod(dir.c_str(), 0700) != 0)
            return "cannot set permissions on " + dir + ": " + std::strerror(errno);
    } else if (!fs::is_directory(dir, ec)) {
        return dir + " exists and is not a folder";
    }
    return "";
}

}  // namespace impasse::paths
