// Demonstration records: a ward office's staff with a few years of attempts, scored by the real engine, for the admin
// screen, the reports and benchmarks. Never for a database that already holds real records.
#pragma once
#include "attempt_store.hpp"
#include "records.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kiosk {

struct Content;

struct DemoOptions {
    int staff = 1500;        // people in the roster at the end
    int departments = 30;    // 1 .. demo_department_names().size()
    int years = 2;           // the data set covers this many years before `end`
    std::uint64_t seed = 1;  // same seed → same people, answers and scores (attempt UUIDs are random)
    EpochMs end = 0;         // when the data set ends; 0 = now
    int attempts_per_transaction = 2000;
};

struct DemoSummary {
    int people = 0;          // learners written (the roster plus staff who left during the period)
    int in_roster = 0;
    int departments = 0;
    long long attempts = 0;
    long long finished = 0;
    long long responses = 0;
    long long completions = 0;
    long long events = 0;
    std::vector<std::string> miskeyed_items;  // items answered as if their key were wrong (negative discrimination)
    std::vector<std::string> easy_items;      // items nearly everyone gets right
    double seconds = 0;
};

// Department names of a ward office ("政策経営部 広報広聴課", …), in a fixed order; the first n are used.
const std::vector<std::string>& demo_department_names();

// Writes the learners, attempts, responses (hash-chained per terminal with the store's own chain functions),
// completions and events in transactions of `attempts_per_transaction` attempts, then the recorded chain heads and
// the report indexes. Every attempt goes through Session: the draw, the option order, the scoring and the result are the
// kiosk's own. `progress` is called after each transaction.
// Throws std::invalid_argument when the database already has learners or attempts, or the options are out of range;
// StoreError when a write fails (the transaction in progress is rolled back; earlier ones stay).
DemoSummary seed_demo_data(AttemptStore& store, const Content& content, const DemoOptions& options,
                           const std::function<void(const DemoSummary&)>& progress = nullptr);

} // namespace kiosk
