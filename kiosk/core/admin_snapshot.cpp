// Completion reports, item statistics and the heatmap in one go, on a given connection or on a read-only one of its own.
#include "admin_snapshot.hpp"

#include "attempt_store.hpp"
#include "content.hpp"

#include <sqlite3.h>

#include <chrono>

namespace kiosk {

SnapshotInputs snapshot_inputs(const Content& content, EpochMs as_of) {
    SnapshotInputs in;
    in.courses = report_courses(content.courses);
    in.item_clauses = item_clause_map(content.scenarios);
    in.as_of = as_of;
    return in;
}

AdminSnapshot load_admin_snapshot(sqlite3* db, const SnapshotInputs& in) {
    const auto t0 = std::chrono::steady_clock::now();
    AdminSnapshot s;
    s.as_of = in.as_of;
    try {
        s.completions = completion_report(db, in.courses, in.as_of, in.due_soon_days);
        s.items = item_statistics(db);
        s.heatmap = clause_heatmap(db, in.item_clauses);
    } catch (const StoreError& e) {
        s.error = e.what();
    }
    s.load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return s;
}

AdminSnapshot load_admin_snapshot_file(const std::string& path, const SnapshotInputs& in) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        AdminSnapshot s;
        s.as_of = in.as_of;
        s.error = std::string("cannot open the records read-only: ") + (db ? sqlite3_errmsg(db) : path);
        sqlite3_close(db);
        return s;
    }
    sqlite3_busy_timeout(db, 5000);
    AdminSnapshot s = load_admin_snapshot(db, in);
    sqlite3_close(db);
    return s;
}

} // namespace kiosk
