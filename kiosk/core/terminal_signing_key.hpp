// The key a completion receipt is signed with: the terminal's own identity key (terminal_identity.hpp, kept in the
// records' terminal_keys table and made at the first open of the file), as the byte arrays receipt.hpp works with.
#pragma once
#include "receipt.hpp"

#include <optional>

struct sqlite3;

namespace kiosk {

class AttemptStore;

// The terminal's key pair for signing receipts; throws StoreError when the file is not open for writing.
SigningKeyPair receipt_signing_key(AttemptStore& store);
// The public key of the terminal a records file belongs to (its own key, see the .cpp), for `kiosk receipt verify` on a
// read-only connection; nothing when the file has none.
std::optional<std::array<unsigned char, 32>> terminal_public_key(sqlite3* db);

} // namespace kiosk
