// A terminal records file as the ward server sees it: each terminal's chain in chain order with every hash
// recomputed by the records' own canonical form (record_chain.hpp), and the rows that are not chained.
#pragma once
#include "core/record_chain.hpp"
#include "core/records.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk::server {

struct SourceRow {
    bool completion = false;
    bool ledger = false;              // an owner, state, result, audit or terminal-key row (record_chain.hpp)
    ResponseRecord response;          // when neither
    CompletionRecord completion_row;  // when completion
    LedgerEntry ledger_row;           // when ledger
    std::string prev_hash, row_hash;
};

struct SourceChain {
    std::string terminal_id;
    std::vector<SourceRow> rows;  // position 1 … N
    // The first row whose stored hashes do not follow from its content and the row before it (0 = none), and why.
    std::int64_t broken_at = 0;
    std::string broken_reason;
    std::string head() const;
};

// One row of another table, column by column as text (nullopt = NULL), in the server table's column order.
using PlainRow = std::vector<std::optional<std::string>>;

struct SourceFile {
    std::map<std::string, SourceChain> chains;   // by terminal ID
    std::map<std::string, PlainRow> attempts;    // by uuid: the 15 columns of kAttemptColumns
    std::map<std::string, PlainRow> learners;    // by staff ID: the 6 columns of kLearnerColumns
};

inline constexpr const char* kAttemptColumns = "uuid, staff_id, course_id, mode, seed, guideline_hash, items_json, started_at, finished_at, "
                                               "points, max_points, passed, completed, terminal_id, state";
inline constexpr const char* kLearnerColumns = "staff_id, name, department, hire_date, in_roster, updated_at";

// Reads every chain, attempt and learner of an open records database (in the caller's read transaction).
SourceFile read_source_file(sqlite3* db);

// Every event with id > after_id, as (id, row of at, kind, staff_id, detail_json, terminal_id).
std::vector<std::pair<std::int64_t, PlainRow>> read_source_events(sqlite3* db, std::int64_t after_id);

} // namespace kiosk::server
