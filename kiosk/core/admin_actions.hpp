// Maintenance actions of the admin screen: export (the records as `kiosk export` writes them, plus the dashboard's
// figures), backup (as `kiosk backup` makes it), and where a USB stick may be.
// No UI here; the screen shows the outcome and writes the event log.
#pragma once
#include "records.hpp"
#include "reports.hpp"
#include "text.hpp"

#include <map>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

struct ActionOutcome {
    bool ok = false;
    std::string path;                // the directory or file written
    std::vector<std::string> files;  // file names written (exports)
    long long rows = 0;              // data rows and statements (export) or bytes (backup)
    std::string error;               // what went wrong, for the admin (English; OS and SQLite messages)
};

// "kiosk-export-20261124-0915" / "kiosk-backup-20261124-0915.db" (local time): new names, so nothing is overwritten.
std::string export_folder_name(EpochMs now);
std::string backup_file_name(EpochMs now);

// Places to offer for exports and backups, most likely first: mounted removable media (/media/$USER/*, /run/media/$USER/*,
// /media/*), then the home directory. Only directories that exist and can be written.
std::vector<std::string> suggested_destinations();

// Creates <dir>/<export_folder_name(now)>/ (with -2, -3 … when that name is taken) holding the records as `kiosk export`
// writes them (record_export.hpp) — attempts.csv and responses.csv (header in `header_lang`) and statements.jsonl (xAPI
// 1.0.3, one statement a line) — and the dashboard's figures: completions_report.csv, item_statistics.csv and
// heatmap.csv. Every CSV is UTF-8 with a BOM. `dir` must exist.
ActionOutcome export_records(sqlite3* db, const std::vector<ReportCourse>& courses,
                             const std::map<std::string, std::vector<std::string>>& item_clauses, const std::string& dir, EpochMs now,
                             Lang header_lang = Lang::ja);

// Copies the records file behind `db` (sqlite3_db_filename) with record_backup.hpp's backup_records into the new file
// `dest` (refused when it exists). ok only when the copy verifies; a copy that does not is kept as evidence.
ActionOutcome backup_store(sqlite3* db, const std::string& dest);

} // namespace kiosk
