// ChainWriter: the one place that appends rows to a terminal's hash chain (responses, completions, ledger) and records
// the chain head signed with the terminal's Ed25519 key; and the terminal identity a records file keeps.
#pragma once
#include "record_chain.hpp"
#include "terminal_identity.hpp"

struct sqlite3;

namespace kiosk {

class ChainWriter {
public:
    ChainWriter(sqlite3* db, TerminalKey key) : db_(db), key_(std::move(key)) {}
    const TerminalKey& key() const { return key_; }

    // Each appends one row inside the caller's transaction and records the new head, signed; throws StoreError.
    void append_response(const ResponseRecord& r);
    void append_completion(const CompletionRecord& c);
    void append_ledger(const LedgerEntry& e);

private:
    struct Tail {
        std::string head;
        std::int64_t next_seq = 1;
        std::int64_t length = 0;
    };
    Tail tail();
    void record_head(std::int64_t length, const std::string& head);

    sqlite3* db_;
    TerminalKey key_;
};

// The identity this file writes under, in its own transaction. `terminal_id` empty: the file's own terminal (the
// setting `terminal.self`), created at the first open of a new (or upgraded) file with a random ID; a given ID (a
// terminal configuration's `terminal_id`, tests) gets a key of its own the first time. A new key is written to
// `terminal_keys` and as a `terminal` ledger row carrying the public key: the first row of a new file's chain.
// Throws StoreError; a terminal whose key this file holds without its secret (merged from elsewhere) cannot be written.
TerminalKey open_terminal_identity(sqlite3* db, const std::string& terminal_id, const std::string& host_label, EpochMs now);

} // namespace kiosk
