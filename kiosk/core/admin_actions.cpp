// The admin screen's export and backup, on record_export and record_backup, and the list of likely export destinations.
#include "admin_actions.hpp"

#include "attempt_store.hpp"
#include "dates.hpp"
#include "item_stats.hpp"
#include "output_guard.hpp"
#include "record_backup.hpp"
#include "record_export.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <tuple>

namespace fs = std::filesystem;

namespace kiosk {

namespace {

std::string stamp(EpochMs now) { return format_local(now, "%Y%m%d-%H%M%S"); }

bool writable_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec) && access(p.c_str(), W_OK) == 0;
}

// The export folder, created fresh; empty path and `error` set when it cannot be.
fs::path make_export_folder(const std::string& dir, EpochMs now, std::string& error) {
    if (dir.empty() || !writable_dir(dir)) {
        error = "the folder " + dir + " does not exist or cannot be written";
        return {};
    }
    fs::path folder = fs::path(dir) / export_folder_name(now);
    for (int n = 2; fs::exists(folder); ++n) folder = fs::path(dir) / (export_folder_name(now) + "-" + std::to_string(n));
    std::error_code ec;
    if (!fs::create_directory(folder, ec)) {
        error = "cannot create " + folder.string() + ": " + ec.message();
        return {};
    }
    return folder;
}

bool write_file(const fs::path& path, const std::string& bytes, std::string& error) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        error = "cannot write " + path.string() + " (disk full or removed?)";
        return false;
    }
    return true;
}

const std::string kBom = "\xEF\xBB\xBF";

long long count_lines(const std::string& csv) {
    long long n = 0;
    for (std::size_t i = csv.find("\r\n"); i != std::string::npos; i = csv.find("\r\n", i + 2)) ++n;
    return n > 0 ? n - 1 : 0;  // minus the header
}

} // namespace

std::string export_folder_name(EpochMs now) { return "kiosk-export-" + stamp(now); }
std::string backup_file_name(EpochMs now) { return "kiosk-backup-" + stamp(now) + ".db"; }

std::vector<std::string> suggested_destinations() {
    std::vector<std::string> out;
    const auto add = [&](const fs::path& p) {
        if (!writable_dir(p)) return;
        const std::string s = p.string();
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    std::string user;
    if (const char* u = std::getenv("USER")) user = u;
    std::error_code ec;
    for (const fs::path& base : {fs::path("/media") / user, fs::path("/run/media") / user, fs::path("/media")}) {
        if (user.empty() && base != fs::path("/media")) continue;
        if (!fs::is_directory(base, ec)) continue;
        for (const auto& e : fs::directory_iterator(base, ec)) add(e.path());
    }
    if (const char* home = std::getenv("HOME")) add(home);
    return out;
}

ActionOutcome export_records(sqlite3* db, const std::vector<ReportCourse>& courses,
                             const std::map<std::string, std::vector<std::string>>& item_clauses, const std::string& dir, EpochMs now,
                             Lang header_lang) {
    ActionOutcome r;
    const fs::path folder = make_export_folder(dir, now, r.error);
    if (folder.empty()) return r;
    r.path = folder.string();
    try {
        const ExportResult attempts = export_csv(db, CsvTable::attempts, header_lang);
        const ExportResult responses = export_csv(db, CsvTable::responses, header_lang);
        const ExportResult statements = export_xapi(db, XapiOptions{});
        const std::string report = completion_report_csv(completion_report(db, courses, now));
        const std::string items = item_statistics_csv(item_statistics(db));
        const std::string heatmap = heatmap_csv(clause_heatmap(db, item_clauses));
        // The figures come without a BOM: one so that Excel on the ward's PCs opens them with the Japanese intact.
        const std::vector<std::tuple<const char*, std::string, long long>> files = {
            {"attempts.csv", attempts.text, static_cast<long long>(attempts.rows)},
            {"responses.csv", responses.text, static_cast<long long>(responses.rows)},
            {"statements.jsonl", statements.text, static_cast<long long>(statements.rows)},
            {"completions_report.csv", kBom + report, count_lines(report)},
            {"item_statistics.csv", kBom + items, count_lines(items)},
            {"heatmap.csv", kBom + heatmap, count_lines(heatmap)},
        };
        for (const auto& [name, bytes, rows] : files) {
            if (!write_file(folder / name, bytes, r.error)) return r;
            r.files.push_back(name);
            r.rows += rows;
        }
    } catch (const StoreError& e) {
        r.error = e.what();
        return r;
    }
    r.ok = true;
    return r;
}

ActionOutcome backup_store(sqlite3* db, const std::string& dest) {
    ActionOutcome r;
    r.path = dest;
    std::error_code ec;
    if (dest.empty()) {
        r.error = "no backup file name";
        return r;
    }
    const char* file = sqlite3_db_filename(db, "main");
    if (!file || !*file) {
        r.error = "the records are not kept in a file, so there is nothing to back up";
        return r;
    }
    // backup_records renames its verified copy into place, which would replace a file of that name: the same check as
    // every command's output, without --force (backups are never overwritten from the screen).
    if (fs::exists(dest, ec)) {
        r.error = dest + " already exists; choose a new name (backups are never overwritten)";
        return r;
    }
    if (const OutputCheck check = may_write_output(dest, OutputUse::records_copy, /*force=*/false, {file}); !check.ok) {
        r.error = check.reason;
        return r;
    }
    const fs::path parent = fs::path(dest).parent_path();
    if (!parent.empty() && !writable_dir(parent)) {
        r.error = "the folder " + parent.string() + " does not exist or cannot be written";
        return r;
    }
    try {
        const BackupResult b = backup_records(file, dest);
        if (!b.copy.ok()) {
            r.error = "the copy was kept but does not verify: " +
                      (b.copy.problems.empty() ? b.copy.integrity_message : b.copy.problems.front().describe());
            return r;
        }
    } catch (const StoreError& e) {
        r.error = std::string("backup failed: ") + e.what() + (e.disk_full() ? " (free some space on the backup drive)" : "");
        return r;
    } catch (const std::exception& e) {
        r.error = std::string("backup failed: ") + e.what();
        return r;
    }
    r.rows = static_cast<long long>(fs::file_size(dest, ec));
    r.files.push_back(fs::path(dest).filename().string());
    r.ok = true;
    return r;
}

} // namespace kiosk
