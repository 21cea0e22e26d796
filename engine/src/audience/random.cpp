// The room's secrets (code, presenter token, voter ids) come from the kernel's CSPRNG, never
// from a seeded generator: anybody who could guess them could vote as others or present.
#include <cstdio>
#include <string>

#include "impasse/audience.h"

namespace impasse::audience {

bool random_bytes(unsigned char* out, size_t n) {
    std::FILE* f = std::fopen("/dev/urandom", "rb");
    if (!f) return false;
    size_t got = std::fread(out, 1, n, f);
    std::fclose(f);
    return got == n;
}

std::string random_hex(size_t bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string raw(bytes, '\0');
    if (!random_bytes(reinterpret_cast<unsigned char*>(raw.data()), bytes)) return "";
    std::string hex;
    hex.reserve(bytes * 2);
    for (unsigned char c : raw) {
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    return hex;
}

}  // namespace impasse::audience
