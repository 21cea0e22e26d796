// The fuzz targets: one function per parser of outside input, each taking arbitrary bytes.
// They are linked into the libFuzzer programs (fuzz/main_*.cpp, built with -DIMPASSE_FUZZ=ON
// and clang) and into the unit tests, which replay every saved crash input in
// tests/data/fuzz/<target>/ (tests/unit/fuzz_regression_test.cpp). Each returns 0; a crash,
// a sanitizer report, an escaped exception or a hang is the failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace impasse::fuzz {

int scenario_loader(const uint8_t* data, size_t size);   // a scenario YAML file
int rubric_loader(const uint8_t* data, size_t size);     // a rubric YAML file
int transcript(const uint8_t* data, size_t size);        // a transcript JSON file, then replay
int score_text(const uint8_t* data, size_t size);        // a typed answer, in both rupture types
int score_jsonl(const uint8_t* data, size_t size);       // one `score --jsonl` input line
int audience_request(const uint8_t* data, size_t size);  // a phone's room code, id, option, answer
int stored_record(const uint8_t* data, size_t size);     // bytes left in the record's text columns

// The target called `name` (as above), or null.
using Target = int (*)(const uint8_t*, size_t);
Target find(std::string_view name);

}  // namespace impasse::fuzz
