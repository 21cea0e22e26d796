// Files the GUI writes in the user's folders (settings.json, imgui.ini, transcripts) hold the
// trainee's own material, so they get mode 0600 like the store, whatever the umask.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

namespace impasse::gui {

// Creates `path` empty with mode 0600 when missing, and sets an existing file to 0600; its
// content is left alone. A writer that then opens it with truncation (std::ofstream, ImGui's
// fopen "wb") keeps the mode. False when the file could not be created or changed.
// `initial` is written when the file is empty (Dear ImGui 1.86 reads past the end of an empty
// imgui.ini: AddressSanitizer caught it).
inline bool make_private_file(const std::string& path, const std::string& initial = "") {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return false;
    bool ok = ::fchmod(fd, 0600) == 0;
    struct stat st {};
    if (ok && !initial.empty() && ::fstat(fd, &st) == 0 && st.st_size == 0)
        ok = ::write(fd, initial.data(), initial.size()) == static_cast<ssize_t>(initial.size());
    ::close(fd);
    return ok;
}

}  // namespace impasse::gui
