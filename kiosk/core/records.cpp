// Attempt states as stored, random v4 UUIDs and the short completion codes shown to learners.
#include "records.hpp"

#include "hash.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kiosk {

const char* to_string(AttemptState s) {
    switch (s) {
    case AttemptState::in_progress: return "in_progress";
    case AttemptState::suspended: return "suspended";
    case AttemptState::finished: return "finished";
    case AttemptState::abandoned: return "abandoned";
    }
    return "in_progress";
}

std::string new_uuid_v4() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[b[i] >> 4];
        out += hex[b[i] & 0xf];
    }
    return out;
}

std::string completion_code(const std::string& attempt_uuid) {
    // Crockford base32 leaves out I, L, O and U so a code read aloud or typed is not mistaken.
    static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const std::string digest = sha256_hex("chiyoda-kiosk completion\n" + attempt_uuid);
    // 40 bits = 10 hex digits = 8 base32 characters.
    std::uint64_t bits = std::stoull(digest.substr(0, 10), nullptr, 16);
    std::string code(9, '-');
    for (int i = 7; i >= 0; --i) {
        code[static_cast<std::size_t>(i < 4 ? i : i + 1)] = alphabet[bits & 31];
        bits >>= 5;
    }
    return code;
}

} // namespace kiosk
