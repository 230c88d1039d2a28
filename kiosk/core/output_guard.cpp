// The output-path check shared by export, report, backup, merge and seed-demo, and the lock probe that tells a live
// database from a file nobody has open.
#include "output_guard.hpp"

#include "attempt_store.hpp"

#include <fcntl.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <cstring>
#include <filesystem>

namespace kiosk {

namespace {

constexpr const char* kSqliteMagic = "SQLite format 3";  // the header's first 16 bytes, with its NUL

bool stat_of(const std::string& path, struct stat& st) { return ::stat(path.c_str(), &st) == 0; }

// Is any byte of [start, start + len) of `path` locked by another process? Read from /proc/locks rather than probed with
// fcntl: closing a probe's descriptor would drop every POSIX lock this process holds on the file, SQLite's included.
// Matched on the inode number alone (an overlay file system reports another device there): a false match only makes a
// command more careful.
bool locked_by_other(const std::string& path, std::uint64_t start, std::uint64_t len) {
    struct stat st {};
    if (!stat_of(path, st)) return false;
    std::ifstream locks("/proc/locks");
    const long self = static_cast<long>(::getpid());
    std::string line;
    while (std::getline(locks, line)) {
        std::istringstream in(line);
        std::string id, kind, mode, access, where, from, to;
        long pid = 0;
        if (!(in >> id >> kind)) continue;
        if (kind == "->") in >> kind;  // a waiting lock
        if (!(in >> mode >> access >> pid >> where >> from >> to)) continue;
        if (kind == "POSIX" && pid == self) continue;
        const auto colon = where.rfind(':');
        if (colon == std::string::npos || std::strtoull(where.c_str() + colon + 1, nullptr, 10) != st.st_ino) continue;
        const std::uint64_t lo = std::strtoull(from.c_str(), nullptr, 10);
        const std::uint64_t hi = to == "EOF" ? UINT64_MAX : std::strtoull(to.c_str(), nullptr, 10);
        if (lo < start + len && hi >= start) return true;
    }
    return false;
}

std::string quoted(const std::string& path) { return "\"" + path + "\""; }

} // namespace

namespace {

// The 100-byte SQLite header of `path`, or false when the file is shorter or not SQLite.
bool read_sqlite_header(const std::string& path, std::array<unsigned char, 100>& header) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const ssize_t n = ::read(fd, header.data(), header.size());
    ::close(fd);
    return n == 100 && std::memcmp(header.data(), kSqliteMagic, 16) == 0;
}

} // namespace

FileKind file_kind(const std::string& path) {
    struct stat st {};
    if (!stat_of(path, st)) return FileKind::missing;
    if (S_ISDIR(st.st_mode)) return FileKind::directory;
    std::array<unsigned char, 100> header{};
    if (!read_sqlite_header(path, header)) return FileKind::other_file;
    const std::int64_t app_id = (std::int64_t{header[68]} << 24) | (header[69] << 16) | (header[70] << 8) | header[71];
    return app_id == kRecordsApplicationId ? FileKind::records_database : FileKind::other_sqlite;
}

bool wal_mode_file(const std::string& path) {
    std::array<unsigned char, 100> header{};
    return read_sqlite_header(path, header) && header[18] == 2 && header[19] == 2;
}

bool held_open_by_another_process(const std::string& path) {
    // SQLite's unix VFS: the DMS lock is byte 128 of the -shm file (held shared by every connection to a WAL database);
    // PENDING, RESERVED and the SHARED range start at 0x40000000 in the database file.
    return locked_by_other(path + "-shm", 128, 1) || locked_by_other(path, 0x40000000, 512);
}

bool same_file_or_companion(const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    if (!stat_of(a, sa)) return false;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (stat_of(b + suffix, sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino) return true;
    return false;
}

OutputCheck may_write_output(const std::string& path, OutputUse use, bool force, const std::vector<std::string>& protected_paths) {
    if (path == "-" && use == OutputUse::replace_file) return {};
    if (path.empty()) return {false, "no output file was given"};
    for (const auto& p : protected_paths)
        if (!p.empty() && same_file_or_companion(path, p))
            return {false, quoted(path) + " is the records database " + quoted(p) +
                               " (or one of its -wal/-shm/-journal files); nothing is ever written over it, not even with --force. "
                               "Choose another file name."};
    const FileKind kind = file_kind(path);
    if (kind == FileKind::directory) return {false, quoted(path) + " is a folder; give a file name inside it"};
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
        return {false, "the folder " + quoted(parent.string()) + " does not exist (a typo, or a drive that is not mounted?); nothing was created"};
    if (kind != FileKind::missing && (kind == FileKind::records_database || kind == FileKind::other_sqlite) &&
        held_open_by_another_process(path))
        return {false, quoted(path) + " is a database another program has open right now (a running kiosk?); it is never replaced, "
                                      "not even with --force"};

    switch (use) {
    case OutputUse::replace_file:
        if (kind == FileKind::records_database)
            return {false, quoted(path) + " is a kiosk records database; an export or report never replaces one, not even with --force. "
                                          "Choose another file name."};
        break;
    case OutputUse::records_copy:
        if (kind != FileKind::missing) {
            struct stat wal {};
            if (stat_of(path + "-wal", wal) && wal.st_size > 0)
                return {false, quoted(path) + " has a -wal file beside it with changes not yet in the file; it is not replaced. "
                                              "Choose another file name."};
        }
        break;
    case OutputUse::add_to_records:
        if (kind == FileKind::missing || kind == FileKind::records_database) return {};
        return {false, quoted(path) + " exists and is not a kiosk records database; nothing is written into it. "
                                      "Give a new file name or an existing records file."};
    }
    if (kind != FileKind::missing && !force) return {false, quoted(path) + " exists; choose another name, or add --force to replace it"};
    return {};
}

} // namespace kiosk
