// Terminal identity: a random terminal ID and an Ed25519 key pair per records file (libsodium), signatures over chain
// heads, and the ward's enrolled-keys file that `kiosk merge --enrolled` and `kiosk verify --enrolled` read.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct TerminalKey {
    std::string terminal_id;
    std::string public_key;  // Ed25519 public key, 64 lower-case hex digits
    std::string secret_key;  // libsodium's 64-byte secret key, hex; empty when this file cannot sign for the terminal
    std::string host_label;  // the host name when the key was made: a display label only, never an identity
    bool can_sign() const { return !secret_key.empty(); }
};

// "t-" + 16 random hex digits (64 bits from libsodium): two files created separately never share one.
std::string new_terminal_id();
TerminalKey new_terminal_key(const std::string& terminal_id, const std::string& host_label);

// The bytes a chain head signature covers: domain, terminal, length and head, one per line.
std::string chain_head_message(const std::string& terminal_id, std::int64_t length, const std::string& head);
// Ed25519 detached signature (hex) of `message`; throws std::runtime_error when the key cannot sign.
std::string sign_hex(const TerminalKey& key, std::string_view message);
bool signature_valid(const std::string& public_key_hex, std::string_view message, const std::string& signature_hex);

// The line `kiosk enroll` prints and a ward admin appends to the enrolled-keys file: "<terminal> <public key> <label>".
std::string enrollment_line(const TerminalKey& key);

struct EnrolledKeys {
    std::string path;
    std::map<std::string, std::string> public_key_by_terminal;
    std::vector<std::string> errors;  // "FILE:LINE:COL: what is wrong and what to do"; a file with errors is not used
    bool ok() const { return errors.empty(); }
};
// One terminal a line: "<terminal id> <public key hex> [label…]"; blank lines and lines starting with # are ignored.
EnrolledKeys load_enrolled_keys(const std::string& path);

} // namespace kiosk
