// The terminal's receipt-signing key, kept in the records file's settings table. One small seam on purpose: a terminal
// identity kept elsewhere replaces these two functions and nothing else.
#pragma once
#include "receipt.hpp"

#include <optional>

struct sqlite3;

namespace kiosk {

// The key pair in `db`'s settings; a new one is created and stored (in one transaction) when there is none.
SigningKeyPair terminal_signing_key(sqlite3* db);
// The public key only, for `kiosk receipt verify` on a read-only connection; nothing when the file has none.
std::optional<std::array<unsigned char, 32>> terminal_public_key(sqlite3* db);

} // namespace kiosk
