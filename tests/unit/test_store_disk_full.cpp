// Disk full and I/O errors, for real: a VFS shim (registered with sqlite3_vfs_register, selected with ?vfs= in the
// file URI) passes everything to the default VFS but fails xWrite or xSync after N calls, as a full disk (ENOSPC →
// SQLITE_FULL) or a failing device (SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC) would. record_response must throw a
// StoreError saying which, leave what was committed intact, and succeed when retried once writing works again.
#include "core/record_chain.hpp"
#include "store_fixtures.hpp"

#include <cstring>

using namespace kiosk;
using namespace kiosk::store_fixtures;

namespace {

// What the shim does next. -1 = pass every call through; n >= 0 = pass n more calls, then fail every call.
struct Faults {
    int writes_left = -1;
    int write_code = SQLITE_FULL;
    int syncs_left = -1;
    long long writes = 0, syncs = 0;  // calls seen
    void heal() { writes_left = syncs_left = -1; }
};
Faults faults;
sqlite3_vfs* real_vfs = nullptr;

struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;  // the default VFS's file object, allocated right after this struct
};

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }

int shim_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int shim_read(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) { return real(f)->pMethods->xRead(real(f), buf, amt, off); }
int shim_write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
    ++faults.writes;
    if (faults.writes_left == 0) return faults.write_code;
    if (faults.writes_left > 0) --faults.writes_left;
    return real(f)->pMethods->xWrite(real(f), buf, amt, off);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
int shim_sync(sqlite3_file* f, int flags) {
    ++faults.syncs;
    if (faults.syncs_left == 0) return SQLITE_IOERR_FSYNC;
    if (faults.syncs_left > 0) --faults.syncs_left;
    return real(f)->pMethods->xSync(real(f), flags);
}
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int shim_lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int shim_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int shim_check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int shim_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int shim_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int shim_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int shim_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** p) {
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, p);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) { return real(f)->pMethods->xShmLock(real(f), offset, n, flags); }
void shim_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int shim_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
int shim_fetch(sqlite3_file* f, sqlite3_int64 off, int amt, void** p) { return real(f)->pMethods->xFetch(real(f), off, amt, p); }
int shim_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return real(f)->pMethods->xUnfetch(real(f), off, p); }

const sqlite3_io_methods shim_methods = {3,
                                         shim_close,
                                         shim_read,
                                         shim_write,
                                         shim_truncate,
                                         shim_sync,
                                         shim_file_size,
                                         shim_lock,
                                         shim_unlock,
                                         shim_check_reserved,
                                         shim_file_control,
                                         shim_sector_size,
                                         shim_device,
                                         shim_shm_map,
                                         shim_shm_lock,
                                         shim_shm_barrier,
                                         shim_shm_unmap,
                                         shim_fetch,
                                         shim_unfetch};

int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    auto* shim = reinterpret_cast<ShimFile*>(f);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    std::memset(shim->real, 0, static_cast<std::size_t>(real_vfs->szOsFile));
    const int rc = real_vfs->xOpen(real_vfs, name, shim->real, flags, out_flags);
    f->pMethods = shim->real->pMethods ? &shim_methods : nullptr;
    return rc;
}

// Registered once; the default VFS stays the default.
const char* shim_vfs() {
    static sqlite3_vfs vfs = [] {
        real_vfs = sqlite3_vfs_find(nullptr);
        REQUIRE(real_vfs);
        REQUIRE(real_vfs->iVersion >= 3);
        sqlite3_vfs v = *real_vfs;  // the other methods, and their pAppData, are the default VFS's own
        v.zName = "kiosk-faults";
        v.szOsFile = static_cast<int>(sizeof(ShimFile)) + real_vfs->szOsFile;
        v.xOpen = shim_open;
        v.pNext = nullptr;
        return v;
    }();
    static const bool registered = sqlite3_vfs_register(&vfs, /*makeDflt=*/0) == SQLITE_OK;
    REQUIRE(registered);
    return vfs.zName;
}

std::string shim_uri(const std::string& path) { return "file:" + path + "?vfs=" + shim_vfs(); }

struct Setup {
    TempDir tmp;
    std::string path = tmp.path("kiosk.db");
    AttemptStore store{shim_uri(path), "north"};
    AttemptRecord attempt = attempt_record("100", "refresher", 40);
    Setup() {
        faults.heal();
        REQUIRE(store.status().ok);
        REQUIRE(query_text(store.handle(), "PRAGMA journal_mode") == "wal");
        store.create_attempt(attempt);
        store.record_response(response_record(attempt, 0, true, 1'700'000'001'000));
        store.record_response(response_record(attempt, 1, false, 1'700'000'002'000));
    }
    ~Setup() { faults.heal(); }
    // What another program sees in the file, through the default VFS.
    long long committed() const {
        RawDb raw(path, SQLITE_OPEN_READONLY);
        return raw.count("SELECT count(*) FROM responses");
    }
    bool verifies() const {
        RawDb raw(path, SQLITE_OPEN_READONLY);
        const auto r = verify_records(raw.db);
        for (const auto& p : r.problems) UNSCOPED_INFO(p.describe());
        return r.ok();
    }
};

// The calls one answer makes, counted by letting one through.
std::pair<long long, long long> calls_per_answer(Setup& s, int index) {
    const long long w = faults.writes, y = faults.syncs;
    s.store.record_response(response_record(s.attempt, index, true, 1'700'000'100'000 + index));
    return {faults.writes - w, faults.syncs - y};
}

} // namespace

