// Terminal identity and evidence: random terminal IDs and Ed25519 keys per file, signed chain heads, forged chains
// (every hash recomputed) refused against enrolled keys by verify and merge, and the attempts and events tables
// checked against their chained ledger rows (a result, an owner or an audit event changed behind the chain).
#include "core/chain_writer.hpp"
#include "core/record_chain.hpp"
#include "core/record_evidence.hpp"
#include "core/record_merge.hpp"
#include "core/sqlite_db.hpp"
#include "store_fixtures.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

using namespace kiosk;
using namespace kiosk::store_fixtures;

namespace {

std::string all(const VerifyReport& r) {
    std::string s;
    for (const auto& p : r.problems) s += p.describe() + "\n";
    return s;
}

bool mentions(const VerifyReport& r, const std::string& words) { return all(r).find(words) != std::string::npos; }

VerifyReport verify_file(const std::string& path, const EnrolledKeys* enrolled = nullptr) {
    const sql::Connection c = open_records_read_only(path);
    return verify_records(c.get(), VerifyOptions{false, enrolled});
}

EnrolledKeys enrolled_file(const TempDir& tmp, const std::vector<std::string>& lines) {
    const std::string path = tmp.path("enrolled.txt");
    std::ofstream out(path);
    out << "# ward enrolled terminals\n";
    for (const auto& l : lines) out << l << "\n";
    out.close();
    return load_enrolled_keys(path);
}

// What an insider with file access does: changes a row, then recomputes every later hash of the terminal's chain and
// the recorded head (keeping whatever signature was there), exactly as docs/records.md describes the canonical form.
void recompute_chain(const std::string& path, const std::string& terminal) {
    sql::Connection c(path, SQLITE_OPEN_READWRITE);
    sqlite3* db = c.get();
    struct Row {
        std::string table;
        std::int64_t seq;
        std::string canonical;
    };
    std::vector<Row> rows;
    {
        sql::Statement st(db, "SELECT seq, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, time_taken_ms "
                              "FROM responses WHERE terminal_id = ?1");
        st.bind(1, terminal);
        while (st.step())
            rows.push_back({"responses", st.int64(0),
                            canonical_response(ResponseRecord{st.text(1), static_cast<int>(st.int64(2)), st.text(3), st.text(4),
                                                              static_cast<int>(st.int64(5)), static_cast<int>(st.int64(6)), st.int64(7), st.int64(8)},
                                               terminal)});
    }
    {
        sql::Statement st(db, "SELECT seq, attempt_uuid, staff_id, course_id, completed_at, valid_until, points, max_points, code FROM completions "
                              "WHERE terminal_id = ?1");
        st.bind(1, terminal);
        while (st.step())
            rows.push_back({"completions", st.int64(0),
                            canonical_completion(CompletionRecord{st.text(1), st.text(2), st.text(3), st.int64(4), st.int64(5),
                                                                  static_cast<int>(st.int64(6)), static_cast<int>(st.int64(7)), st.text(8)},
                                                 terminal)});
    }
    {
        sql::Statement st(db, "SELECT seq, kind, ref, body_json, at FROM ledger WHERE terminal_id = ?1");
        st.bind(1, terminal);
        while (st.step()) rows.push_back({"ledger", st.int64(0), canonical_ledger(LedgerEntry{st.text(1), st.text(2), st.text(3), st.int64(4)}, terminal)});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.seq < b.seq; });
    std::string prev = kGenesisHash;
    for (const auto& r : rows) {
        const std::string hash = chain_row_hash(prev, r.canonical);
        sql::Statement up(db, "UPDATE " + r.table + " SET prev_hash = ?1, row_hash = ?2 WHERE seq = ?3");
        up.bind(1, prev).bind(2, hash).bind(3, r.seq).run();
        prev = hash;
    }
    auto old = nlohmann::json::parse(sql::query_text(db, "SELECT value FROM settings WHERE key = 'chain.head." + terminal + "'").value_or("{}"));
    old["length"] = static_cast<std::int64_t>(rows.size());
    old["head"] = prev;
    sql::Statement head(db, "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    head.bind(1, chain_head_key(terminal)).bind(2, old.dump()).run();
}

// A terminal's file as the kiosk writes it: the file's own ID and key, two learners' attempts.
struct TerminalFile {
    TempDir tmp;
    std::string path = tmp.path("kiosk.db");
    std::string id;
    std::string line;
    AttemptRecord failed;
    TerminalFile() {
        AttemptStore store(path);
        id = store.terminal_id();
        line = enrollment_line(store.signing_key());
        finished_attempt(store, "100", 4, 0, 1'700'000'000'000);
        failed = finished_attempt(store, "101", 4, 3, 1'700'000'100'000);
        store.log_event("sign_out", "101", R"({"why":"done"})", 1'700'000'200'000);
    }
};

} // namespace

