// AttemptStore: the durable SQLite record of learners, attempts, answers, completions and events.
#pragma once
#include "records.hpp"
#include "terminal_identity.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

// What the file says it is (docs/records.md): PRAGMA application_id ("CHK1") and PRAGMA user_version.
inline constexpr std::int64_t kRecordsApplicationId = 0x43484B31;
inline constexpr std::int64_t kRecordsSchemaVersion = 3;

// Thrown when a write did not reach the disk (disk full, I/O error, read-only, corrupt file).
// The caller must not show the answer as saved. `sqlite_code` is SQLite's extended result code.
class StoreError : public std::runtime_error {
public:
    StoreError(const std::string& what, int sqlite_code) : std::runtime_error(what), sqlite_code_(sqlite_code) {}
    int sqlite_code() const { return sqlite_code_; }
    bool disk_full() const { return (sqlite_code_ & 0xff) == 13; }  // SQLITE_FULL
private:
    int sqlite_code_;
};

struct Learner {
    std::string staff_id;
    std::string name;        // from the roster; may be empty
    std::string department;  // from the roster or chosen at sign-in; may be empty
    std::string hire_date;   // ISO date; may be empty
};

// One earlier answer of a learner, for draws that favour unseen items and missed clauses.
struct PastResponse {
    std::string item_id;
    int points = 0;
    int max_points = 0;
    EpochMs answered_at = 0;
    std::string response_json;  // what was answered, for the clauses the learner got wrong
};

// Why the records could not be opened for writing: each has its own message and, on the command line, exit status.
enum class OpenProblem { none, missing_folder, no_permission, not_records, newer_schema, damaged, other };

struct OpenStatus {
    bool ok = true;
    bool read_only = false;  // corruption or newer schema: the kiosk must not write
    std::string message;     // for the admin: what is wrong and what to do
    OpenProblem problem = OpenProblem::none;
};

class AttemptStore {
public:
    // Opens or creates the database (WAL, synchronous=FULL), migrates it, runs quick_check. Never creates the folder:
    // a missing one is reported (the caller creates it when that is meant: first run, --create).
    // Never throws for a bad file: check status().
    // `terminal_id` empty: the file's own terminal, created with a random ID and a key pair at the first open.
    explicit AttemptStore(const std::string& path, std::string terminal_id = "");
    ~AttemptStore();
    AttemptStore(const AttemptStore&) = delete;
    AttemptStore& operator=(const AttemptStore&) = delete;

    const OpenStatus& status() const;
    // This file's terminal: the ID given, or (none given) the random ID made at the file's first open.
    const std::string& terminal_id() const;
    // The terminal's Ed25519 key pair (docs/records.md, "Terminal identity"); throws StoreError when the file is not
    // open for writing.
    const TerminalKey& signing_key();
    sqlite3* handle();  // for reports and tests

    // Every write below is one transaction, committed (durable) before it returns; throws StoreError.
    void upsert_learner(const Learner& l);
    std::optional<Learner> learner(const std::string& staff_id);
    void create_attempt(const AttemptRecord& a);
    void record_response(const ResponseRecord& r);
    void set_attempt_state(const std::string& uuid, AttemptState s, EpochMs at);
    // Writes the result, marks the attempt finished and, when `completion` is given, the completion row.
    void finish_attempt(const AttemptRecord& a, const std::optional<CompletionRecord>& completion);
    void log_event(const std::string& kind, const std::string& staff_id, const std::string& detail_json, EpochMs at);

    std::optional<AttemptRecord> attempt(const std::string& uuid);
    // The newest in-progress or suspended attempt of this learner on this course, if any.
    std::optional<AttemptRecord> find_resumable(const std::string& staff_id, const std::string& course_id);
    // The person's most recent finished attempt at a course (passed or not): the home card shows how it went.
    std::optional<AttemptRecord> last_finished(const std::string& staff_id, const std::string& course_id);
    std::vector<ResponseRecord> responses(const std::string& attempt_uuid);
    std::vector<PastResponse> past_responses(const std::string& staff_id);
    std::vector<CompletionRecord> completions(const std::string& staff_id);
    std::optional<CompletionRecord> completion_by_code(const std::string& code);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The terminal's signing key for anything it signs besides the chain (a completion receipt): store.signing_key().
const TerminalKey& terminal_signing_key(AttemptStore& store);

} // namespace kiosk
