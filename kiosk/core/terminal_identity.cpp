// Terminal IDs, Ed25519 key pairs and signatures (libsodium), and the enrolled-keys file.
#include "terminal_identity.hpp"

#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kiosk {

namespace {

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    std::string out(2 * n + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

// false unless `hex` is exactly `n` bytes of hex.
bool from_hex(const std::string& hex, unsigned char* out, std::size_t n) {
    if (hex.size() != 2 * n) return false;
    std::size_t len = 0;
    return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

} // namespace

std::string new_terminal_id() {
    init_sodium();
    unsigned char b[8];
    randombytes_buf(b, sizeof b);
    return "t-" + to_hex(b, sizeof b);
}

TerminalKey new_terminal_key(const std::string& terminal_id, const std::string& host_label) {
    init_sodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    TerminalKey k{terminal_id, to_hex(pk, sizeof pk), to_hex(sk, sizeof sk), host_label};
    sodium_memzero(sk, sizeof sk);
    return k;
}

std::string chain_head_message(const std::string& terminal_id, std::int64_t length, const std::string& head) {
    return "chiyoda-kiosk chain head v1\n" + terminal_id + "\n" + std::to_string(length) + "\n" + head;
}

std::string sign_hex(const TerminalKey& key, std::string_view message) {
    init_sodium();
    unsigned char sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
    if (!from_hex(key.secret_key, sk, sizeof sk)) throw std::runtime_error("terminal " + key.terminal_id + " has no usable signing key");
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk);
    sodium_memzero(sk, sizeof sk);
    return to_hex(sig, sizeof sig);
}

bool signature_valid(const std::string& public_key_hex, std::string_view message, const std::string& signature_hex) {
    init_sodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
    if (!from_hex(public_key_hex, pk, sizeof pk) || !from_hex(signature_hex, sig, sizeof sig)) return false;
    return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(message.data()), message.size(), pk) == 0;
}

std::string enrollment_line(const TerminalKey& key) {
    return key.terminal_id + " " + key.public_key + (key.host_label.empty() ? "" : " " + key.host_label);
}

EnrolledKeys load_enrolled_keys(const std::string& path) {
    EnrolledKeys out;
    out.path = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        out.errors.push_back(path + ": cannot read the enrolled-keys file; check the path given to --enrolled");
        return out;
    }
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        std::istringstream words(line.substr(first));
        std::string terminal, key;
        words >> terminal >> key;
        const std::string where = path + ":" + std::to_string(number) + ":";
        unsigned char pk[crypto_sign_PUBLICKEYBYTES];
        if (!from_hex(key, pk, sizeof pk)) {
            const auto column = line.find(key.empty() ? std::string(1, '\0') : key, first + terminal.size());
            out.errors.push_back(where + std::to_string(column == std::string::npos ? line.size() + 1 : column + 1) +
                                 ": expected a public key of 64 hex digits after the terminal ID (copy the whole line `kiosk enroll` "
                                 "printed on the terminal)");
            continue;
        }
        const auto [it, added] = out.public_key_by_terminal.emplace(terminal, key);
        if (!added && it->second != key)
            out.errors.push_back(where + std::to_string(first + 1) + ": terminal " + terminal +
                                 " is enrolled twice with different keys; keep only the line of its current key");
    }
    return out;
}

} // namespace kiosk