TEST_CASE("disk full: record_response throws StoreError with disk_full(), the committed answers stay, a retry succeeds") {
    Setup s;
    faults.writes_left = 0;
    faults.write_code = SQLITE_FULL;
    const ResponseRecord third = response_record(s.attempt, 2, true, 1'700'000'003'000);
    try {
        s.store.record_response(third);
        FAIL("the write went through on a full disk");
    } catch (const StoreError& e) {
        CHECK(e.disk_full());
        CHECK((e.sqlite_code() & 0xff) == SQLITE_FULL);
        CHECK_THAT(std::string(e.what()), Catch::Contains("full"));
    }
    CHECK(sqlite3_get_autocommit(s.store.handle()) == 1);  // rolled back, no transaction left open
    CHECK(s.store.responses(s.attempt.uuid).size() == 2);
    CHECK(s.committed() == 2);
    CHECK(s.verifies());

    // Still full: the answer keeps failing, nothing half-written accumulates.
    CHECK_THROWS_AS(s.store.record_response(third), StoreError);
    CHECK_THROWS_AS(s.store.log_event("sign_out", "100", "{}", 1), StoreError);

    // Space is back: the same store object writes the same answer.
    faults.heal();
    s.store.record_response(third);
    CHECK(s.committed() == 3);
    CHECK(s.store.responses(s.attempt.uuid).size() == 3);
    CHECK(s.verifies());
}

TEST_CASE("an I/O error on write or on fsync is a StoreError that is not disk_full(); nothing is half-committed") {
    Setup s;
    SECTION("write") {
        faults.writes_left = 0;
        faults.write_code = SQLITE_IOERR_WRITE;
        try {
            s.store.record_response(response_record(s.attempt, 2, true, 1'700'000'003'000));
            FAIL("the write went through");
        } catch (const StoreError& e) {
            CHECK_FALSE(e.disk_full());
            CHECK((e.sqlite_code() & 0xff) == SQLITE_IOERR);
        }
    }
    SECTION("fsync") {
        faults.syncs_left = 0;
        try {
            s.store.record_response(response_record(s.attempt, 2, true, 1'700'000'003'000));
            FAIL("the commit returned without its fsync");
        } catch (const StoreError& e) {
            CHECK_FALSE(e.disk_full());
            CHECK(e.sqlite_code() == SQLITE_IOERR_FSYNC);
        }
    }
    CHECK(sqlite3_get_autocommit(s.store.handle()) == 1);
    CHECK(s.store.responses(s.attempt.uuid).size() == 2);
    faults.heal();
    s.store.record_response(response_record(s.attempt, 2, true, 1'700'000'003'000));
    CHECK(s.store.responses(s.attempt.uuid).size() == 3);
    CHECK(s.verifies());
}

TEST_CASE("a write or fsync failing at any point inside an answer's transaction: all or nothing, then the retry works") {
    Setup s;
    const auto [writes, syncs] = calls_per_answer(s, 2);
    REQUIRE(writes >= 2);  // WAL frames for the table, its indexes and the recorded head
    REQUIRE(writes + syncs < 35);
    REQUIRE(syncs >= 1);   // synchronous=FULL: the commit waits for the disk
    int index = 3;
    for (long long n = 0; n < writes + syncs; ++n) {
        const bool on_write = n < writes;
        if (on_write) faults.writes_left = static_cast<int>(n), faults.write_code = n % 2 ? SQLITE_FULL : SQLITE_IOERR_WRITE;
        else faults.syncs_left = static_cast<int>(n - writes);
        const long long before = s.committed();
        INFO((on_write ? "write " : "fsync ") << (on_write ? n : n - writes) << " of the answer fails");
        CHECK_THROWS_AS(s.store.record_response(response_record(s.attempt, index, true, 1'700'000'200'000 + index)), StoreError);
        CHECK(sqlite3_get_autocommit(s.store.handle()) == 1);
        CHECK(s.committed() == before);
        CHECK(s.verifies());
        faults.heal();
        s.store.record_response(response_record(s.attempt, index, true, 1'700'000'200'000 + index));
        CHECK(s.committed() == before + 1);
        ++index;
    }
    CHECK(s.verifies());
    // A new connection through the same shim (a restarted kiosk) sees every answer and carries the chain on.
    AttemptStore reopened(shim_uri(s.path), "north");
    REQUIRE(reopened.status().ok);
    CHECK(reopened.responses(s.attempt.uuid).size() == static_cast<std::size_t>(index));
}

TEST_CASE("a disk that fills while a finished attempt is written leaves the attempt open and its answers intact") {
    Setup s;
    for (int i = 2; i < 40; ++i) s.store.record_response(response_record(s.attempt, i, true, 1'700'000'010'000 + i));
    AttemptRecord done = s.attempt;
    done.finished_at = 1'700'000'020'000;
    done.points = 39;
    done.max_points = 40;
    done.passed = done.completed = true;
    done.state = AttemptState::finished;
    const CompletionRecord c{done.uuid, "100", "refresher", done.finished_at, 0, 39, 40, completion_code(done.uuid)};
    faults.writes_left = 1;  // the result row may reach the WAL, the completion may not: neither must count
    faults.write_code = SQLITE_FULL;
    CHECK_THROWS_AS(s.store.finish_attempt(done, c), StoreError);
    CHECK(s.store.attempt(done.uuid)->state == AttemptState::in_progress);
    CHECK_FALSE(s.store.completion_by_code(c.code));
    CHECK(s.verifies());
    faults.heal();
    s.store.finish_attempt(done, c);
    CHECK(s.store.attempt(done.uuid)->state == AttemptState::finished);
    CHECK(s.store.completion_by_code(c.code));
    CHECK(s.verifies());
}
