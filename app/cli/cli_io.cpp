#include "cli/cli_io.h"

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
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) {
            std::fprintf(stderr, "impasse: cannot write %s (disk full or no permission?)\n",
                         tmp.c_str());
            std::remove(tmp.c_str());
            exit_code = 1;
            return false;
        }
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
