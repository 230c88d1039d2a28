// AttemptStore against docs/records.md: a new file says what it is (application_id, user_version), the migration ladder,
// files it must refuse and leave byte for byte as they were (another application's, a newer schema's, a damaged one),
// one durable transaction per answer, the chain head recorded with each chained row, and what resume reads back.
#include "core/attempt_store.hpp"
#include "core/record_chain.hpp"
#include "store_fixtures.hpp"

#include <thread>
#include <vector>

using namespace kiosk;
using namespace kiosk::store_fixtures;

namespace {

// Overwrites `length` bytes at `offset` of a closed database file.
void scribble(const std::string& path, std::streamoff offset, const std::string& bytes) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(f);
    f.seekp(offset);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(f);
}

// A WAL database whose last transaction is still in the -wal file (the writer did not checkpoint on close), as after
// a power cut or while another kiosk process has it open.
void leave_wal_pending(const std::string& path, const std::string& sql) {
    RawDb raw(path);
    int off = 0;
    REQUIRE(sqlite3_db_config(raw.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &off) == SQLITE_OK);
    raw.run("PRAGMA journal_mode=WAL");
    raw.run(sql);
}

} // namespace

TEST_CASE("a new file is created with the kiosk's application_id, the current user_version, WAL and full sync") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    AttemptStore store(path, "terminal-a");
    REQUIRE(store.status().ok);
    CHECK_FALSE(store.status().read_only);
    CHECK(store.terminal_id() == "terminal-a");
    CHECK(query_int(store.handle(), "PRAGMA application_id") == 0x43484B31);
    CHECK(query_int(store.handle(), "PRAGMA application_id") == kRecordsApplicationId);
    CHECK(query_int(store.handle(), "PRAGMA user_version") == kRecordsSchemaVersion);
    CHECK(query_text(store.handle(), "PRAGMA journal_mode") == "wal");
    CHECK(query_int(store.handle(), "PRAGMA synchronous") == 2);  // FULL
    CHECK(query_int(store.handle(), "PRAGMA foreign_keys") == 1);
    for (const char* table : {"learners", "attempts", "responses", "completions", "events", "settings"})
        CHECK(query_int(store.handle(), std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '") + table + "'") == 1);

    // Another program reading the file sees the same identity.
    RawDb raw(path, SQLITE_OPEN_READONLY);
    CHECK(raw.count("PRAGMA application_id") == kRecordsApplicationId);
    CHECK(raw.count("PRAGMA user_version") == kRecordsSchemaVersion);
}

TEST_CASE("an in-memory store works for tests and previews") {
    AttemptStore store(":memory:", "t");
    REQUIRE(store.status().ok);
    store.upsert_learner(Learner{"1", "千代田 花子", "総務課", ""});
    CHECK(store.learner("1")->name == "千代田 花子");
    CHECK(query_int(store.handle(), "PRAGMA user_version") == kRecordsSchemaVersion);
}

TEST_CASE("migration ladder: an empty SQLite file is brought to the current schema; a current file is opened as it is") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    {
        RawDb raw(path);  // a zero-page file, e.g. made by `touch` or an aborted first start
        CHECK(raw.count("PRAGMA user_version") == 0);
    }
    {
        AttemptStore store(path, "t");
        REQUIRE(store.status().ok);
        CHECK(query_int(store.handle(), "PRAGMA user_version") == kRecordsSchemaVersion);
        store.upsert_learner(Learner{"100", "区 太郎", "", ""});
    }
    const std::string schema_before = [&] {
        RawDb raw(path, SQLITE_OPEN_READONLY);
        return query_text(raw.db, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)");
    }();
    AttemptStore again(path, "t");
    REQUIRE(again.status().ok);
    CHECK(again.learner("100")->name == "区 太郎");  // not re-created
    CHECK(query_text(again.handle(), "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)") == schema_before);
}

TEST_CASE("several processes opening a new file at once migrate it exactly once") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    std::vector<std::string> messages(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            AttemptStore store(path, "t" + std::to_string(i));
            messages[static_cast<std::size_t>(i)] = store.status().ok && !store.status().read_only ? "ok" : store.status().message;
        });
    for (auto& t : threads) t.join();
    for (const auto& m : messages) CHECK(m == "ok");
    RawDb raw(path, SQLITE_OPEN_READONLY);
    CHECK(raw.count("PRAGMA user_version") == kRecordsSchemaVersion);
    CHECK(raw.count("SELECT count(*) FROM sqlite_schema WHERE name = 'responses'") == 1);
}

