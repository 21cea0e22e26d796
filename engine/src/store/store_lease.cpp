// A drill's lease (Store::lease_drill): an exclusive flock on <data_dir>/locks/drill-<id>.lock.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "impasse/store.h"

namespace impasse {

std::string Store::lease_drill(int64_t drill_id) {
    if (leases_.count(drill_id)) return "";
    std::filesystem::path dir = std::filesystem::path(path_).parent_path() / "locks";
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return "cannot take drill " + std::to_string(drill_id) + ": cannot create " + dir.string() +
               " (" + std::strerror(errno) + ")";
    std::string file = (dir / ("drill-" + std::to_string(drill_id) + ".lock")).string();
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return "cannot take drill " + std::to_string(drill_id) + ": cannot open " + file + " (" +
               std::strerror(errno) + ")";
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK)
            return "drill " + std::to_string(drill_id) +
                   " is open in another Impasse (a window or a terminal); finish or close it "
                   "there first, so that the two do not overwrite each other's answers";
        return "cannot take drill " + std::to_string(drill_id) + ": " + std::strerror(err);
    }
    leases_[drill_id] = fd;
    return "";
}

void Store::release_drill(int64_t drill_id) {
    auto it = leases_.find(drill_id);
    if (it == leases_.end()) return;
    std::filesystem::path file = std::filesystem::path(path_).parent_path() / "locks" /
                                 ("drill-" + std::to_string(drill_id) + ".lock");
    ::unlink(file.c_str());  // while still locked: nobody else holds it
    ::close(it->second);
    leases_.erase(it);
}

}  // namespace impasse
