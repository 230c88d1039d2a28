// Maintenance actions of the admin screen: export (CSV, xAPI statements), online backup, and where a USB stick may be.
// No UI here; the screen shows the outcome and writes the event log.
#pragma once
#include "records.hpp"
#include "reports.hpp"

#include <map>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

struct ActionOutcome {
    bool ok = false;
    std::string path;                // the directory or file written
    std::vector<std::string> files;  // file names written (exports)
    long long rows = 0;              // data rows (CSV) or statements (xAPI) or bytes (backup)
    std::string error;               // what went wrong, for the admin (English; OS and SQLite messages)
};

// "kiosk-export-20261124-0915" / "kiosk-backup-20261124-0915.db" (local time): new names, so nothing is overwritten.
std::string export_folder_name(EpochMs now);
std::string backup_file_name(EpochMs now);

// Places to offer for exports and backups, most likely first: mounted removable media (/media/$USER/*, /run/media/$USER/*,
// /media/*), then the home directory. Only directories that exist and can be written.
std::vector<std::string> suggested_destinations();

// Creates <dir>/<export_folder_name(now)>/ with completions_report.csv (the dashboard's figures), completions.csv (every
// completion with name and department), item_statistics.csv and heatmap.csv. `dir` must exist.
ActionOutcome export_csv(sqlite3* db, const std::vector<ReportCourse>& courses,
                         const std::map<std::string, std::vector<std::string>>& item_clauses, const std::string& dir, EpochMs now);

// Creates <dir>/<export_folder_name(now)>/statements.json: one xAPI 1.0.3 statement per finished attempt (a JSON array,
// written as it is read, so a million responses need no more memory than one statement). The statement id is the
// attempt UUID, so importing the same export twice into an LRS does not duplicate anything.
ActionOutcome export_xapi(sqlite3* db, const std::string& dir, EpochMs now);

// Online backup with sqlite3_backup into a new file `dest` (refused when it exists), then a quick_check of the copy.
ActionOutcome backup_records(sqlite3* db, const std::string& dest);

// One xAPI statement for a finished attempt (exposed for tests).
struct XapiAttempt {
    std::string uuid, staff_id, course_id, guideline_hash, terminal_id, completion_code;
    EpochMs started_at = 0, finished_at = 0;
    int points = 0, max_points = 0;
    bool passed = false, completed = false, records_completion = true;
};
std::string xapi_statement(const XapiAttempt& a);

} // namespace kiosk
