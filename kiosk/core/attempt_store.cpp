// AttemptStore: opens, checks and migrates the SQLite records, and writes each answer, result and event in its own
// durable transaction (schema: docs/records.md).
#include "attempt_store.hpp"

#include "chain_writer.hpp"
#include "record_evidence.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <chrono>
#include <filesystem>

namespace kiosk {

namespace {

constexpr std::int64_t kApplicationId = kRecordsApplicationId;
constexpr std::int64_t kSchemaVersion = kRecordsSchemaVersion;

// Migration ladder: kMigrations[n] takes a database from user_version n to n + 1.
constexpr std::array<const char*, kSchemaVersion> kMigrations = {
    // 0 → 1: the schema of docs/records.md, with the indexes the reports and the chain need.
    R"SQL(
CREATE TABLE learners (
  staff_id    TEXT PRIMARY KEY,
  name        TEXT NOT NULL DEFAULT '',
  department  TEXT NOT NULL DEFAULT '',
  hire_date   TEXT NOT NULL DEFAULT '',
  in_roster   INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE attempts (
  uuid            TEXT PRIMARY KEY,
  staff_id        TEXT NOT NULL REFERENCES learners(staff_id),
  course_id       TEXT NOT NULL,
  mode            TEXT NOT NULL,
  seed            INTEGER NOT NULL,
  guideline_hash  TEXT NOT NULL,
  items_json      TEXT NOT NULL,
  started_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  points          INTEGER, max_points INTEGER, passed INTEGER, completed INTEGER,
  terminal_id     TEXT NOT NULL,
  state           TEXT NOT NULL
);
CREATE TABLE responses (
  seq            INTEGER PRIMARY KEY,
  attempt_uuid   TEXT NOT NULL REFERENCES attempts(uuid),
  item_index     INTEGER NOT NULL,
  item_id        TEXT NOT NULL,
  response_json  TEXT NOT NULL,
  points         INTEGER NOT NULL, max_points INTEGER NOT NULL,
  answered_at    INTEGER NOT NULL, time_taken_ms INTEGER NOT NULL,
  terminal_id    TEXT NOT NULL,
  prev_hash      TEXT NOT NULL, row_hash TEXT NOT NULL,
  UNIQUE (attempt_uuid, item_index)
);
CREATE TABLE completions (
  seq            INTEGER PRIMARY KEY,
  attempt_uuid   TEXT NOT NULL UNIQUE REFERENCES attempts(uuid),
  staff_id       TEXT NOT NULL, course_id TEXT NOT NULL,
  completed_at   INTEGER NOT NULL, valid_until INTEGER NOT NULL,
  points         INTEGER NOT NULL, max_points INTEGER NOT NULL,
  code           TEXT NOT NULL UNIQUE,
  terminal_id    TEXT NOT NULL,
  prev_hash      TEXT NOT NULL, row_hash TEXT NOT NULL
);
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  staff_id    TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}',
  terminal_id TEXT NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX attempts_staff_course ON attempts(staff_id, course_id);
CREATE INDEX attempts_course_finished ON attempts(course_id, finished_at);
CREATE INDEX responses_item ON responses(item_id);
CREATE INDEX responses_terminal_seq ON responses(terminal_id, seq);
CREATE INDEX completions_staff_course ON completions(staff_id, course_id);
CREATE INDEX completions_terminal_seq ON completions(terminal_id, seq);
)SQL",
    // 1 → 2: terminal identity (terminal_keys, the `ledger` chain of owners, states, results and audit events), and
    // responses without UNIQUE (attempt, item): a changed answer is a new row that supersedes the earlier one.
    R"SQL(
CREATE TABLE terminal_keys (
  terminal_id TEXT PRIMARY KEY,
  public_key  TEXT NOT NULL,
  secret_key  TEXT,
  host_label  TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE TABLE ledger (
  seq         INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  ref         TEXT NOT NULL,
  body_json   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  terminal_id TEXT NOT NULL,
  prev_hash   TEXT NOT NULL, row_hash TEXT NOT NULL
);
CREATE INDEX ledger_terminal_seq ON ledger(terminal_id, seq);
CREATE INDEX ledger_ref ON ledger(ref);
CREATE TABLE responses_v2 (
  seq            INTEGER PRIMARY KEY,
  attempt_uuid   TEXT NOT NULL REFERENCES attempts(uuid),
  item_index     INTEGER NOT NULL,
  item_id        TEXT NOT NULL,
  response_json  TEXT NOT NULL,
  points         INTEGER NOT NULL, max_points INTEGER NOT NULL,
  answered_at    INTEGER NOT NULL, time_taken_ms INTEGER NOT NULL,
  terminal_id    TEXT NOT NULL,
  prev_hash      TEXT NOT NULL, row_hash TEXT NOT NULL
);
INSERT INTO responses_v2 SELECT seq, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, time_taken_ms,
  terminal_id, prev_hash, row_hash FROM responses;
DROP TABLE responses;
ALTER TABLE responses_v2 RENAME TO responses;
CREATE INDEX responses_item ON responses(item_id);
CREATE INDEX responses_terminal_seq ON responses(terminal_id, seq);
CREATE INDEX responses_attempt_item ON responses(attempt_uuid, item_index, seq);
CREATE VIEW current_responses AS
  SELECT * FROM responses r
   WHERE NOT EXISTS (SELECT 1 FROM responses s WHERE s.attempt_uuid = r.attempt_uuid AND s.item_index = r.item_index AND s.seq > r.seq);
)SQL",
    // 2 → 3: marks. Each answer keeps its fraction of its own max and the mark it carried; each attempt the marks it
    // earned of its maximum. Attempts recorded before weighed every answer by its max points: they get
    // mark = max_points and mark_scale 'points', so Σ fraction × mark / Σ mark is exactly the Σ points / Σ max that
    // decided them (history is not rescored), and one resumed after the upgrade goes on on the same scale.
    R"SQL(
ALTER TABLE responses ADD COLUMN fraction REAL;
ALTER TABLE responses ADD COLUMN mark REAL;
UPDATE responses SET mark = max_points,
  fraction = CASE WHEN max_points > 0 THEN MIN(MAX(points, 0), max_points) * 1.0 / max_points ELSE 0.0 END;
ALTER TABLE attempts ADD COLUMN marks REAL;
ALTER TABLE attempts ADD COLUMN max_marks REAL;
ALTER TABLE attempts ADD COLUMN mark_scale TEXT NOT NULL DEFAULT 'points';
UPDATE attempts SET marks = points, max_marks = max_points WHERE points IS NOT NULL;
)SQL",
};