TEST_CASE("two files created separately (two terminals cloned from one image) get different terminal IDs and keys") {
    TempDir a, b;
    AttemptStore one(a.path("kiosk.db")), two(b.path("kiosk.db"));
    REQUIRE(one.status().ok);
    REQUIRE(two.status().ok);
    CHECK(one.terminal_id().rfind("t-", 0) == 0);
    CHECK(one.terminal_id().size() == 18);
    CHECK(one.terminal_id() != two.terminal_id());
    CHECK(one.signing_key().public_key != two.signing_key().public_key);
    CHECK(terminal_signing_key(one).public_key == one.signing_key().public_key);

    // The ID is kept in the file: opened again, the same terminal; and the chain's first row carries the public key.
    const std::string id = one.terminal_id(), key = one.signing_key().public_key;
    AttemptStore again(a.path("kiosk.db"));
    CHECK(again.terminal_id() == id);
    CHECK(again.signing_key().public_key == key);
    RawDb raw(a.path("kiosk.db"));
    CHECK(query_text(raw.db, "SELECT kind FROM ledger ORDER BY seq LIMIT 1") == "terminal");
    CHECK(query_text(raw.db, "SELECT json_extract(body_json, '$.public_key') FROM ledger ORDER BY seq LIMIT 1") == key);
    CHECK(raw.count("SELECT count(*) FROM ledger WHERE kind = 'terminal'") == 1);
}

TEST_CASE("the recorded head is signed; verify names a head re-signed by nobody, and enrolled keys accept the genuine file") {
    TerminalFile t;
    const auto genuine = verify_file(t.path);
    INFO(all(genuine));
    REQUIRE(genuine.ok());
    REQUIRE(genuine.heads.size() == 1);
    CHECK(genuine.heads[0].signed_ok);
    TempDir keys;
    const EnrolledKeys enrolled = enrolled_file(keys, {t.line});
    REQUIRE(enrolled.ok());
    CHECK(verify_file(t.path, &enrolled).ok());

    SECTION("a failed exam turned into a pass with every hash and the head recomputed") {
        RawDb(t.path).run("UPDATE responses SET points = max_points WHERE attempt_uuid = '" + t.failed.uuid + "'");
        recompute_chain(t.path, t.id);
        const auto r = verify_file(t.path);
        CHECK_FALSE(r.ok());
        CHECK(mentions(r, "signature is not valid"));
        CHECK_FALSE(verify_file(t.path, &enrolled).ok());
    }
    SECTION("the same, and the forger's own key put in the chain and the head signed with it: refused against the enrolled key") {
        RawDb(t.path).run("UPDATE responses SET points = max_points WHERE attempt_uuid = '" + t.failed.uuid + "'");
        const TerminalKey forger = new_terminal_key(t.id, "laptop");
        RawDb(t.path).run("UPDATE ledger SET body_json = json_set(body_json, '$.public_key', '" + forger.public_key + "') WHERE kind = 'terminal'");
        recompute_chain(t.path, t.id);
        {
            RawDb raw(t.path);
            auto head = nlohmann::json::parse(query_text(raw.db, "SELECT value FROM settings WHERE key = 'chain.head." + t.id + "'"));
            head["signature"] = sign_hex(forger, chain_head_message(t.id, head["length"].get<std::int64_t>(), head["head"].get<std::string>()));
            raw.run("UPDATE settings SET value = '" + head.dump() + "' WHERE key = 'chain.head." + t.id + "'");
        }
        CHECK(verify_file(t.path).ok());  // self-consistent: without the ward's keys nothing tells it apart
        const auto r = verify_file(t.path, &enrolled);
        CHECK_FALSE(r.ok());
        CHECK(mentions(r, "not by the key enrolled for this terminal"));
    }
}

