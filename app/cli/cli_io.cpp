#include "cli/cli_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>

#include "impasse/paths.h"

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

}  // namespace impasse::cli
