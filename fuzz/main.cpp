// The libFuzzer entry point for one target, chosen at compile time (IMPASSE_FUZZ_TARGET names
// a function of targets.h). Built by fuzz/CMakeLists.txt, run by scripts/fuzz.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return impasse::fuzz::IMPASSE_FUZZ_TARGET(data, size);
}