TEST_CASE("a fabricated terminal is refused by verify --enrolled and by merge --enrolled, with the reason") {
    TerminalFile real;
    TempDir keys;
    const EnrolledKeys enrolled = enrolled_file(keys, {real.line});

    SECTION("a new terminal ID with a key of its own (completions for someone who never sat the course)") {
        TempDir fake;
        const std::string path = fake.path("fake.db");
        {
            AttemptStore forged(path);
            finished_attempt(forged, "555", 3, 0, 1'700'000'500'000);
        }
        CHECK(verify_file(path).ok());
        const auto r = verify_file(path, &enrolled);
        CHECK_FALSE(r.ok());
        CHECK(mentions(r, "is not enrolled"));

        TempDir ward;
        AttemptStore target(ward.path("ward.db"));
        const auto m = merge_records(target.handle(), path, &enrolled);
        CHECK_FALSE(m.merged);
        std::string why;
        for (const auto& p : m.problems) why += p + "\n";
        CHECK_THAT(why, Catch::Contains("is not enrolled"));
        CHECK(query_int(target.handle(), "SELECT count(*) FROM completions") == 0);
        // The genuine terminal is merged.
        CHECK(merge_records(target.handle(), real.path, &enrolled).merged);
        CHECK(verify_records(target.handle(), VerifyOptions{false, nullptr}).ok());
    }
    SECTION("an enrolled terminal's ID with its chain rewritten and no key at all (every hash recomputed)") {
        TempDir fake;
        const std::string path = fake.path("fake.db");
        std::filesystem::copy_file(real.path, path);
        RawDb(path).run("DELETE FROM ledger WHERE kind = 'terminal'; UPDATE settings SET value = json_remove(value, '$.signature') "
                        "WHERE key LIKE 'chain.head.%'");
        recompute_chain(path, real.id);
        const auto r = verify_file(path, &enrolled);
        CHECK_FALSE(r.ok());
        CHECK(mentions(r, "not signed"));
        TempDir ward;
        AttemptStore target(ward.path("ward.db"));
        CHECK_FALSE(merge_records(target.handle(), path, &enrolled).merged);
    }
}

TEST_CASE("the ward file keeps each terminal's signed head: it verifies against the enrolled keys after a merge") {
    TerminalFile a, b;
    TempDir keys, ward;
    const EnrolledKeys enrolled = enrolled_file(keys, {a.line, b.line});
    AttemptStore target(ward.path("ward.db"));
    REQUIRE(merge_records(target.handle(), a.path, &enrolled).merged);
    REQUIRE(merge_records(target.handle(), b.path, &enrolled).merged);
    const auto r = verify_records(target.handle(), VerifyOptions{false, nullptr});
    INFO(all(r));
    CHECK(r.ok());
    REQUIRE(r.heads.size() == 3);  // the two terminals and the ward file's own chain (its key row)
    for (const auto& h : r.heads) CHECK(h.signed_ok);
    // Merging again adds nothing.
    CHECK(merge_records(target.handle(), a.path, &enrolled).added.total() == 0);
}

TEST_CASE("an enrolled-keys file with a bad line is refused with file, line and column") {
    TempDir keys;
    const EnrolledKeys e = enrolled_file(keys, {"t-0011223344556677 not-a-key kiosk-01"});
    REQUIRE_FALSE(e.ok());
    CHECK_THAT(e.errors[0], Catch::Contains("enrolled.txt:2:20: expected a public key of 64 hex digits"));
}

