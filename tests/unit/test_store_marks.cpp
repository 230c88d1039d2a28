// The marks migration on a records file written by the kiosk before marks existed (tests/fixtures/records/
// before-marks.sqlite, made with `kiosk simulate` of that version): every attempt keeps the result it was decided with,
// the chain still verifies, response_json keeps its bytes, and new answers record their fraction and mark.
#include "core/attempt_store.hpp"
#include "core/record_chain.hpp"
#include "store_fixtures.hpp"

#include <cmath>

using namespace kiosk;
using namespace kiosk::store_fixtures;

namespace {

const std::string kBeforeMarks = std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/records/before-marks.sqlite";

// Every attempt's decided result and every answer's bytes, as the old file has them.
std::string decided(sqlite3* db) {
    return query_text(db, "SELECT group_concat(uuid || '|' || points || '|' || max_points || '|' || passed || '|' || completed, ';') "
                          "FROM (SELECT * FROM attempts ORDER BY uuid)") +
           "\n" +
           query_text(db, "SELECT group_concat(seq || '|' || response_json || '|' || points || '|' || max_points || '|' || row_hash, ';') "
                          "FROM (SELECT * FROM responses ORDER BY seq)");
}

} // namespace

TEST_CASE("migrating a file from before marks keeps every recorded result exactly as decided") {
    TempDir tmp;
    const std::string path = tmp.path("records.db");
    fs::copy_file(kBeforeMarks, path);
    std::string before;
    {
        RawDb raw(path, SQLITE_OPEN_READONLY);
        REQUIRE(raw.count("PRAGMA user_version") == 1);
        REQUIRE(raw.count("SELECT count(*) FROM attempts WHERE passed = 1") == 1);  // one passed, four failed
        REQUIRE(raw.count("SELECT count(*) FROM attempts WHERE passed = 0") == 4);
        before = decided(raw.db);
    }
    AttemptStore store(path, "migrated");
    REQUIRE(store.status().ok);
    sqlite3* db = store.handle();
    CHECK(query_int(db, "PRAGMA user_version") == kRecordsSchemaVersion);
    CHECK(decided(db) == before);  // points, max, passed, completed, response bytes and row hashes untouched
    // The percentage the marks give is the one that decided each attempt: Σ points / Σ max.
    CHECK(query_int(db, "SELECT count(*) FROM attempts WHERE mark_scale = 'points' AND marks = points AND max_marks = max_points") == 5);
    CHECK(query_int(db, "SELECT count(*) FROM responses WHERE mark = max_points AND abs(fraction * max_points - points) < 1e-9") ==
          query_int(db, "SELECT count(*) FROM responses"));
    for (const char* sql : {"SELECT uuid FROM attempts"}) {
        sql::Statement st(db, sql);
        while (st.step()) {
            const auto a = store.attempt(st.text(0));
            REQUIRE(a);
            double earned = 0, max = 0;
            for (const auto& r : store.responses(a->uuid)) {
                earned += r.fraction * r.mark;
                max += r.mark;
            }
            CHECK(max == Approx(a->max_points));
            CHECK(earned == Approx(a->points));
            CHECK(a->marks == Approx(a->points));
            CHECK(a->max_marks == Approx(a->max_points));
            CHECK(a->mark_scale == "points");
            CHECK(a->passed == (100.0 * a->marks >= 80.0 * a->max_marks));
        }
    }
    // The chain's canonical form is unchanged: the old rows verify.
    const VerifyReport report = verify_records(db);
    CHECK(report.integrity_ok);
    CHECK(report.problems.empty());

    // A new answer on the migrated file records its fraction and mark, and the chain goes on verifying.
    AttemptRecord a = attempt_record("100900");
    store.create_attempt(a);
    ResponseRecord r = response_record(a, 0, false, 1'800'000'000'000);
    r.points = 2;
    r.max_points = 3;
    r.fraction = 2.0 / 3;
    r.mark = 2;
    store.record_response(r);
    const auto back = store.responses(a.uuid);
    REQUIRE(back.size() == 1);
    CHECK(back[0].fraction == Approx(2.0 / 3));
    CHECK(back[0].mark == 2.0);
    CHECK(store.attempt(a.uuid)->mark_scale == "marks");
    CHECK(verify_records(db).problems.empty());
}

TEST_CASE("the chain's canonical form of an answer is pinned: fraction and mark are not part of it") {
    ResponseRecord r;
    r.attempt_uuid = "00000000-0000-4000-8000-000000000001";
    r.item_index = 0;
    r.item_id = "item-a";
    r.response_json = R"({"selected":["a"]})";
    r.points = 1;
    r.max_points = 1;
    r.answered_at = 1700000005000;
    r.time_taken_ms = 4000;
    const std::string golden = R"(["responses","00000000-0000-4000-8000-000000000001",0,"item-a","{\"selected\":[\"a\"]}",1,1,1700000005000,4000,"north"])";
    CHECK(canonical_response(r, "north") == golden);
    r.fraction = 0.25;  // whatever the new fields hold, the bytes hashed stay the same
    r.mark = 7;
    CHECK(canonical_response(r, "north") == golden);
    CHECK(chain_row_hash(std::string(64, '0'), golden) == sha256_hex(std::string(64, '0') + "\n" + golden));
}
