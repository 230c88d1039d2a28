// Backup with sqlite3_backup_* into a side file, verified, then renamed into place.
#include "record_backup.hpp"

#include "sqlite_db.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace kiosk {

BackupResult backup_records(const std::string& source_path, const std::string& dest_path) {
    BackupResult result;
    const sql::Connection source = open_records_read_only(source_path);
    if (const std::string problem = records_identity_problem(source.get()); !problem.empty())
        throw StoreError(source_path + " is " + problem, SQLITE_NOTADB);

    const std::string part = dest_path + ".part";
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(part + suffix, ec);
    try {
        {
            sql::Connection dest(part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", source.get(), "main");
            if (!backup) sql::fail(dest.get(), "backup to " + part);
            int rc = SQLITE_OK;
            // A kiosk writing meanwhile only delays the copy: busy or locked pages are tried again.
            while ((rc = sqlite3_backup_step(backup, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            result.pages = sqlite3_backup_pagecount(backup);
            sqlite3_backup_finish(backup);
            if (rc != SQLITE_DONE) sql::fail(dest.get(), "backup to " + part, rc);
            // One self-contained file: no -wal that could be separated from it.
            sql::exec(dest.get(), "PRAGMA journal_mode=DELETE");
            result.copy = verify_records(dest.get());
        }
        std::filesystem::rename(part, dest_path);
    } catch (...) {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(part + suffix, ec);
        throw;
    }
    return result;
}

} // namespace kiosk
