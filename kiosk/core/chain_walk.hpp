// One pass over every chained row (responses, completions, ledger) in chain order, recomputing each row's hash: the
// three tables are read in rowid (= seq) order and merged, so a million rows need no sort, and the canonical bytes
// of plain ASCII rows are written directly (the same bytes as canonical_response/_completion/_ledger, pinned by
// tests/unit/test_chain_golden.cpp).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

struct sqlite3;

namespace kiosk {

struct WalkedRow {
    std::string_view table;  // responses | completions | ledger
    std::int64_t seq = 0;
    std::string_view terminal, ref;  // ref: the attempt UUID (responses, completions) or the ledger row's ref
    std::string_view prev_hash, row_hash;
    bool hash_matches = false;  // sha256(prev_hash + "\n" + canonical) == row_hash
    int item_index = -1;        // responses only
    std::string_view kind, body;  // ledger only
};

// Calls `visit` for every row with seq > `after_seq`, in seq order across terminals. Views are valid during the call
// only. Throws StoreError.
// With `terminal`, only that terminal's rows (through the (terminal_id, seq) indexes).
void walk_chain_rows(sqlite3* db, const std::function<void(const WalkedRow&)>& visit, std::int64_t after_seq = 0,
                     const std::string* terminal = nullptr);

} // namespace kiosk
