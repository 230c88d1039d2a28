// merge_records: terminals combined into one file that verifies; the same merge twice adds nothing; an older copy of a
// terminal's file and a later one combine either way round; a source that fails verify, or whose chain conflicts with
// the target's, is not merged at all; learners and events are matched by their keys.
#include "core/record_merge.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store_fixtures;

namespace {

// Everything in the file, table by table, as text: equal dumps mean equal records.
std::string dump(sqlite3* db) {
    std::string out;
    for (const char* sql : {"SELECT group_concat(staff_id || '|' || name || '|' || department || '|' || in_roster || '|' || updated_at, ';') FROM "
                            "(SELECT * FROM learners ORDER BY staff_id)",
                            "SELECT group_concat(uuid || '|' || state || '|' || COALESCE(points, '-'), ';') FROM (SELECT * FROM attempts ORDER BY uuid)",
                            "SELECT group_concat(seq || '|' || terminal_id || '|' || row_hash, ';') FROM (SELECT * FROM responses ORDER BY seq)",
                            "SELECT group_concat(seq || '|' || code || '|' || row_hash, ';') FROM (SELECT * FROM completions ORDER BY seq)",
                            "SELECT group_concat(id || '|' || kind || '|' || at, ';') FROM (SELECT * FROM events ORDER BY id)",
                            "SELECT group_concat(key || '=' || value, ';') FROM (SELECT * FROM settings ORDER BY key)"})
        out += query_text(db, sql) + "\n";
    return out;
}

long long rows(sqlite3* db, const std::string& table) { return query_int(db, "SELECT count(*) FROM " + table); }

struct Terminals {
    TempDir tmp;
    std::string north = tmp.path("north.db"), south = tmp.path("south.db"), ward = tmp.path("ward.db");
    Terminals() {
        {
            AttemptStore n(north, "north");
            n.upsert_learner(Learner{"100", "千代田 花子", "政策経営部", ""});
            finished_attempt(n, "100", 4, 0, 1'700'000'000'000);
            finished_attempt(n, "101", 3, 3, 1'700'000'100'000);
            n.log_event("sign_in", "100", "{}", 1'700'000'000'000);
        }
        {
            AttemptStore s(south, "south");
            finished_attempt(s, "200", 5, 1, 1'700'000'200'000);
            s.log_event("sign_in", "200", "{}", 1'700'000'200'000);
        }
    }
};

} // namespace

TEST_CASE("two terminals merged into a new file: every row arrives and the result verifies with both chains") {
    Terminals t;
    AttemptStore ward(t.ward, "office");
    const auto a = merge_records(ward.handle(), t.north);
    INFO(a.problems.size());
    REQUIRE(a.merged);
    CHECK(a.added.attempts == 2);
    CHECK(a.added.responses == 7);
    CHECK(a.added.completions == 1);
    CHECK(a.added.learners == 2);
    CHECK(a.added.events == 1);
    const auto b = merge_records(ward.handle(), t.south);
    REQUIRE(b.merged);
    CHECK(b.added.responses == 5);

    CHECK(rows(ward.handle(), "attempts") == 3);
    CHECK(rows(ward.handle(), "responses") == 12);
    CHECK(rows(ward.handle(), "completions") == 2);
    CHECK(ward.learner("100")->name == "千代田 花子");
    const auto report = verify_records(ward.handle());
    CHECK(report.ok());
    REQUIRE(report.heads.size() == 3);  // north, the ward file's own chain ("office": its key row), south
    // The chains are carried over unchanged: the same heads as on the terminals.
    CHECK(report.heads[0].head == a.heads[0].head);
    CHECK(report.heads[0].length == a.heads[0].length);
    CHECK(report.heads[1].terminal_id == "office");
    CHECK(report.heads[2].head == b.heads[0].head);
}

TEST_CASE("merging the same sources again changes nothing") {
    Terminals t;
    AttemptStore ward(t.ward, "office");
    REQUIRE(merge_records(ward.handle(), t.north).merged);
    REQUIRE(merge_records(ward.handle(), t.south).merged);
    const std::string once = dump(ward.handle());
    for (const auto& path : {t.south, t.north}) {
        const auto again = merge_records(ward.handle(), path);
        CHECK(again.merged);
        CHECK(again.added.total() == 0);
    }
    CHECK(dump(ward.handle()) == once);
    CHECK(verify_records(ward.handle()).ok());
}

