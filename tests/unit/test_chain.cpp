// verify_records against every kind of tampering with the chained records: an edited value, an edited hash, a deleted
// row (first, middle, last), reordered rows, a truncated tail, a forged row appended with a correct hash, and an
// attempt result changed behind its chained completion. Each finding names the first row that does not match.
#include "core/record_chain.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store_fixtures;

namespace {

// Two terminals' worth of records in one file. North's chain: attempt 100 (4 answers, completion), 101 (4 answers,
// failed), 102 (5 answers, completion) = 15 rows; south: 200 (3 answers, completion) = 4 rows.
struct ChainFixture {
    TempDir tmp;
    std::string path = tmp.path("kiosk.db");
    std::vector<AttemptRecord> north;
    ChainFixture() {
        AttemptStore a(path, "north");
        north.push_back(finished_attempt(a, "100", 4, 0, 1'700'000'000'000));
        north.push_back(finished_attempt(a, "101", 4, 4, 1'700'000'100'000));
        north.push_back(finished_attempt(a, "102", 5, 1, 1'700'000'200'000));
        AttemptStore b(path, "south");
        finished_attempt(b, "200", 3, 0, 1'700'000'300'000);
    }
    VerifyReport verify() {
        RawDb raw(path);
        return verify_records(raw.db);
    }
    void run(const std::string& sql) {
        RawDb raw(path);
        raw.run(sql);
    }
    long long value(const std::string& sql) {
        RawDb raw(path);
        return raw.count(sql);
    }
    // seq of the n-th (0-based) row of north's chain.
    long long north_seq(int n) {
        return value("SELECT seq FROM (SELECT seq FROM responses WHERE terminal_id = 'north' UNION ALL "
                     "SELECT seq FROM completions WHERE terminal_id = 'north') ORDER BY seq LIMIT 1 OFFSET " + std::to_string(n));
    }
};

std::string all(const VerifyReport& r) {
    std::string s;
    for (const auto& p : r.problems) s += p.describe() + "\n";
    return s;
}

} // namespace

TEST_CASE("untouched records verify, with one head per terminal") {
    ChainFixture f;
    const auto r = f.verify();
    INFO(all(r));
    CHECK(r.ok());
    CHECK(r.integrity_ok);
    CHECK(r.integrity_message == "ok");
    REQUIRE(r.heads.size() == 2);
    CHECK(r.heads[0].terminal_id == "north");
    // Answers and completions, plus the chain's first row (the terminal key) and each attempt's ledger rows (start, result).
    CHECK(r.heads[0].length == 13 + 2 + 1 + 3 * 2);
    CHECK(r.heads[1].length == 3 + 1 + 1 + 2);
    CHECK(r.heads[0].head == query_text(RawDb(f.path).db, "SELECT row_hash FROM completions WHERE staff_id = '102'"));
}

TEST_CASE("an edited value is found at the row that was edited") {
    ChainFixture f;
    const long long seq = f.north_seq(6);  // attempt 101, item 1
    SECTION("points") { f.run("UPDATE responses SET points = 1 - points WHERE seq = " + std::to_string(seq)); }
    SECTION("the answer given") { f.run(R"(UPDATE responses SET response_json = '{"selected":["c"]}' WHERE seq = )" + std::to_string(seq)); }
    SECTION("the time") { f.run("UPDATE responses SET answered_at = answered_at - 1 WHERE seq = " + std::to_string(seq)); }
    const auto r = f.verify();
    REQUIRE_FALSE(r.ok());
    CHECK(r.integrity_ok);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].table == "responses");
    CHECK(r.problems[0].seq == seq);
    CHECK(r.problems[0].terminal_id == "north");
    CHECK(r.problems[0].item_index == 1);
    CHECK_THAT(r.problems[0].what, Catch::Contains("does not match its row_hash"));
    CHECK_THAT(r.problems[0].describe(), Catch::StartsWith("responses seq " + std::to_string(seq) + " (terminal north) attempt "));
}

TEST_CASE("an edited completion is found; so is an edited value whose row_hash was recomputed, at the next row") {
    ChainFixture f;
    SECTION("completion") {
        f.run("UPDATE completions SET valid_until = valid_until + 86400000 WHERE staff_id = '100'");
        const auto r = f.verify();
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems[0].table == "completions");
        CHECK(r.problems[0].seq == f.value("SELECT seq FROM completions WHERE staff_id = '100'"));
    }
    SECTION("recomputed hash") {
        const long long seq = f.north_seq(2);
        // Recompute the edited row's hash the way a careful forger would; the next row still points at the old hash.
        RawDb raw(f.path);
        raw.run("UPDATE responses SET points = 0 WHERE seq = " + std::to_string(seq));
        ResponseRecord rec;
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw.db, ("SELECT attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, "
                                            "time_taken_ms, prev_hash FROM responses WHERE seq = " + std::to_string(seq)).c_str(),
                                   -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        rec.attempt_uuid = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        rec.item_index = sqlite3_column_int(st, 1);
        rec.item_id = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
        rec.response_json = reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
        rec.points = sqlite3_column_int(st, 4);
        rec.max_points = sqlite3_column_int(st, 5);
        rec.answered_at = sqlite3_column_int64(st, 6);
        rec.time_taken_ms = sqlite3_column_int64(st, 7);
        const std::string prev = reinterpret_cast<const char*>(sqlite3_column_text(st, 8));
        sqlite3_finalize(st);
        raw.run("UPDATE responses SET row_hash = '" + chain_row_hash(prev, canonical_response(rec, "north")) + "' WHERE seq = " +
                std::to_string(seq));
        const auto r = verify_records(raw.db);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems[0].seq == f.north_seq(3));
        CHECK_THAT(r.problems[0].what, Catch::Contains("prev_hash does not match"));
    }
}