TEST_CASE("another application's database is refused and left untouched") {
    TempDir tmp;
    const std::string path = tmp.path("other.db");
    {
        RawDb raw(path);
        raw.run("CREATE TABLE notes(x); INSERT INTO notes VALUES('keep me')");
    }
    const std::string before = file_digest(path);
    {
        AttemptStore store(path, "t");
        CHECK_FALSE(store.status().ok);
        CHECK(store.status().read_only);
        CHECK_THAT(store.status().message, Catch::Contains("not a Chiyoda kiosk records database"));
        CHECK_THROWS_AS(store.upsert_learner(Learner{"1", "", "", ""}), StoreError);
    }
    CHECK(file_digest(path) == before);
    CHECK_FALSE(fs::exists(path + "-wal"));
}

TEST_CASE("a database of a newer schema is refused and left untouched, including its unflushed WAL") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    AttemptRecord a = attempt_record("200");
    {
        AttemptStore store(path, "t");
        REQUIRE(store.status().ok);
        store.create_attempt(a);
    }
    leave_wal_pending(path, "PRAGMA user_version = " + std::to_string(kRecordsSchemaVersion + 1) +
                                "; CREATE TABLE from_the_future(x); INSERT INTO learners(staff_id, updated_at) VALUES('201', 0)");
    REQUIRE(fs::exists(path + "-wal"));
    const std::string db_before = file_digest(path), wal_before = file_digest(path + "-wal");
    {
        AttemptStore store(path, "t");
        CHECK_FALSE(store.status().ok);
        CHECK(store.status().read_only);
        CHECK_THAT(store.status().message, Catch::Contains("newer kiosk version"));
        try {
            store.record_response(response_record(a, 0, true, 1));
            FAIL("a write to a newer database was accepted");
        } catch (const StoreError& e) {
            CHECK((e.sqlite_code() & 0xff) == SQLITE_READONLY);
            CHECK_FALSE(e.disk_full());
        }
        CHECK_THROWS_AS(store.log_event("sign_in", "200", "{}", 1), StoreError);
        CHECK(store.attempt(a.uuid));  // reading still works, e.g. for the admin screen's message
    }
    CHECK(file_digest(path) == db_before);
    CHECK(file_digest(path + "-wal") == wal_before);
}