const char* kWhatToDo =
    " Keep this file as it is (do not delete or edit it), restore the latest backup to a new location or ask IT "
    "support, and run `kiosk verify --db PATH` on the file to see what is wrong.";

EpochMs now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string host_name() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "terminal";
    return buf;
}

AttemptState state_from(const std::string& s) {
    if (s == "suspended") return AttemptState::suspended;
    if (s == "finished") return AttemptState::finished;
    if (s == "abandoned") return AttemptState::abandoned;
    return AttemptState::in_progress;
}

std::string items_json(const AttemptRecord& a) {
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t i = 0; i < a.item_ids.size(); ++i)
        items.push_back({{"id", a.item_ids[i]}, {"hash", i < a.item_hashes.size() ? a.item_hashes[i] : std::string()}});
    return items.dump();
}

constexpr const char* kAttemptColumns =
    "uuid, staff_id, course_id, mode, seed, guideline_hash, items_json, started_at, finished_at, points, max_points, passed, "
    "completed, terminal_id, state, marks, max_marks, mark_scale";

AttemptRecord attempt_from(const sql::Statement& st) {
    AttemptRecord a;
    a.uuid = st.text(0);
    a.staff_id = st.text(1);
    a.course_id = st.text(2);
    a.mode = st.text(3);
    a.seed = static_cast<std::uint64_t>(st.int64(4));
    a.guideline_hash = st.text(5);
    try {
        for (const auto& item : nlohmann::json::parse(st.text(6))) {
            a.item_ids.push_back(item.at("id").get<std::string>());
            a.item_hashes.push_back(item.at("hash").get<std::string>());
        }
    } catch (const nlohmann::json::exception&) {
        a.item_ids.clear();  // Session::resume reports an attempt without a usable item list
        a.item_hashes.clear();
    }
    a.started_at = st.int64(7);
    a.finished_at = st.is_null(8) ? 0 : st.int64(8);
    a.points = static_cast<int>(st.int64(9));
    a.max_points = static_cast<int>(st.int64(10));
    a.passed = st.int64(11) != 0;
    a.completed = st.int64(12) != 0;
    a.terminal_id = st.text(13);
    a.state = state_from(st.text(14));
    a.marks = st.is_null(15) ? a.points : st.real(15);
    a.max_marks = st.is_null(16) ? a.max_points : st.real(16);
    a.mark_scale = st.text(17) == "points" ? "points" : "marks";
    return a;
}

