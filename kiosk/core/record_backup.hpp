// Online backup of the records: SQLite's backup API copies a consistent snapshot while the kiosk keeps writing, and the
// copy is verified (integrity_check and every chain) before it takes its name.
#pragma once
#include "record_chain.hpp"

#include <string>

namespace kiosk {

struct BackupResult {
    long long pages = 0;
    VerifyReport copy;  // the copy's integrity_check, chains and heads
};

// Copies the records file at `source_path` (opened read-only) to `dest_path` as one self-contained file (rollback
// journal, no -wal beside it): written as `dest_path`.part, verified, then renamed. A copy whose verification finds
// problems is still kept (it is the evidence) and the problems are in the result. Throws StoreError when the source
// cannot be read or the copy cannot be written (disk full: then no file is left behind).
BackupResult backup_records(const std::string& source_path, const std::string& dest_path);

} // namespace kiosk