TEST_CASE("a damaged file fails quick_check at open: nothing is written and the file is left as it was") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    {
        AttemptStore store(path, "t");
        for (int i = 0; i < 40; ++i) finished_attempt(store, std::to_string(1000 + i), 5, i % 3, 1'700'000'000'000 + i * 60'000);
    }
    long long page = 0, page_size = 0;
    {
        RawDb raw(path);
        page = raw.count("SELECT rootpage FROM sqlite_schema WHERE name = 'responses_item'");
        page_size = raw.count("PRAGMA page_size");
        raw.run("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    REQUIRE(page > 1);
    // The b-tree page header's first byte is the page type; 0x00 is no valid type.
    scribble(path, static_cast<std::streamoff>((page - 1) * page_size), std::string(8, '\0'));
    const std::string before = file_digest(path);

    AttemptStore store(path, "t");
    CHECK_FALSE(store.status().ok);
    CHECK(store.status().read_only);
    CHECK_THAT(store.status().message, Catch::Contains("damaged") && Catch::Contains("quick_check"));
    CHECK_THAT(store.status().message, Catch::Contains("kiosk verify"));
    CHECK_THROWS_AS(store.create_attempt(attempt_record("1")), StoreError);
    CHECK_THROWS_AS(store.upsert_learner(Learner{"1", "", "", ""}), StoreError);
    CHECK(file_digest(path) == before);
}

TEST_CASE("each answer is its own committed transaction: visible to another connection as soon as record_response returns") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    AttemptStore store(path, "term-1");
    AttemptRecord a = attempt_record("300", "refresher", 4);
    store.create_attempt(a);
    RawDb auditor(path, SQLITE_OPEN_READONLY);
    for (int i = 0; i < 4; ++i) {
        store.record_response(response_record(a, i, true, 1'700'000'100'000 + i));
        CHECK(auditor.count("SELECT count(*) FROM responses WHERE attempt_uuid = '" + a.uuid + "'") == i + 1);
        CHECK(sqlite3_get_autocommit(store.handle()) == 1);  // no transaction left open
    }
    // Every row links to the one before it, and the head recorded with the last row is that row's hash.
    CHECK(auditor.count("SELECT count(*) FROM responses r JOIN responses p ON p.seq = r.seq - 1 WHERE r.prev_hash = p.row_hash") == 3);
    // The chain starts with the terminal key row, then the attempt's chained start.
    CHECK(query_text(auditor.db, "SELECT prev_hash FROM ledger WHERE kind = 'terminal'") == kGenesisHash);
    CHECK(query_text(auditor.db, "SELECT prev_hash FROM responses ORDER BY seq LIMIT 1") ==
          query_text(auditor.db, "SELECT row_hash FROM ledger WHERE kind = 'attempt'"));
    const std::string head = query_text(auditor.db, "SELECT row_hash FROM responses ORDER BY seq DESC LIMIT 1");
    const std::string recorded = query_text(auditor.db, "SELECT value FROM settings WHERE key = 'chain.head.term-1'");
    CHECK_THAT(recorded, Catch::StartsWith(R"({"head":")" + head + R"(","length":6,"signature":")"));
    CHECK(verify_records(store.handle()).ok());
}

TEST_CASE("a refused answer leaves nothing behind: no row, the same chain head, the next answer continues the chain") {
    TempDir tmp;
    AttemptStore store(tmp.path("kiosk.db"), "t");
    AttemptRecord a = attempt_record("301");
    store.create_attempt(a);
    store.record_response(response_record(a, 0, true, 10));
    const std::string head_before = query_text(store.handle(), "SELECT value FROM settings WHERE key = 'chain.head.t'");

    // An answer to an attempt that does not exist (foreign key). (The same item twice is a superseding answer since
    // schema 2: test_identity.cpp.)
    AttemptRecord ghost = attempt_record("302");
    CHECK_THROWS_AS(store.record_response(response_record(ghost, 0, true, 12)), StoreError);
    CHECK(query_int(store.handle(), "SELECT count(*) FROM responses") == 1);
    CHECK(query_text(store.handle(), "SELECT value FROM settings WHERE key = 'chain.head.t'") == head_before);
    CHECK(sqlite3_get_autocommit(store.handle()) == 1);

    store.record_response(response_record(a, 1, true, 13));
    CHECK(query_int(store.handle(), "SELECT count(*) FROM responses") == 2);
    CHECK(verify_records(store.handle()).ok());
}

TEST_CASE("responses and completions of one terminal share one chain; terminals have chains of their own") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    {
        AttemptStore a(path, "north");
        finished_attempt(a, "400", 3);
    }
    {
        AttemptStore b(path, "south");
        finished_attempt(b, "401", 2);
        AttemptStore a(path, "north");
        finished_attempt(a, "402", 2, 2);  // failed: no completion
    }
    RawDb raw(path, SQLITE_OPEN_READONLY);
    CHECK(raw.count("SELECT count(*) FROM completions") == 2);
    const auto heads = chain_heads(raw.db);
    REQUIRE(heads.size() == 2);
    CHECK(heads[0].terminal_id == "north");
    // The key row, then per attempt its chained start, answers, result and (when passed) completion.
    CHECK(heads[0].length == 1 + (1 + 3 + 1 + 1) + (1 + 2 + 1));
    CHECK(heads[1].terminal_id == "south");
    CHECK(heads[1].length == 1 + (1 + 2 + 1 + 1));
    // The completion follows its attempt's chained result in the chain, which follows the last answer.
    const std::string uuid = query_text(raw.db, "SELECT uuid FROM attempts WHERE staff_id = '400'");
    CHECK(query_text(raw.db, "SELECT prev_hash FROM completions WHERE staff_id = '400'") ==
          query_text(raw.db, "SELECT row_hash FROM ledger WHERE kind = 'result' AND ref = '" + uuid + "'"));
    CHECK(query_text(raw.db, "SELECT prev_hash FROM ledger WHERE kind = 'result' AND ref = '" + uuid + "'") ==
          query_text(raw.db, "SELECT row_hash FROM responses WHERE attempt_uuid = '" + uuid + "' ORDER BY seq DESC LIMIT 1"));
    const auto report = verify_records(raw.db);
    CHECK(report.ok());
    CHECK(report.heads.size() == 2);
}

TEST_CASE("resume data: a suspended attempt and its answers read back as written, after reopening the file") {
    TempDir tmp;
    const std::string path = tmp.path("kiosk.db");
    AttemptRecord a = attempt_record("500", "refresher", 4, 1'700'000'000'000);
    AttemptRecord older = attempt_record("500", "refresher", 2, 1'690'000'000'000);
    {
        AttemptStore store(path, "t");
        store.create_attempt(older);
        store.set_attempt_state(older.uuid, AttemptState::suspended, 1);
        store.create_attempt(a);
        store.record_response(response_record(a, 1, false, 1'700'000'010'000));  // answered out of order (back button)
        store.record_response(response_record(a, 0, true, 1'700'000'020'000));
        store.set_attempt_state(a.uuid, AttemptState::suspended, 1'700'000'030'000);
        CHECK_THROWS_AS(store.set_attempt_state("no-such-attempt", AttemptState::suspended, 0), StoreError);
    }
    AttemptStore store(path, "t");
    const auto found = store.find_resumable("500", "refresher");
    REQUIRE(found);
    CHECK(found->uuid == a.uuid);  // the newest open attempt
    CHECK(found->state == AttemptState::suspended);
    CHECK(found->item_ids == a.item_ids);
    CHECK(found->item_hashes == a.item_hashes);
    CHECK(found->seed == a.seed);
    CHECK(found->guideline_hash == a.guideline_hash);
    CHECK(found->started_at == a.started_at);
    CHECK(found->finished_at == 0);
    CHECK_FALSE(store.find_resumable("500", "orientation"));
    CHECK_FALSE(store.find_resumable("501", "refresher"));

    const auto rs = store.responses(a.uuid);
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].item_index == 0);  // by item, not by when answered
    CHECK(rs[0].points == 1);
    CHECK(rs[0].response_json == R"({"selected":["a"]})");
    CHECK(rs[0].answered_at == 1'700'000'020'000);
    CHECK(rs[0].time_taken_ms == 4000);
    CHECK(rs[1].item_index == 1);
    CHECK(rs[1].item_id == "item-1");
    CHECK(rs[1].points == 0);

    // Once finished it is no longer offered for resume; the older open attempt is.
    a.finished_at = 1'700'000'040'000;
    a.state = AttemptState::finished;
    store.finish_attempt(a, std::nullopt);
    const auto next = store.find_resumable("500", "refresher");
    REQUIRE(next);
    CHECK(next->uuid == older.uuid);
    CHECK(store.attempt(a.uuid)->state == AttemptState::finished);
    CHECK(store.attempt(a.uuid)->finished_at == 1'700'000'040'000);
}

