// The records' hash chain: canonical content of chained rows, row hashes, the recorded chain head, and `verify`.
#pragma once
#include "records.hpp"
#include "sqlite_db.hpp"
#include "terminal_identity.hpp"

#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

// prev_hash of the first row of every chain.
inline const std::string kGenesisHash(64, '0');

// Canonical content (see docs/records.md): a compact JSON array starting with the table name, then the columns in
// schema order without seq and the hashes.
std::string canonical_response(const ResponseRecord& r, const std::string& terminal_id);
std::string canonical_completion(const CompletionRecord& c, const std::string& terminal_id);
// A chained row of the `ledger` table: what decides a result or says who did what (the terminal's public key, an
// attempt's owner and course, its state changes and result, an audit event), so that none of it can be changed
// without breaking the chain. kind: terminal | attempt | state | result | event; ref: the terminal ID or attempt UUID.
struct LedgerEntry {
    std::string kind;
    std::string ref;
    std::string body_json;
    EpochMs at = 0;
};
std::string canonical_ledger(const LedgerEntry& e, const std::string& terminal_id);
// sha256_hex(prev_hash + "\n" + canonical)
std::string chain_row_hash(const std::string& prev_hash, const std::string& canonical);

// The settings key under which the store records a terminal's chain length and head after every chained write, so
// that a truncated tail is noticed: value = {"length":N,"head":"<row_hash>"}.
std::string chain_head_key(const std::string& terminal_id);

struct ChainHead {
    std::string terminal_id;
    std::int64_t length = 0;  // rows in the chain (responses + completions)
    std::string head;         // row_hash of the last row (kGenesisHash when empty)
    std::string public_key;   // from the chain's `terminal` ledger row; empty for a chain written before terminal keys
    bool signed_ok = false;   // the recorded head is this chain's head and carries a valid signature by public_key
    std::int64_t last_seq = 0;  // seq of the head row
};

struct ChainProblem {
    std::string table;  // responses | completions | settings | attempts | database
    std::int64_t seq = 0;
    std::string attempt_uuid;
    std::string terminal_id;
    std::string what;
    int item_index = -1;  // responses only
    std::string describe() const;
};

struct VerifyReport {
    bool integrity_ok = true;
    std::string integrity_message;  // "ok" or what integrity_check said
    std::vector<ChainHead> heads;   // one per terminal, as found in the rows
    // The first problem of each chain, then recorded-head mismatches, then attempts whose result disagrees with their
    // chained completion.
    std::vector<ChainProblem> problems;
    bool ok() const { return integrity_ok && problems.empty(); }
};

// Opens an existing records file read-only, for verify, export, report, backup and merge: never creates, migrates or
// checkpoints it, and leaves no -wal or -shm beside a file nobody has open (immutable then). `extra_flags` are added to
// SQLITE_OPEN_READONLY (e.g. SQLITE_OPEN_NOMUTEX). Throws StoreError when the file is missing or cannot be opened.
sql::Connection open_records_read_only(const std::string& path, int extra_flags = 0);
// "" when `db` says it is a kiosk records database of this schema version; otherwise what it is instead.
std::string records_identity_problem(sqlite3* db);

// The chain heads as the rows say (no checking).
std::vector<ChainHead> chain_heads(sqlite3* db);
struct VerifyOptions {
    bool quick = false;                      // quick_check instead of integrity_check
    const EnrolledKeys* enrolled = nullptr;  // when set, every chain must be signed by its terminal's enrolled key
    // Heads verified before (kept outside the records, e.g. by `kiosk verify`): a terminal listed here is checked from
    // its head row on — that row must still carry that hash at that length, and every later row is rehashed. Rows
    // before it are not rehashed (an edit there that leaves the hashes alone is found only by a full walk).
    const std::vector<ChainHead>* verified_before = nullptr;
};
// integrity_check (or quick_check) and every chain, row by row; each chain's signed head; the attempts and events
// against their ledger rows.
VerifyReport verify_records(sqlite3* db, const VerifyOptions& options);
VerifyReport verify_records(sqlite3* db, bool quick = false);

} // namespace kiosk
