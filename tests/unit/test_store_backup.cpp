// backup_records: a copy taken while the store is open and its last answers are still in the WAL holds every row,
// is one self-contained file, verifies with the same heads, and leaves the source alone; a damaged source's copy is kept
// with its problems named; a copy that cannot be written leaves nothing behind.
#include "core/record_backup.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store_fixtures;

TEST_CASE("a backup of an open store, answers still in the WAL, holds every row and verifies with the same heads") {
    TempDir tmp;
    const std::string live = tmp.path("kiosk.db"), copy = tmp.path("backup/kiosk-copy.db");
    fs::create_directories(tmp.dir / "backup");
    AttemptStore store(live, "north");
    finished_attempt(store, "1", 5);
    AttemptRecord open = attempt_record("2");
    store.create_attempt(open);
    store.record_response(response_record(open, 0, true, 1'700'000'100'000));
    REQUIRE(fs::exists(live + "-wal"));
    REQUIRE(fs::file_size(live + "-wal") > 0);
    const auto heads = chain_heads(store.handle());

    const BackupResult r = backup_records(live, copy);
    CHECK(r.pages > 0);
    CHECK(r.copy.ok());
    REQUIRE(r.copy.heads.size() == 1);
    CHECK(r.copy.heads[0].head == heads[0].head);
    CHECK(r.copy.heads[0].length == 1 + (1 + 5 + 1 + 1) + (1 + 1));  // key row; each attempt's start, answers, result, completion
    CHECK_FALSE(fs::exists(copy + ".part"));
    CHECK_FALSE(fs::exists(copy + "-wal"));

    RawDb raw(copy, SQLITE_OPEN_READONLY);
    CHECK(raw.count("SELECT count(*) FROM responses") == 6);
    CHECK(raw.count("SELECT count(*) FROM completions") == 1);
    CHECK(raw.count("PRAGMA application_id") == kRecordsApplicationId);
    CHECK(query_text(raw.db, "PRAGMA journal_mode") == "delete");
    // The kiosk goes on writing into its own file.
    store.record_response(response_record(open, 1, true, 1'700'000'101'000));
    CHECK(raw.count("SELECT count(*) FROM responses") == 6);
}

TEST_CASE("a damaged source is still copied, with its problems named; an unwritable copy leaves nothing behind") {
    TempDir tmp;
    const std::string live = tmp.path("kiosk.db");
    {
        AttemptStore store(live, "north");
        finished_attempt(store, "1", 3);
    }
    const long long first = RawDb(live).count("SELECT min(seq) FROM responses");
    RawDb(live).run("DELETE FROM responses WHERE seq = " + std::to_string(first));
    const BackupResult r = backup_records(live, tmp.path("copy.db"));
    CHECK_FALSE(r.copy.ok());
    REQUIRE_FALSE(r.copy.problems.empty());
    CHECK(r.copy.problems[0].seq == first + 1);
    CHECK(fs::exists(tmp.path("copy.db")));

    CHECK_THROWS_AS(backup_records(live, tmp.path("no/such/dir/copy.db")), StoreError);
    CHECK_FALSE(fs::exists(tmp.path("no/such/dir/copy.db.part")));
    CHECK_THROWS_AS(backup_records(tmp.path("missing.db"), tmp.path("copy2.db")), StoreError);
    CHECK_FALSE(fs::exists(tmp.path("copy2.db")));
}