TEST_CASE("an older copy and a later copy of one terminal's file combine, in either order") {
    TempDir tmp;
    const std::string live = tmp.path("live.db"), copy = tmp.path("copy.db");
    AttemptRecord open;
    {
        AttemptStore store(live, "north");
        finished_attempt(store, "1", 3);
        open = attempt_record("2", "refresher", 3, 1'700'000'050'000);
        store.create_attempt(open);
        store.record_response(response_record(open, 0, true, 1'700'000'051'000));
    }
    fs::copy_file(live, copy);  // the store was closed: the WAL is in the file
    {
        AttemptStore store(live, "north");
        store.record_response(response_record(open, 1, true, 1'700'000'052'000));
        store.record_response(response_record(open, 2, true, 1'700'000'053'000));
        open.finished_at = 1'700'000'054'000;
        open.points = open.max_points = 3;
        open.passed = open.completed = true;
        open.state = AttemptState::finished;
        store.finish_attempt(open, CompletionRecord{open.uuid, "2", "refresher", open.finished_at, 0, 3, 3, completion_code(open.uuid)});
    }

    SECTION("older first: the later copy appends the rest of the chain and closes the attempt") {
        AttemptStore ward(tmp.path("ward.db"), "office");
        REQUIRE(merge_records(ward.handle(), copy).merged);
        CHECK(ward.attempt(open.uuid)->state == AttemptState::in_progress);
        const auto later = merge_records(ward.handle(), live);
        REQUIRE(later.merged);
        CHECK(later.added.responses == 2);
        CHECK(later.added.completions == 1);
        CHECK(later.added.attempts == 0);
        CHECK(later.added.attempts_closed == 1);
        CHECK(ward.attempt(open.uuid)->state == AttemptState::finished);
        CHECK(ward.attempt(open.uuid)->points == 3);
        const auto report = verify_records(ward.handle());
        CHECK(report.ok());
        CHECK(report.heads.at(0).head == later.heads.at(0).head);
    }
    SECTION("later first: the older copy adds nothing and reopens nothing") {
        AttemptStore ward(tmp.path("ward.db"), "office");
        REQUIRE(merge_records(ward.handle(), live).merged);
        const std::string before = dump(ward.handle());
        const auto older = merge_records(ward.handle(), copy);
        CHECK(older.merged);
        CHECK(older.added.total() == 0);
        CHECK(dump(ward.handle()) == before);
        CHECK(ward.attempt(open.uuid)->state == AttemptState::finished);
    }
}

TEST_CASE("a source that fails verify is reported with its first bad row and not merged at all; the others are") {
    Terminals t;
    long long seq = 0;
    {
        RawDb raw(t.south);
        seq = raw.count("SELECT min(seq) FROM responses WHERE terminal_id = 'south'");
        raw.run("UPDATE responses SET points = 1 - points WHERE seq = " + std::to_string(seq));
    }
    AttemptStore ward(t.ward, "office");
    const auto bad = merge_records(ward.handle(), t.south);
    CHECK_FALSE(bad.merged);
    REQUIRE(bad.problems.size() == 1);
    CHECK_THAT(bad.problems[0], Catch::StartsWith("responses seq " + std::to_string(seq) + " (terminal south)") &&
                                    Catch::Contains("does not match its row_hash"));
    CHECK(bad.added.total() == 0);
    CHECK(rows(ward.handle(), "attempts") == 0);
    CHECK(rows(ward.handle(), "learners") == 0);
    CHECK(rows(ward.handle(), "events") == 0);
    CHECK(merge_records(ward.handle(), t.north).merged);
    CHECK(verify_records(ward.handle()).ok());
}

TEST_CASE("two different files claiming one terminal conflict: the second is not merged and nothing of it lands") {
    TempDir tmp;
    const std::string one = tmp.path("one.db"), two = tmp.path("two.db");
    {
        AttemptStore a(one, "north");
        finished_attempt(a, "1", 3);
        AttemptStore b(two, "north");  // e.g. a reinstalled terminal that kept its name but not its file
        finished_attempt(b, "2", 3);
    }
    AttemptStore ward(tmp.path("ward.db"), "office");
    REQUIRE(merge_records(ward.handle(), one).merged);
    const std::string before = dump(ward.handle());
    const auto clash = merge_records(ward.handle(), two);
    CHECK_FALSE(clash.merged);
    REQUIRE(clash.problems.size() == 1);
    CHECK_THAT(clash.problems[0], Catch::Contains("terminal north") && Catch::Contains("differs") && Catch::Contains("row 1"));
    CHECK(dump(ward.handle()) == before);  // learners and attempts of the clashing file were rolled back too
    CHECK(verify_records(ward.handle()).ok());
}

TEST_CASE("files that are not kiosk records are not merged") {
    TempDir tmp;
    const std::string other = tmp.path("other.db");
    {
        RawDb raw(other);
        raw.run("CREATE TABLE t(x)");
    }
    AttemptStore ward(tmp.path("ward.db"), "office");
    const auto r = merge_records(ward.handle(), other);
    CHECK_FALSE(r.merged);
    CHECK_THAT(r.problems.at(0), Catch::Contains("not a Chiyoda kiosk records database"));
    const auto missing = merge_records(ward.handle(), tmp.path("missing.db"));
    CHECK_FALSE(missing.merged);
    CHECK_FALSE(fs::exists(tmp.path("missing.db")));  // never created
}

TEST_CASE("learners: a newer roster entry wins; a bare sign-in row never blanks a roster name") {
    TempDir tmp;
    const std::string a = tmp.path("a.db"), b = tmp.path("b.db");
    {
        AttemptStore sa(a, "a");
        sa.upsert_learner(Learner{"100", "千代田 花子", "政策経営部", "2020-04-01"});
    }
    {
        AttemptStore sb(b, "b");
        sb.create_attempt(attempt_record("100"));  // a bare row: staff ID only, written later than the roster entry
    }
    AttemptStore ward(tmp.path("ward.db"), "office");
    REQUIRE(merge_records(ward.handle(), a).merged);
    const auto r = merge_records(ward.handle(), b);
    REQUIRE(r.merged);
    CHECK(r.added.learners == 0);
    CHECK(r.added.learners_updated == 0);
    CHECK(ward.learner("100")->name == "千代田 花子");

    {
        RawDb raw(a);
        raw.run("UPDATE learners SET department = '総務部', updated_at = updated_at + 100000");  // a later roster import
    }
    const auto moved = merge_records(ward.handle(), a);
    CHECK(moved.added.learners_updated == 1);
    CHECK(ward.learner("100")->department == "総務部");
}
