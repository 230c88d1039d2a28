// What the store keeps about attempts and answers; shared by the session engine and AttemptStore.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// All times are Unix epoch milliseconds (UTC).
using EpochMs = std::int64_t;

enum class AttemptState { in_progress, suspended, finished, abandoned };
const char* to_string(AttemptState s);

struct AttemptRecord {
    std::string uuid;  // RFC 4122 v4, lower case
    std::string staff_id;
    std::string course_id;
    std::string mode;  // learning | exam
    std::uint64_t seed = 0;
    std::string guideline_hash;
    std::vector<std::string> item_ids;     // in the order presented
    std::vector<std::string> item_hashes;  // content hash of each item, same order
    EpochMs started_at = 0;
    EpochMs finished_at = 0;  // 0 while not finished
    int points = 0;      // Σ points of the answers, each on its item's own scale
    int max_points = 0;  // Σ max points
    double marks = 0;      // Σ fraction × mark: what decided pass or fail (attempts before marks: = points)
    double max_marks = 0;  // Σ mark (attempts before marks: = max_points)
    bool passed = false;
    bool completed = false;
    std::string terminal_id;
    AttemptState state = AttemptState::in_progress;
    // How answers are weighed: "marks" (each item by its mark in the course), or "points" for attempts begun before
    // marks existed, which keep weighing each answer by its max points so their results stay exactly as decided.
    std::string mark_scale = "marks";
};

struct ResponseRecord {
    std::string attempt_uuid;
    int item_index = 0;  // position in AttemptRecord::item_ids
    std::string item_id;
    std::string response_json;  // e.g. {"selected":["b"]} or {"path":["a","c"]}
    int points = 0;
    int max_points = 0;
    EpochMs answered_at = 0;
    std::int64_t time_taken_ms = 0;
    double fraction = 0;  // points / max_points, in [0, 1]
    double mark = 1;      // the item's mark in this attempt (answers before marks: its max_points)
};

struct CompletionRecord {
    std::string attempt_uuid;
    std::string staff_id;
    std::string course_id;
    EpochMs completed_at = 0;
    EpochMs valid_until = 0;  // 0 = no expiry
    int points = 0;
    int max_points = 0;
    std::string code;  // short completion code shown to the learner, verifiable against the database
};

// A fresh RFC 4122 version 4 UUID (lower case), from libsodium's random bytes.
std::string new_uuid_v4();
// The short code shown to a learner on completion ("K7Q2-M9XD": Crockford base32 of a hash of the attempt UUID);
// `kiosk verify-code CODE` and the admin screen find the completion by it.
std::string completion_code(const std::string& attempt_uuid);

} // namespace kiosk
