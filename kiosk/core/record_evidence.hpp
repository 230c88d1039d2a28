// What decides a result is evidence: the bodies of the ledger rows that chain an attempt's owner, state and result and
// each audit event, and the check that the `attempts` and `events` tables still say what their chained rows say.
#pragma once
#include "record_chain.hpp"

#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

// Ledger bodies (compact JSON objects); the writer and the checker build them with these functions only.
std::string attempt_ledger_body(const std::string& staff_id, const std::string& course_id, const std::string& mode, std::int64_t seed,
                                const std::string& guideline_hash, const std::string& items_json, EpochMs started_at);
std::string state_ledger_body(const std::string& state);
std::string result_ledger_body(EpochMs finished_at, std::int64_t points, std::int64_t max_points, bool passed, bool completed,
                               const std::string& state);
std::string event_ledger_body(const std::string& kind, const std::string& staff_id, const std::string& detail_json);

// Every attempt with ledger rows must have the owner, course, draw, state and result its latest rows say; every
// chained audit event must still be in `events` unchanged. Attempts and events written before the ledger existed
// (files from schema 1) have no rows to compare and are not reported. One problem per attempt or event.
std::vector<ChainProblem> evidence_problems(sqlite3* db);

} // namespace kiosk
