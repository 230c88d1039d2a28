// "May I write this output path?": the one check every command that writes a file makes, so that no slip of an
// operator replaces the records (docs/records.md, "Outputs").
#pragma once
#include <string>
#include <vector>

namespace kiosk {

// What a file says it is, from its first 100 bytes (the SQLite header) and stat().
// Both read the file through a descriptor of their own: never call them on a file this process has open through SQLite
// (closing any descriptor of a file drops the process's POSIX locks on it).
enum class FileKind { missing, directory, records_database, other_sqlite, other_file };
FileKind file_kind(const std::string& path);
// The header says WAL (as every terminal's working file); a backup is a rollback-journal file.
bool wal_mode_file(const std::string& path);

// True when another process has the SQLite file at `path` open: every connection to a WAL database holds a shared lock
// on the DMS byte of its -shm file, and a connection inside a transaction holds the lock bytes of the file itself.
// Locks of this process are not seen (POSIX locks never conflict within one process).
bool held_open_by_another_process(const std::string& path);

// True when `a` and `b` name the same file (same device and inode), or `a` is the -wal, -shm or -journal of `b`.
bool same_file_or_companion(const std::string& a, const std::string& b);

enum class OutputUse {
    replace_file,     // export, report -o: a new file, renamed into place; never onto a records database
    records_copy,     // backup: a records database, renamed into place; --force may replace an older copy that is not live
    add_to_records,   // merge -o, seed-demo: a records database that is created or added to
};

struct OutputCheck {
    bool ok = true;
    std::string reason;  // why not, for the operator: what the path is and what to do
};

// `protected_paths`: the records databases this command reads or this terminal records into; the output may never be
// one of them (nor their -wal/-shm/-journal). "-" (stdout) is always allowed for replace_file.
OutputCheck may_write_output(const std::string& path, OutputUse use, bool force, const std::vector<std::string>& protected_paths);

} // namespace kiosk