TEST_CASE("past responses and completions per learner; completion codes are found as people type them") {
    AttemptStore store(":memory:", "t");
    const auto a = finished_attempt(store, "600", 3, 0, 1'700'000'000'000);
    finished_attempt(store, "600", 3, 3, 1'700'100'000'000);
    finished_attempt(store, "601", 3);
    const auto past = store.past_responses("600");
    REQUIRE(past.size() == 6);
    CHECK(past.front().answered_at < past.back().answered_at);
    const auto done = store.completions("600");
    REQUIRE(done.size() == 1);
    CHECK(done[0].attempt_uuid == a.uuid);
    std::string typed = done[0].code;
    typed.erase(4, 1);
    for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(store.completion_by_code(typed)->attempt_uuid == a.uuid);
    CHECK_FALSE(store.completion_by_code("0000-0000"));
}

TEST_CASE("a database in a folder that does not exist is refused, and the folder is not created") {
    TempDir tmp;
    const std::string path = tmp.path("not-mounted/share/kiosk.db");
    AttemptStore store(path, "terminal-a");
    CHECK_FALSE(store.status().ok);
    CHECK(store.status().read_only);
    CHECK(store.status().problem == OpenProblem::missing_folder);
    CHECK(store.status().message.find("does not exist") != std::string::npos);
    CHECK(store.status().message.find("backup") == std::string::npos);  // nothing about restoring: nothing is damaged
    CHECK_FALSE(std::filesystem::exists(tmp.path("not-mounted")));
    CHECK_THROWS_AS(store.log_event("x", "", "{}", 1), StoreError);
}

TEST_CASE("a folder given as the database is refused, not opened") {
    TempDir tmp;
    std::filesystem::create_directories(tmp.path("records.db"));
    AttemptStore store(tmp.path("records.db"), "terminal-a");
    CHECK_FALSE(store.status().ok);
    CHECK(store.status().message.find("is a folder") != std::string::npos);
}
