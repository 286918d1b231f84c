#pragma once
// Random identifiers: UUIDv4 for objects, longer random strings for enrollment keys and tokens.
// From the OS's random source (std::random_device reads /dev/urandom on Linux and
// crypto.getRandomValues under Emscripten).
#include <random>
#include <string>

namespace trm {

inline std::string random_hex(std::size_t chars) {
    static thread_local std::random_device rd;
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(chars);
    while (out.size() < chars) {
        unsigned v = rd();
        for (int i = 0; i < 8 && out.size() < chars; ++i, v >>= 4) out.push_back(digits[v & 15]);
    }
    return out;
}

inline std::string random_uuid() {
    std::string h = random_hex(32);
    h[12] = '4';                                            // version 4
    h[16] = "89ab"[static_cast<unsigned char>(h[16]) % 4];  // RFC 4122 variant
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

}  // namespace trm