TEST_CASE("one SQL UPDATE on attempts, an attempt moved to another person, or a deleted audit event is detected") {
    TerminalFile t;
    SECTION("a failed exam turned into a pass") {
        RawDb(t.path).run("UPDATE attempts SET passed = 1, points = max_points WHERE uuid = '" + t.failed.uuid + "'");
    }
    SECTION("the attempt moved to another person") {
        RawDb(t.path).run("INSERT INTO learners(staff_id, updated_at) VALUES('999', 0); UPDATE attempts SET staff_id = '999' WHERE uuid = '" +
                          t.failed.uuid + "'");
    }
    SECTION("an attempt reopened") { RawDb(t.path).run("UPDATE attempts SET state = 'suspended' WHERE uuid = '" + t.failed.uuid + "'"); }
    SECTION("an audit event deleted") { RawDb(t.path).run("DELETE FROM events WHERE kind = 'sign_out'"); }
    SECTION("an audit event changed") { RawDb(t.path).run("UPDATE events SET staff_id = '100' WHERE kind = 'sign_out'"); }
    const auto r = verify_file(t.path);
    INFO(all(r));
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.problems.size() == 1);
    RawDb raw(t.path);
    CHECK(evidence_problems(raw.db).size() == 1);
    CHECK((r.problems[0].table == "attempts" || r.problems[0].table == "events"));
}

TEST_CASE("a second answer to one item is a new chained row; the latest is the answer, and both verify") {
    TempDir tmp;
    AttemptStore store(tmp.path("kiosk.db"));
    AttemptRecord a = attempt_record("301");
    store.create_attempt(a);
    store.record_response(response_record(a, 0, false, 10));
    store.record_response(response_record(a, 0, true, 20));
    CHECK(query_int(store.handle(), "SELECT count(*) FROM responses") == 2);
    const auto rows = store.responses(a.uuid);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].points == 1);
    CHECK(rows[0].answered_at == 20);
    CHECK(store.past_responses("301").size() == 1);
    CHECK(verify_records(store.handle()).ok());
}

