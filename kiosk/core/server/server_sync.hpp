// Sync of a terminal records file into the ward server: the one place where the server accepts a terminal's rows.
#pragma once
#include "pg.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::server {

struct SyncOptions {
    std::size_t batch_rows = 2000;  // chained rows per server transaction
    // Write the acknowledged position (settings `server.ack.<terminal>` and `server.ack.events`) into the file after
    // each server commit: for the terminal's own database. A copied file (`kiosk sync --from`) is only read.
    bool write_ack = false;
};

struct TerminalSyncResult {
    std::string terminal_id;
    std::int64_t local_rows = 0;       // the file's chain length
    std::int64_t server_before = 0;    // rows the server held before
    std::int64_t server_after = 0;     // and after
    std::int64_t batches = 0;
    std::string refusal;               // why nothing (more) of this terminal was accepted; "" = accepted
};

struct SyncResult {
    std::vector<TerminalSyncResult> terminals;
    std::int64_t attempts_added = 0, attempts_updated = 0, learners_added = 0, learners_updated = 0, events_added = 0;
    std::string error;  // the sync stopped (file unreadable, server gone): what was committed stays, the next pass resumes
    bool ok() const;
};

// Pushes everything in the records file at `path` that the server does not hold yet, in chain order, `batch_rows` per
// transaction. Each batch brings the attempts and people its rows refer to, appends the rows (the server's trigger
// accepts a row only as the next of its terminal's chain), appends a checkpoint and commits. A chain whose hashes do
// not follow from its content, or that does not extend what the server holds (a fork), is refused: the reason is kept
// on the server's `terminals` row and nothing of that terminal is sent. Never throws for the server or the file.
SyncResult sync_records(const std::string& path, pg::Connection& server, const SyncOptions& options);

// The settings key of the acknowledged position of a terminal's chain: {"length":N,"head":"…"}.
std::string ack_key(const std::string& terminal_id);

} // namespace kiosk::server