TEST_CASE("a deleted row is found at the row after it") {
    ChainFixture f;
    SECTION("in the middle") {
        const long long gone = f.north_seq(6), next = f.north_seq(7);
        f.run("DELETE FROM responses WHERE seq = " + std::to_string(gone));
        const auto r = f.verify();
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems[0].seq == next);
        CHECK_THAT(r.problems[0].what, Catch::Contains("deleted, inserted or moved"));
    }
    SECTION("the first row") {
        const long long next = f.north_seq(1);
        f.run("DELETE FROM responses WHERE seq = " + std::to_string(f.north_seq(0)));
        const auto r = f.verify();
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems[0].seq == next);
    }
    SECTION("a completion (the chain then continues with the next attempt's chained start)") {
        const long long completion = f.value("SELECT seq FROM completions WHERE staff_id = '100'");
        f.run("DELETE FROM completions WHERE staff_id = '100'");
        const auto r = f.verify();
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems[0].table == "ledger");
        CHECK(r.problems[0].seq > completion);
        CHECK(r.problems[0].attempt_uuid == f.north[1].uuid);
    }
}

TEST_CASE("reordered rows are found where the order first breaks") {
    ChainFixture f;
    const long long a = f.north_seq(6), b = f.north_seq(7);
    // Swap the two rows' places in the chain (each keeps its own, correct, row_hash).
    f.run("UPDATE responses SET seq = -1 WHERE seq = " + std::to_string(a) + "; UPDATE responses SET seq = " + std::to_string(a) +
          " WHERE seq = " + std::to_string(b) + "; UPDATE responses SET seq = " + std::to_string(b) + " WHERE seq = -1");
    const auto r = f.verify();
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.problems.size() >= 1);
    CHECK(r.problems[0].seq == a);
    CHECK(r.problems[0].terminal_id == "north");
    CHECK_THAT(r.problems[0].what, Catch::Contains("prev_hash"));
}

TEST_CASE("a truncated tail is found through the head recorded with every write") {
    ChainFixture f;
    SECTION("last row") { f.run("DELETE FROM completions WHERE staff_id = '102'"); }
    SECTION("last attempt") {
        f.run("DELETE FROM completions WHERE staff_id = '102'; DELETE FROM responses WHERE attempt_uuid = '" + f.north[2].uuid +
              "'; DELETE FROM ledger WHERE ref = '" + f.north[2].uuid + "'");
    }
    SECTION("everything") {
        f.run("DELETE FROM completions WHERE terminal_id = 'north'; DELETE FROM responses WHERE terminal_id = 'north'; "
              "DELETE FROM ledger WHERE terminal_id = 'north'");
    }
    const auto r = f.verify();
    REQUIRE_FALSE(r.ok());
    CHECK(r.integrity_ok);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].table == "settings");
    CHECK(r.problems[0].terminal_id == "north");
    CHECK_THAT(r.problems[0].what, Catch::Contains("removed from or added to the end") || Catch::Contains("none are left"));
}

TEST_CASE("a forged row appended with a correct hash is found: the recorded head does not know it") {
    ChainFixture f;
    {
        RawDb raw(f.path);
        const std::string head = query_text(raw.db, "SELECT row_hash FROM completions WHERE staff_id = '102'");
        ResponseRecord forged = response_record(f.north[1], 0, true, 1'800'000'000'000);
        forged.item_index = 9;
        const std::string hash = chain_row_hash(head, canonical_response(forged, "north"));
        raw.run("INSERT INTO responses VALUES(1000, '" + forged.attempt_uuid + "', 9, 'item-0', '" + forged.response_json +
                "', 1, 1, 1800000000000, 4000, 'north', '" + head + "', '" + hash + "', 1.0, 1.0)");
    }
    const auto r = f.verify();
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].table == "settings");
    CHECK_THAT(r.problems[0].what, Catch::Contains("the chain has 23 rows") && Catch::Contains("22 rows"));
}

TEST_CASE("a removed or unreadable recorded head is reported") {
    ChainFixture f;
    SECTION("removed") {
        f.run("DELETE FROM settings WHERE key = 'chain.head.south'");
        const auto r = f.verify();
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].terminal_id == "south");
        CHECK_THAT(r.problems[0].what, Catch::Contains("no recorded chain head"));
    }
    SECTION("unreadable") {
        f.run("UPDATE settings SET value = 'x' WHERE key = 'chain.head.south'");
        const auto r = f.verify();
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.problems[0].what, Catch::Contains("unreadable"));
    }
}

TEST_CASE("an attempt's result changed behind its chained completion is reported") {
    ChainFixture f;
    f.run("UPDATE attempts SET points = points - 1 WHERE staff_id = '100'");
    const auto r = f.verify();
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].table == "attempts");
    CHECK(r.problems[0].attempt_uuid == f.north[0].uuid);
    CHECK_THAT(r.problems[0].what, Catch::Contains("match its chained"));
}

TEST_CASE("one broken chain does not hide another terminal's problems") {
    ChainFixture f;
    f.run("UPDATE responses SET points = 0 WHERE seq = " + std::to_string(f.north_seq(0)) +
          "; UPDATE responses SET time_taken_ms = 1 WHERE terminal_id = 'south'");
    const auto r = f.verify();
    REQUIRE(r.problems.size() == 2);  // only the first of each chain: the rows after it follow from it
    CHECK(r.problems[0].terminal_id == "north");
    CHECK(r.problems[1].terminal_id == "south");
}
