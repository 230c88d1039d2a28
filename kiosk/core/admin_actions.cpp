// Exports (CSV files and xAPI statements), sqlite3_backup, and the list of likely export destinations.
#include "admin_actions.hpp"

#include "attempt_store.hpp"
#include "dates.hpp"
#include "item_stats.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace kiosk {

namespace {

std::string stamp(EpochMs now) {
    const std::time_t s = static_cast<std::time_t>(now / 1000);
    std::tm tm{};
    localtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

// ISO 8601 UTC with milliseconds, as xAPI timestamps are usually written.
std::string timestamp_ms(EpochMs t) {
    const std::string s = iso_timestamp_utc(t);  // …:SSZ
    char ms[8];
    std::snprintf(ms, sizeof ms, ".%03lldZ", static_cast<long long>(((t % 1000) + 1000) % 1000));
    return s.substr(0, s.size() - 1) + ms;
}

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

ActionOutcome export_csv(sqlite3* db, const std::vector<ReportCourse>& courses,
                         const std::map<std::string, std::vector<std::string>>& item_clauses, const std::string& dir, EpochMs now) {
    ActionOutcome r;
    const fs::path folder = make_export_folder(dir, now, r.error);
    if (folder.empty()) return r;
    r.path = folder.string();
    try {
        std::string all = "staff_id,name,department,course,completed_at,valid_until,points,max_points,code,terminal_id\r\n";
        sql::Statement st(db,
                          "SELECT c.staff_id, COALESCE(l.name, ''), COALESCE(l.department, ''), c.course_id, c.completed_at, c.valid_until, "
                          "c.points, c.max_points, c.code, c.terminal_id FROM completions c LEFT JOIN learners l ON l.staff_id = c.staff_id "
                          "ORDER BY c.completed_at, c.seq");
        while (st.step())
            all += csv_field(st.text(0)) + "," + csv_field(st.text(1)) + "," + csv_field(st.text(2)) + "," + csv_field(st.text(3)) + "," +
                   iso_timestamp_utc(st.int64(4)) + "," + (st.int64(5) ? iso_date(st.int64(5)) : std::string()) + "," +
                   std::to_string(st.int64(6)) + "," + std::to_string(st.int64(7)) + "," + st.text(8) + "," + csv_field(st.text(9)) + "\r\n";
        const std::vector<std::pair<std::string, std::string>> files = {
            {"completions_report.csv", completion_report_csv(completion_report(db, courses, now))},
            {"completions.csv", all},
            {"item_statistics.csv", item_statistics_csv(item_statistics(db))},
            {"heatmap.csv", heatmap_csv(clause_heatmap(db, item_clauses))},
        };
        for (const auto& [name, bytes] : files) {
            // A BOM so that Excel on the ward's PCs opens the UTF-8 file with the Japanese intact.
            if (!write_file(folder / name, "\xEF\xBB\xBF" + bytes, r.error)) return r;
            r.files.push_back(name);
            r.rows += count_lines(bytes);
        }
    } catch (const StoreError& e) {
        r.error = e.what();
        return r;
    }
    r.ok = true;
    return r;
}

std::string xapi_statement(const XapiAttempt& a) {
    using nlohmann::json;
    const bool has_max = a.max_points > 0;
    json result = {{"success", a.passed}, {"completion", a.completed}};
    result["score"] = {{"raw", a.points}, {"min", 0}, {"max", a.max_points}, {"scaled", has_max ? static_cast<double>(a.points) / a.max_points : 0.0}};
    const long long seconds = std::max<long long>(0, (a.finished_at - a.started_at) / 1000);
    result["duration"] = "PT" + std::to_string(seconds) + "S";
    json extensions = {{"urn:chiyoda-kiosk:guideline-sha256", a.guideline_hash}, {"urn:chiyoda-kiosk:terminal", a.terminal_id}};
    if (!a.completion_code.empty()) extensions["urn:chiyoda-kiosk:completion-code"] = a.completion_code;
    const char* verb = a.passed ? "passed" : "failed";
    json s = {
        {"id", a.uuid},
        {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", "urn:chiyoda-kiosk:staff"}, {"name", a.staff_id}}}}},
        {"verb", {{"id", std::string("http://adlnet.gov/expapi/verbs/") + verb}, {"display", {{"en-US", verb}}}}},
        {"object",
         {{"objectType", "Activity"},
          {"id", "urn:chiyoda-kiosk:course:" + a.course_id},
          {"definition", {{"type", "http://adlnet.gov/expapi/activities/assessment"}}}}},
        {"result", result},
        {"context", {{"registration", a.uuid}, {"platform", "chiyoda-kiosk"}, {"extensions", extensions}}},
        {"timestamp", timestamp_ms(a.finished_at)},
        {"version", "1.0.3"},
    };
    return s.dump();
}

ActionOutcome export_xapi(sqlite3* db, const std::string& dir, EpochMs now) {
    ActionOutcome r;
    const fs::path folder = make_export_folder(dir, now, r.error);
    if (folder.empty()) return r;
    r.path = folder.string();
    const fs::path file = folder / "statements.json";
    std::ofstream out(file, std::ios::binary);
    try {
        sql::Statement st(db,
                          "SELECT a.uuid, a.staff_id, a.course_id, a.guideline_hash, a.terminal_id, COALESCE(c.code, ''), a.started_at, "
                          "a.finished_at, a.points, a.max_points, a.passed, a.completed FROM attempts a "
                          "LEFT JOIN completions c ON c.attempt_uuid = a.uuid WHERE a.state = 'finished' ORDER BY a.finished_at, a.uuid");
        out << "[\n";
        while (st.step()) {
            XapiAttempt a;
            a.uuid = st.text(0);
            a.staff_id = st.text(1);
            a.course_id = st.text(2);
            a.guideline_hash = st.text(3);
            a.terminal_id = st.text(4);
            a.completion_code = st.text(5);
            a.started_at = st.int64(6);
            a.finished_at = st.int64(7);
            a.points = static_cast<int>(st.int64(8));
            a.max_points = static_cast<int>(st.int64(9));
            a.passed = st.int64(10) != 0;
            a.completed = st.int64(11) != 0;
            out << (r.rows ? ",\n" : "") << xapi_statement(a);
            ++r.rows;
        }
        out << "\n]\n";
    } catch (const StoreError& e) {
        r.error = e.what();
        return r;
    }
    out.close();
    if (!out) {
        r.error = "cannot write " + file.string() + " (disk full or removed?)";
        return r;
    }
    r.files.push_back("statements.json");
    r.ok = true;
    return r;
}

ActionOutcome backup_records(sqlite3* db, const std::string& dest) {
    ActionOutcome r;
    r.path = dest;
    std::error_code ec;
    if (dest.empty()) {
        r.error = "no backup file name";
        return r;
    }
    if (fs::exists(dest, ec)) {
        r.error = dest + " already exists; choose a new name (backups are never overwritten)";
        return r;
    }
    const fs::path parent = fs::path(dest).parent_path();
    if (!parent.empty() && !writable_dir(parent)) {
        r.error = "the folder " + parent.string() + " does not exist or cannot be written";
        return r;
    }
    sqlite3* to = nullptr;
    if (sqlite3_open_v2(dest.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        r.error = std::string("cannot create the backup: ") + (to ? sqlite3_errmsg(to) : "out of memory");
        sqlite3_close(to);
        return r;
    }
    // All pages in one step: the source is locked for the copy only, and a kiosk database is copied in seconds.
    sqlite3_backup* b = sqlite3_backup_init(to, "main", db, "main");
    int rc = SQLITE_ERROR;
    if (b) {
        do {
            rc = sqlite3_backup_step(b, -1);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    std::string check;
    if (rc == SQLITE_DONE) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(to, "PRAGMA quick_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            check = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    } else {
        r.error = std::string("backup failed: ") + sqlite3_errmsg(to);
    }
    sqlite3_close(to);
    if (rc != SQLITE_DONE || check != "ok") {
        if (r.error.empty()) r.error = "the copy does not pass quick_check: " + check;
        fs::remove(dest, ec);
        return r;
    }
    r.rows = static_cast<long long>(fs::file_size(dest, ec));
    r.files.push_back(fs::path(dest).filename().string());
    r.ok = true;
    return r;
}

} // namespace kiosk