constexpr const char* kCompletionColumns = "attempt_uuid, staff_id, course_id, completed_at, valid_until, points, max_points, code";

CompletionRecord completion_from(const sql::Statement& st) {
    CompletionRecord c;
    c.attempt_uuid = st.text(0);
    c.staff_id = st.text(1);
    c.course_id = st.text(2);
    c.completed_at = st.int64(3);
    c.valid_until = st.int64(4);
    c.points = static_cast<int>(st.int64(5));
    c.max_points = static_cast<int>(st.int64(6));
    c.code = st.text(7);
    return c;
}

} // namespace

struct AttemptStore::Impl {
    sqlite3* db = nullptr;
    std::string path;
    std::string terminal_id;
    OpenStatus status;
    std::optional<ChainWriter> chain;  // set once the file is open for writing under this terminal's key

    ~Impl() {
        if (db) sqlite3_close_v2(db);
    }

    // Opens `path`; on failure leaves db null and returns SQLite's result code.
    int open(int flags) {
        if (db) sqlite3_close_v2(db);
        db = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI, nullptr);
        if (rc != SQLITE_OK) {
            if (db) sqlite3_close_v2(db);
            db = nullptr;
            return rc;
        }
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, 5000);
        return SQLITE_OK;
    }

    void refuse(std::string message, OpenProblem problem) { status = {false, true, std::move(message), problem}; }

    // Looks at an existing file through a read-only connection, so that a refused file is never changed: a
    // read-write connection would checkpoint a pending WAL into it on close. Returns false when the file is refused
    // (the read-only connection stays open for reading).
    bool inspect() {
        std::int64_t app_id = 0, version = 0, objects = 0;
        try {
            // One statement, so one snapshot: another process may be creating the schema right now.
            sql::Statement st(db, "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), "
                                  "(SELECT count(*) FROM sqlite_schema)");
            if (st.step()) {
                app_id = st.int64(0);
                version = st.int64(1);
                objects = st.int64(2);
            }
        } catch (const StoreError& e) {
            refuse(std::string("the records file cannot be read (") + e.what() + ")." + kWhatToDo, OpenProblem::damaged);
            return false;
        }
        if (app_id != kApplicationId && (app_id != 0 || objects > 0)) {
            refuse("this file is not a Chiyoda kiosk records database (application_id " + std::to_string(app_id) +
                   "); it was left untouched. Check --db or the terminal configuration.",
                   OpenProblem::not_records);
            return false;
        }
        if (version > kSchemaVersion) {
            refuse("the records were written by a newer kiosk version (schema " + std::to_string(version) + ", this kiosk knows " +
                   std::to_string(kSchemaVersion) + "); the file was left untouched. Install the newer kiosk version.",
                   OpenProblem::newer_schema);
            return false;
        }
        if (objects > 0) {
            std::string check;
            try {
                sql::Statement st(db, "PRAGMA quick_check");
                while (st.step()) check += (check.empty() ? "" : "; ") + st.text(0);
            } catch (const StoreError& e) {
                check = e.what();
            }
            if (check != "ok") {
                refuse("the records file is damaged (quick_check: " + check.substr(0, 300) + "); nothing will be written to it." +
                           kWhatToDo,
                       OpenProblem::damaged);
                return false;
            }
        }
        return true;
    }

    // The folder must exist (an unmounted share or a typo is never replaced by a new, empty one) and this user must be able
    // to write the folder and the file: a permissions matter, told apart from damage (the file itself may be fine).
    bool location_usable() {
        std::error_code ec;
        std::filesystem::path parent = std::filesystem::path(path).parent_path();
        if (parent.empty()) parent = ".";
        if (std::filesystem::is_directory(path, ec)) {
            refuse(path + " is a folder, not a records file. Check --db or db_path in the terminal configuration.", OpenProblem::other);
            return false;
        }
        if (!std::filesystem::is_directory(parent, ec)) {
            refuse("the folder " + parent.string() + " for the records does not exist (a network share that is not mounted, or a typo "
                   "in --db or db_path?); nothing was created. Check the path; to start a new database there, create the folder "
                   "or run the command once with --create.",
                   OpenProblem::missing_folder);
            return false;
        }
        const bool exists = std::filesystem::exists(path, ec);
        std::string what;
        if (::access(parent.c_str(), W_OK | X_OK) != 0) what = "the folder " + parent.string();
        else if (exists && ::access(path.c_str(), R_OK | W_OK) != 0) what = "the file " + path;
        else for (const char* suffix : {"-wal", "-shm"})
            if (std::filesystem::exists(path + suffix, ec) && ::access((path + suffix).c_str(), R_OK | W_OK) != 0) what = "the file " + path + suffix;
        if (what.empty()) return true;
        refuse("this user cannot write " + what + " (permissions); nothing was recorded. This says nothing about the records "
               "themselves: give the kiosk's user account write access to the folder and the database files (owner and mode), "
               "then start again.",
               OpenProblem::no_permission);
        // Still readable for the admin screen where the permissions allow it.
        if (exists) {
            try {
                sql::Connection ro = open_records_read_only(path);
                db = ro.release();
            } catch (const StoreError&) {
            }
        }
        return false;
    }

    void open_and_check() {
        const bool in_memory = path == ":memory:" || path.rfind("file::memory:", 0) == 0 || path.find("mode=memory") != std::string::npos;
        if (!in_memory && path.rfind("file:", 0) != 0 && !location_usable()) return;
        // A missing file cannot be opened read-only: then there is nothing to inspect and it is created below.
        if (!in_memory && open(SQLITE_OPEN_READONLY) == SQLITE_OK && !inspect()) return;
        if (const int rc = open(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); rc != SQLITE_OK) {
            status = {false, true, std::string("cannot open the records: ") + sqlite3_errstr(rc), OpenProblem::other};
            return;
        }
        try {
            if (!in_memory) sql::exec(db, "PRAGMA journal_mode=WAL");
            sql::exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
            migrate();
            chain.emplace(db, open_terminal_identity(db, terminal_id, host_name(), now_ms()));
            terminal_id = chain->key().terminal_id;
        } catch (const StoreError& e) {
            status = {false, true, std::string("the records cannot be prepared for writing: ") + e.what(), OpenProblem::other};
        }
    }

    // Each step in its own BEGIN IMMEDIATE transaction that also bumps user_version; the version is read under the
    // lock, as another kiosk process may have migrated (or created the file) since this one looked.
    void migrate() {
        for (;;) {
            sql::Transaction tx(db);
            const std::int64_t v = sql::query_int(db, "PRAGMA user_version");
            if (v == kSchemaVersion) return;
            if (v > kSchemaVersion) throw StoreError("a newer kiosk version changed the schema meanwhile", SQLITE_READONLY);
            if (v == 0 && sql::query_int(db, "SELECT count(*) FROM sqlite_schema") > 0 &&
                sql::query_int(db, "PRAGMA application_id") != kApplicationId)
                throw StoreError("this file is not a Chiyoda kiosk records database", SQLITE_NOTADB);
            if (v == 0) sql::exec(db, ("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str());
            sql::exec(db, kMigrations[static_cast<std::size_t>(v)]);
            sql::exec(db, ("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
            tx.commit();
        }
    }

    ChainWriter& writable() {
        if (!db) throw StoreError("the records are not open: " + status.message, SQLITE_CANTOPEN);
        if (status.read_only || !chain) throw StoreError("the records are read-only: " + status.message, SQLITE_READONLY);
        return *chain;
    }

    void chain_event(const std::string& kind, const std::string& staff_id, const std::string& detail_json, EpochMs at) {
        sql::Statement st(db, "INSERT INTO events(at, kind, staff_id, detail_json, terminal_id) VALUES(?1, ?2, ?3, ?4, ?5)");
        st.bind(1, at).bind(2, kind).bind(3, staff_id).bind(4, detail_json).bind(5, terminal_id).run();
        chain->append_ledger(LedgerEntry{"event", "", event_ledger_body(kind, staff_id, detail_json), at});
    }

    void ensure_learner(const std::string& staff_id) {
        sql::Statement st(db, "INSERT INTO learners(staff_id, updated_at) VALUES(?1, ?2) ON CONFLICT(staff_id) DO NOTHING");
        st.bind(1, staff_id).bind(2, now_ms()).run();
    }
};

AttemptStore::AttemptStore(const std::string& path, std::string terminal_id) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    impl_->terminal_id = std::move(terminal_id);  // empty: the file's own terminal ID, created at its first open
    impl_->open_and_check();
}

AttemptStore::~AttemptStore() = default;

const TerminalKey& terminal_signing_key(AttemptStore& store) { return store.signing_key(); }

const OpenStatus& AttemptStore::status() const { return impl_->status; }
const std::string& AttemptStore::terminal_id() const { return impl_->terminal_id; }
sqlite3* AttemptStore::handle() { return impl_->db; }

void AttemptStore::upsert_learner(const Learner& l) {
    impl_->writable();
    sql::Transaction tx(impl_->db);
    sql::Statement st(impl_->db,
                      "INSERT INTO learners(staff_id, name, department, hire_date, updated_at) VALUES(?1, ?2, ?3, ?4, ?5) "
                      "ON CONFLICT(staff_id) DO UPDATE SET name = excluded.name, department = excluded.department, "
                      "hire_date = excluded.hire_date, updated_at = excluded.updated_at");
    st.bind(1, l.staff_id).bind(2, l.name).bind(3, l.department).bind(4, l.hire_date).bind(5, now_ms()).run();
    tx.commit();
}

std::optional<Learner> AttemptStore::learner(const std::string& staff_id) {
    if (!impl_->db) return std::nullopt;
    sql::Statement st(impl_->db, "SELECT staff_id, name, department, hire_date FROM learners WHERE staff_id = ?1");
    st.bind(1, staff_id);
    if (!st.step()) return std::nullopt;
    return Learner{st.text(0), st.text(1), st.text(2), st.text(3)};
}

void AttemptStore::create_attempt(const AttemptRecord& a) {
    ChainWriter& chain = impl_->writable();
    sql::Transaction tx(impl_->db);
    impl_->ensure_learner(a.staff_id);
    sql::Statement st(impl_->db, std::string("INSERT INTO attempts(") + kAttemptColumns +
                                     ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    const std::string items = items_json(a);
    st.bind(1, a.uuid).bind(2, a.staff_id).bind(3, a.course_id).bind(4, a.mode).bind(5, static_cast<std::int64_t>(a.seed));
    st.bind(6, a.guideline_hash).bind(7, items).bind(8, a.started_at);
    if (a.state == AttemptState::finished) {
        st.bind(9, a.finished_at).bind(10, a.points).bind(11, a.max_points).bind(12, a.passed ? 1 : 0).bind(13, a.completed ? 1 : 0);
        st.bind(16, a.marks).bind(17, a.max_marks);
    } else {
        for (int i = 9; i <= 13; ++i) st.bind_null(i);
        st.bind_null(16).bind_null(17);
    }
    st.bind(14, a.terminal_id.empty() ? impl_->terminal_id : a.terminal_id).bind(15, to_string(a.state));
    st.bind(18, a.mark_scale == "points" ? "points" : "marks").run();
    // Who sat which course with which draw is evidence: chained with the attempt.
    chain.append_ledger(LedgerEntry{"attempt", a.uuid,
                                    attempt_ledger_body(a.staff_id, a.course_id, a.mode, static_cast<std::int64_t>(a.seed), a.guideline_hash,
                                                        items, a.started_at),
                                    a.started_at});
    if (a.state == AttemptState::finished)
        chain.append_ledger(LedgerEntry{"result", a.uuid,
                                        result_ledger_body(a.finished_at, a.points, a.max_points, a.passed, a.completed, to_string(a.state)),
                                        a.finished_at});
    else if (a.state != AttemptState::in_progress)
        chain.append_ledger(LedgerEntry{"state", a.uuid, state_ledger_body(to_string(a.state)), a.started_at});
    tx.commit();
}

void AttemptStore::record_response(const ResponseRecord& r) {
    ChainWriter& chain = impl_->writable();
    sql::Transaction tx(impl_->db);
    chain.append_response(r);  // a second answer to the same item is a new row; the latest one counts
    tx.commit();
}

void AttemptStore::set_attempt_state(const std::string& uuid, AttemptState s, EpochMs at) {
    ChainWriter& chain = impl_->writable();
    sql::Transaction tx(impl_->db);
    sql::Statement st(impl_->db, "UPDATE attempts SET state = ?1 WHERE uuid = ?2");
    st.bind(1, to_string(s)).bind(2, uuid).run();
    if (st.changes() == 0) throw StoreError("no attempt " + uuid + " in the records", SQLITE_NOTFOUND);
    chain.append_ledger(LedgerEntry{"state", uuid, state_ledger_body(to_string(s)), at});
    tx.commit();
}

void AttemptStore::finish_attempt(const AttemptRecord& a, const std::optional<CompletionRecord>& completion) {
    ChainWriter& chain = impl_->writable();
    sql::Transaction tx(impl_->db);
    sql::Statement st(impl_->db,
                      "UPDATE attempts SET finished_at = ?1, points = ?2, max_points = ?3, passed = ?4, completed = ?5, state = ?6, "
                      "marks = ?8, max_marks = ?9 WHERE uuid = ?7");
    const std::string state = to_string(a.state == AttemptState::in_progress ? AttemptState::finished : a.state);
    st.bind(1, a.finished_at).bind(2, a.points).bind(3, a.max_points).bind(4, a.passed ? 1 : 0).bind(5, a.completed ? 1 : 0);
    st.bind(6, state).bind(7, a.uuid).bind(8, a.marks).bind(9, a.max_marks).run();
    if (st.changes() == 0) throw StoreError("no attempt " + a.uuid + " in the records", SQLITE_NOTFOUND);
    chain.append_ledger(
        LedgerEntry{"result", a.uuid, result_ledger_body(a.finished_at, a.points, a.max_points, a.passed, a.completed, state), a.finished_at});
    if (completion) chain.append_completion(*completion);
    tx.commit();
}

void AttemptStore::log_event(const std::string& kind, const std::string& staff_id, const std::string& detail_json, EpochMs at) {
    impl_->writable();
    sql::Transaction tx(impl_->db);
    impl_->chain_event(kind, staff_id, detail_json.empty() ? std::string("{}") : detail_json, at);
    tx.commit();
}

const TerminalKey& AttemptStore::signing_key() {
    return impl_->writable().key();
}

std::optional<AttemptRecord> AttemptStore::attempt(const std::string& uuid) {
    if (!impl_->db) return std::nullopt;
    sql::Statement st(impl_->db, std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE uuid = ?1");
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return attempt_from(st);
}

// The person's latest attempt at a course among those `condition` (SQL over the attempts row) selects.
static std::optional<AttemptRecord> latest_attempt(sqlite3* db, const std::string& staff_id, const std::string& course_id,
                                                   const char* condition, const char* newest_first) {
    if (!db) return std::nullopt;
    sql::Statement st(db, std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE staff_id = ?1 AND course_id = ?2 AND " +
                                     condition + " ORDER BY " + newest_first + " DESC, rowid DESC LIMIT 1");
    st.bind(1, staff_id).bind(2, course_id);
    if (!st.step()) return std::nullopt;
    return attempt_from(st);
}

std::optional<AttemptRecord> AttemptStore::find_resumable(const std::string& staff_id, const std::string& course_id) {
    return latest_attempt(impl_->db, staff_id, course_id, "state IN ('in_progress', 'suspended')", "started_at");
}

std::optional<AttemptRecord> AttemptStore::last_finished(const std::string& staff_id, const std::string& course_id) {
    return latest_attempt(impl_->db, staff_id, course_id, "state = 'finished'", "finished_at");
}

std::vector<ResponseRecord> AttemptStore::responses(const std::string& attempt_uuid) {
    std::vector<ResponseRecord> out;
    if (!impl_->db) return out;
    sql::Statement st(impl_->db,
                      "SELECT attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, time_taken_ms, fraction, mark "
                      "FROM current_responses WHERE attempt_uuid = ?1 ORDER BY item_index");
    st.bind(1, attempt_uuid);
    while (st.step()) {
        ResponseRecord r;
        r.attempt_uuid = st.text(0);
        r.item_index = static_cast<int>(st.int64(1));
        r.item_id = st.text(2);
        r.response_json = st.text(3);
        r.points = static_cast<int>(st.int64(4));
        r.max_points = static_cast<int>(st.int64(5));
        r.answered_at = st.int64(6);
        r.time_taken_ms = st.int64(7);
        r.fraction = st.is_null(8) ? (r.max_points > 0 ? static_cast<double>(r.points) / r.max_points : 0.0) : st.real(8);
        r.mark = st.is_null(9) ? r.max_points : st.real(9);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PastResponse> AttemptStore::past_responses(const std::string& staff_id) {
    std::vector<PastResponse> out;
    if (!impl_->db) return out;
    sql::Statement st(impl_->db,
                      "SELECT r.item_id, r.points, r.max_points, r.answered_at, r.response_json FROM current_responses r JOIN attempts a ON a.uuid = r.attempt_uuid "
                      "WHERE a.staff_id = ?1 ORDER BY r.answered_at, r.seq");
    st.bind(1, staff_id);
    while (st.step())
        out.push_back(PastResponse{st.text(0), static_cast<int>(st.int64(1)), static_cast<int>(st.int64(2)), st.int64(3), st.text(4)});
    return out;
}

std::vector<CompletionRecord> AttemptStore::completions(const std::string& staff_id) {
    std::vector<CompletionRecord> out;
    if (!impl_->db) return out;
    sql::Statement st(impl_->db, std::string("SELECT ") + kCompletionColumns + " FROM completions WHERE staff_id = ?1 ORDER BY completed_at, seq");
    st.bind(1, staff_id);
    while (st.step()) out.push_back(completion_from(st));
    return out;
}

std::optional<CompletionRecord> AttemptStore::completion_by_code(const std::string& code) {
    if (!impl_->db) return std::nullopt;
    // Accept what a person types: lower case, spaces, no hyphen, and the letters Crockford base32 reads as digits.
    std::string typed;
    for (char ch : code) {
        if (ch == ' ' || ch == '-') continue;
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (ch == 'O') ch = '0';
        if (ch == 'I' || ch == 'L') ch = '1';
        typed += ch;
    }
    if (typed.size() == 8) typed.insert(4, "-");
    sql::Statement st(impl_->db, std::string("SELECT ") + kCompletionColumns + " FROM completions WHERE code = ?1");
    st.bind(1, typed);
    if (!st.step()) return std::nullopt;
    return completion_from(st);
}

} // namespace kiosk