TEST_CASE("a schema 1 file is upgraded at its first open: the host-name chain keeps its ID and its first signed head covers the old rows") {
    TempDir tmp;
    const std::string path = tmp.path("old.db");
    char host[256] = {};
    REQUIRE(gethostname(host, sizeof host - 1) == 0);
    const std::string terminal = host;
    {
        // The file as kiosk schema 1 left it (docs/records.md of that version): one answer chained under the host name.
        RawDb raw(path);
        raw.run(R"SQL(
PRAGMA application_id = 1128811313;
CREATE TABLE learners (staff_id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', department TEXT NOT NULL DEFAULT '',
  hire_date TEXT NOT NULL DEFAULT '', in_roster INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL);
CREATE TABLE attempts (uuid TEXT PRIMARY KEY, staff_id TEXT NOT NULL REFERENCES learners(staff_id), course_id TEXT NOT NULL,
  mode TEXT NOT NULL, seed INTEGER NOT NULL, guideline_hash TEXT NOT NULL, items_json TEXT NOT NULL, started_at INTEGER NOT NULL,
  finished_at INTEGER, points INTEGER, max_points INTEGER, passed INTEGER, completed INTEGER, terminal_id TEXT NOT NULL, state TEXT NOT NULL);
CREATE TABLE responses (seq INTEGER PRIMARY KEY, attempt_uuid TEXT NOT NULL REFERENCES attempts(uuid), item_index INTEGER NOT NULL,
  item_id TEXT NOT NULL, response_json TEXT NOT NULL, points INTEGER NOT NULL, max_points INTEGER NOT NULL, answered_at INTEGER NOT NULL,
  time_taken_ms INTEGER NOT NULL, terminal_id TEXT NOT NULL, prev_hash TEXT NOT NULL, row_hash TEXT NOT NULL, UNIQUE (attempt_uuid, item_index));
CREATE TABLE completions (seq INTEGER PRIMARY KEY, attempt_uuid TEXT NOT NULL UNIQUE REFERENCES attempts(uuid), staff_id TEXT NOT NULL,
  course_id TEXT NOT NULL, completed_at INTEGER NOT NULL, valid_until INTEGER NOT NULL, points INTEGER NOT NULL, max_points INTEGER NOT NULL,
  code TEXT NOT NULL UNIQUE, terminal_id TEXT NOT NULL, prev_hash TEXT NOT NULL, row_hash TEXT NOT NULL);
CREATE TABLE events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, staff_id TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}', terminal_id TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = 1;
)SQL");
        const AttemptRecord a = attempt_record("700");
        raw.run("INSERT INTO learners(staff_id, updated_at) VALUES('700', 0)");
        raw.run("INSERT INTO attempts VALUES('" + a.uuid + "', '700', 'refresher', 'exam', 42, '', '[]', 1, NULL, NULL, NULL, NULL, NULL, '" +
                terminal + "', 'in_progress')");
        const ResponseRecord r = response_record(a, 0, true, 5);
        const std::string hash = chain_row_hash(kGenesisHash, canonical_response(r, terminal));
        raw.run("INSERT INTO responses VALUES(1, '" + a.uuid + "', 0, 'item-0', '" + r.response_json + "', 1, 1, 5, 4000, '" + terminal + "', '" +
                kGenesisHash + "', '" + hash + "')");
        raw.run("INSERT INTO settings VALUES('chain.head." + terminal + "', '{\"head\":\"" + hash + "\",\"length\":1}')");
    }
    {
        AttemptStore store(path);
        REQUIRE(store.status().ok);
        CHECK(store.terminal_id() == terminal);
    }
    RawDb raw(path);
    CHECK(raw.count("PRAGMA user_version") == kRecordsSchemaVersion);
    CHECK(raw.count("SELECT count(*) FROM responses") == 1);
    CHECK(raw.count("SELECT seq FROM ledger WHERE kind = 'terminal'") == 2);  // appended after the old row
    const auto r = verify_records(raw.db);
    INFO(all(r));
    CHECK(r.ok());
    REQUIRE(r.heads.size() == 1);
    CHECK(r.heads[0].length == 2);
    CHECK(r.heads[0].signed_ok);
}

TEST_CASE("verify from the heads verified before: the same heads as a full walk; later rows rehashed; a rewritten history refused") {
    TerminalFile t;
    const auto first = verify_file(t.path);
    REQUIRE(first.ok());
    const std::vector<ChainHead> before = first.heads;
    {
        AttemptStore store(t.path);
        finished_attempt(store, "102", 3, 1, 1'700'000'300'000);
    }
    const auto incremental = [&] {
        const sql::Connection c = open_records_read_only(t.path);
        return verify_records(c.get(), VerifyOptions{true, nullptr, &before});
    };
    const auto full = verify_file(t.path);
    const auto inc = incremental();
    INFO(all(inc));
    REQUIRE(inc.ok());
    REQUIRE(inc.heads.size() == full.heads.size());
    CHECK(inc.heads[0].length == full.heads[0].length);
    CHECK(inc.heads[0].head == full.heads[0].head);
    CHECK(inc.heads[0].signed_ok);

    SECTION("a row after the verified head changed") {
        RawDb(t.path).run("UPDATE responses SET points = 1 - points WHERE seq = (SELECT max(seq) FROM responses)");
        CHECK(mentions(incremental(), "does not match its row_hash"));
    }
    SECTION("the history rewritten (every hash recomputed)") {
        RawDb(t.path).run("UPDATE responses SET points = max_points WHERE attempt_uuid = '" + t.failed.uuid + "'");
        recompute_chain(t.path, t.id);
        CHECK(mentions(incremental(), "no longer passes through the head verified before"));
    }
    SECTION("a value before the verified head changed, hashes left alone: only the full walk finds it (docs/records.md)") {
        RawDb(t.path).run("UPDATE responses SET points = 1 - points WHERE seq = (SELECT min(seq) FROM responses)");
        CHECK(incremental().ok());
        CHECK(mentions(verify_file(t.path), "does not match its row_hash"));
    }
}
