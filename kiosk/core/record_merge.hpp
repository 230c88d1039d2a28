// Merging terminals' records into one ward file: each source is verified first, rows are matched by their natural keys
// (staff ID, attempt UUID, attempt + item, event content), and each terminal's chain is carried over unchanged.
#pragma once
#include "record_chain.hpp"

#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

struct MergeCounts {
    long long learners = 0;     // new people (a newer roster entry for a known person updates it, see learners_updated)
    long long learners_updated = 0;
    long long attempts = 0;     // new attempts
    long long attempts_closed = 0;  // open in the target, finished or abandoned in the source
    long long responses = 0;
    long long completions = 0;
    long long events = 0;
    long long ledger = 0;  // chained owners, states, results, audit events and terminal keys
    long long total() const {
        return learners + learners_updated + attempts + attempts_closed + responses + completions + events + ledger;
    }
};

struct MergeSourceResult {
    std::string path;
    bool merged = false;
    std::vector<std::string> problems;  // why it was not merged: identity, verify findings, a chain that conflicts
    std::vector<ChainHead> heads;       // of the source as verified
    MergeCounts added;
};

// Merges the records file at `source_path` into `target` (an open, writable records database) in one transaction.
// The source is opened read-only and checked with verify_records first; a source that fails is not merged at all.
// A terminal's rows already in the target must be the start of the source's chain for that terminal (an older copy of
// the same terminal's file is fine either way round); if the chains differ, nothing of this source is merged.
// Rows are appended with new seq values after the target's, keeping their hashes, and the terminal's recorded head is
// set, so the target verifies. Merging the same source again adds nothing. Throws StoreError when the target fails.
// With `enrolled`, a source whose chains are not all signed by their terminals' enrolled keys is not merged.
MergeSourceResult merge_records(sqlite3* target, const std::string& source_path, const EnrolledKeys* enrolled = nullptr);

} // namespace kiosk
