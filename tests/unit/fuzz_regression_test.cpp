// Every input saved in tests/data/fuzz/<target>/ — crashes libFuzzer found and that were fixed,
// and hand-made hostile inputs — is fed to its fuzz target (fuzz/targets.h) on every test run,
// so a fixed crash stays fixed. The sanitizer build (.ci/run) makes memory errors fail here.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "targets.h"

namespace fs = std::filesystem;

TEST_CASE("fuzz regressions: every saved input runs through its target without a crash") {
    setenv("IMPASSE_DATA_ROOT", IMPASSE_SOURCE_DIR, 0);
    fs::path root = fs::path(IMPASSE_TEST_DATA) / "fuzz";
    REQUIRE(fs::is_directory(root));
    int targets = 0, inputs = 0;
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory()) continue;
        std::string name = dir.path().filename().string();
        CAPTURE(name);
        impasse::fuzz::Target target = impasse::fuzz::find(name);
        REQUIRE_MESSAGE(static_cast<bool>(target), "no fuzz target is called " << name);
        ++targets;
        for (const auto& file : fs::directory_iterator(dir.path())) {
            if (!file.is_regular_file()) continue;
            std::string path = file.path().string();
            CAPTURE(path);
            std::ifstream in(path, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
            CHECK(target(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) == 0);
            ++inputs;
        }
    }
    CHECK(targets == 7);
    MESSAGE(inputs << " saved inputs replayed");
}
