// The admin screen's figures, computed together (in a worker thread on a connection of its own, so the screen stays
// responsive on a database with a million responses).
#pragma once
#include "item_stats.hpp"
#include "reports.hpp"

#include <map>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

struct Content;

// What the computation needs from the content, copied so that a content reload cannot pull it away mid-way.
struct SnapshotInputs {
    std::vector<ReportCourse> courses;
    std::map<std::string, std::vector<std::string>> item_clauses;
    EpochMs as_of = 0;
    int due_soon_days = 30;
};
SnapshotInputs snapshot_inputs(const Content& content, EpochMs as_of);

struct AdminSnapshot {
    EpochMs as_of = 0;
    std::vector<CourseCompletionReport> completions;
    ItemStatsReport items;
    Heatmap heatmap;
    double load_ms = 0;
    std::string error;  // empty when every figure was computed
};

AdminSnapshot load_admin_snapshot(sqlite3* db, const SnapshotInputs& in);
// Opens `path` read-only on the calling thread, computes, closes. For a worker thread.
AdminSnapshot load_admin_snapshot_file(const std::string& path, const SnapshotInputs& in);

} // namespace kiosk
