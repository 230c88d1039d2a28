// Helpers for the store, chain, export and merge tests: scratch database files, raw SQL on a handle, file bytes, and
// records written through AttemptStore as the engine would write them.
#pragma once
#include "core/attempt_store.hpp"
#include "core/hash.hpp"
#include "core/records.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kiosk::store_fixtures {

namespace fs = std::filesystem;

// A private directory for database files, removed afterwards.
struct TempDir {
    fs::path dir;
    TempDir() {
        static int n = 0;
        dir = fs::temp_directory_path() / ("kiosk-store-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string path(const std::string& name) const { return (dir / name).string(); }
};

inline long long query_int(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

inline std::string query_text(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

inline void exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO(sql << " → " << (err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
}

// A plain connection of the test's own, as an auditor's tool would open the file.
struct RawDb {
    sqlite3* db = nullptr;
    explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
        REQUIRE(sqlite3_open_v2(path.c_str(), &db, flags, nullptr) == SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
    }
    ~RawDb() { sqlite3_close_v2(db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;
    long long count(const std::string& sql) const { return query_int(db, sql); }
    void run(const std::string& sql) const { exec(db, sql); }
};

inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// SHA-256 of the file, or "absent".
inline std::string file_digest(const std::string& path) { return fs::exists(path) ? sha256_hex(file_bytes(path)) : "absent"; }

inline AttemptRecord attempt_record(const std::string& staff_id, const std::string& course = "refresher", int items = 3,
                                    EpochMs started = 1'700'000'000'000) {
    AttemptRecord a;
    a.uuid = new_uuid_v4();
    a.staff_id = staff_id;
    a.course_id = course;
    a.mode = "exam";
    a.seed = 42;
    a.guideline_hash = std::string(64, 'a');
    for (int i = 0; i < items; ++i) {
        a.item_ids.push_back("item-" + std::to_string(i));
        a.item_hashes.push_back(std::string(64, static_cast<char>('0' + i % 10)));
    }
    a.started_at = started;
    return a;
}

inline ResponseRecord response_record(const AttemptRecord& a, int index, bool correct, EpochMs at) {
    ResponseRecord r;
    r.attempt_uuid = a.uuid;
    r.item_index = index;
    r.item_id = a.item_ids.at(static_cast<std::size_t>(index));
    r.response_json = correct ? R"({"selected":["a"]})" : R"({"selected":["b"]})";
    r.points = correct ? 1 : 0;
    r.max_points = 1;
    r.fraction = correct ? 1.0 : 0.0;
    r.mark = 1;
    r.answered_at = at;
    r.time_taken_ms = 4000 + index * 100;
    return r;
}

// A whole attempt: every item answered (the first `wrong` ones wrongly), finished, and a completion when passed.
inline AttemptRecord finished_attempt(AttemptStore& store, const std::string& staff_id, int items = 3, int wrong = 0,
                                      EpochMs started = 1'700'000'000'000, const std::string& course = "refresher") {
    AttemptRecord a = attempt_record(staff_id, course, items, started);
    store.create_attempt(a);
    EpochMs t = started;
    for (int i = 0; i < items; ++i) {
        t += 5000;
        store.record_response(response_record(a, i, i >= wrong, t));
    }
    a.finished_at = t + 1000;
    a.points = items - wrong;
    a.max_points = items;
    a.marks = a.points;  // every item is worth 1 point and carries mark 1
    a.max_marks = a.max_points;
    a.passed = 100 * a.points >= 80 * a.max_points;
    a.completed = true;
    a.state = AttemptState::finished;
    std::optional<CompletionRecord> c;
    if (a.passed) {
        c = CompletionRecord{a.uuid, staff_id, a.course_id, a.finished_at, a.finished_at + 365 * 86'400'000LL, a.points, a.max_points,
                             completion_code(a.uuid)};
    }
    store.finish_attempt(a, c);
    return a;
}

} // namespace kiosk::store_fixtures
