// Receipts are signed with the same Ed25519 key as the terminal's chain heads: one identity per records file.
#include "terminal_signing_key.hpp"

#include "attempt_store.hpp"
#include "sqlite_db.hpp"
#include "terminal_identity.hpp"

#include <sodium.h>

namespace kiosk {

namespace {

bool bytes_from_hex(const std::string& hex, unsigned char* out, std::size_t n) {
    std::size_t len = 0;
    return hex.size() == 2 * n && sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

} // namespace

SigningKeyPair receipt_signing_key(AttemptStore& store) {
    const TerminalKey& key = store.signing_key();
    SigningKeyPair k;
    if (!bytes_from_hex(key.public_key, k.public_key.data(), k.public_key.size()) ||
        !bytes_from_hex(key.secret_key, k.secret_key.data(), k.secret_key.size()))
        throw StoreError("terminal " + key.terminal_id + " has no usable signing key in terminal_keys", 0);
    return k;
}

std::optional<std::array<unsigned char, 32>> terminal_public_key(sqlite3* db) {
    if (!sql::query_text(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'terminal_keys'")) return std::nullopt;
    // The file's own terminal (`terminal.self`), or, where the configuration named the terminal, the newest key this
    // file can sign with; keys copied in by a merge have no secret and are other terminals'.
    sql::Statement st(db, "SELECT k.public_key FROM terminal_keys k LEFT JOIN settings s ON s.key = 'terminal.self' AND s.value = k.terminal_id "
                          "WHERE k.secret_key IS NOT NULL ORDER BY s.value IS NULL, k.created_at DESC, k.rowid DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    std::array<unsigned char, 32> pk{};
    if (!bytes_from_hex(st.text(0), pk.data(), pk.size())) return std::nullopt;
    return pk;
}

} // namespace kiosk
