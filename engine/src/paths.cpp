#include "impasse/paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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
    // Each missing folder is made here with mode 0700 (the umask can only narrow it). A folder
    // that already exists is never chmod-ed: --data-dir may name /tmp or a shared folder.
    if (dir.empty()) return "no folder given";
    std::error_code ec;
    fs::path target(dir);
    fs::path so_far;
    for (const fs::path& part : target) {
        so_far /= part;
        if (part.empty() || part == "/" || part == "." || part == "..") continue;
        if (::mkdir(so_far.c_str(), 0700) == 0 || errno == EEXIST) continue;
        int err = errno;
        if (fs::is_directory(so_far, ec)) continue;  // e.g. EACCES on a parent that exists
        return "cannot create " + so_far.string() + ": " + std::strerror(err);
    }
    if (!fs::is_directory(dir, ec)) return dir + " exists and is not a folder";
    return "";
}

std::string exposed_dir_warning(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return "";
    if ((st.st_mode & (S_IRGRP | S_IROTH | S_IWGRP | S_IWOTH)) == 0) return "";
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return "warning: the data folder " + dir + " can be read or written by other users (mode " +
           mode + "); Impasse has not changed it. To keep your record private: chmod 700 " + dir;
}

std::string write_file_atomic(const std::string& path, const std::string& text) {
    // mkstemp creates the file with O_CREAT|O_EXCL and mode 0600: a planted symlink or file at
    // the temporary name makes it pick another name, never write through it.
    // A target that is not a regular file (/dev/null, a FIFO, a terminal) is written in place:
    // renaming over it would replace the device with a file.
    struct stat st {};
    bool in_place = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
    std::string tmp = path + ".tmp.XXXXXX";
    int fd =
        in_place ? ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC) : ::mkstemp(tmp.data());
    if (fd < 0) return "cannot write " + path + ": " + std::strerror(errno);
    bool ok = in_place || ::fchmod(fd, 0600) == 0;
    int err = ok ? 0 : errno;
    for (size_t done = 0; ok && done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok)
            done += static_cast<size_t>(n);
        else
            err = n < 0 ? errno : ENOSPC;
    }
    if (in_place) {
        if (::close(fd) != 0 && ok) ok = false, err = errno;
        return ok ? "" : "cannot write " + path + ": " + std::strerror(err);
    }
    if (ok && ::fsync(fd) != 0) ok = false, err = errno;
    if (::close(fd) != 0 && ok) ok = false, err = errno;
    if (!ok) {
        ::unlink(tmp.c_str());
        return "cannot write " + path + ": " + std::strerror(err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        err = errno;
        ::unlink(tmp.c_str());
        return "cannot write " + path + ": " + std::strerror(err);
    }
    return "";
}

}  // namespace impasse::paths
