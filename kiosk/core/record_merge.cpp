// Merge of one terminal file into a ward file: verify the source, then in one target transaction add what is new by
// natural key and append each terminal's chain rows, unchanged, after the part the target already has.
#include "record_merge.hpp"

#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace kiosk {

namespace {

// One chained row of either table, with every column, as read from the source.
struct ChainRow {
    bool completion = false;
    bool ledger = false;  // kind, ref, body and time in item_id, attempt_uuid, response_json and answered_at
    std::int64_t seq = 0;
    std::string terminal, attempt_uuid, prev_hash, row_hash;
    // responses
    std::int64_t item_index = 0;
    std::string item_id, response_json;
    std::int64_t answered_at = 0, time_taken_ms = 0;
    // completions
    std::string staff_id, course_id, code;
    std::int64_t completed_at = 0, valid_until = 0;
    // both
    std::int64_t points = 0, max_points = 0;
    // responses: outside the chain's canonical form; NULL in rows from before marks
    std::optional<double> fraction, mark;
};

std::map<std::string, std::vector<ChainRow>> read_chains(sqlite3* db) {
    std::map<std::string, std::vector<ChainRow>> chains;
    {
        sql::Statement st(db, "SELECT seq, terminal_id, attempt_uuid, prev_hash, row_hash, item_index, item_id, response_json, points, max_points, "
                              "answered_at, time_taken_ms, fraction, mark FROM responses");
        while (st.step()) {
            ChainRow r;
            r.seq = st.int64(0);
            r.terminal = st.text(1);
            r.attempt_uuid = st.text(2);
            r.prev_hash = st.text(3);
            r.row_hash = st.text(4);
            r.item_index = st.int64(5);
            r.item_id = st.text(6);
            r.response_json = st.text(7);
            r.points = st.int64(8);
            r.max_points = st.int64(9);
            r.answered_at = st.int64(10);
            r.time_taken_ms = st.int64(11);
            if (!st.is_null(12)) r.fraction = st.real(12);
            if (!st.is_null(13)) r.mark = st.real(13);
            chains[r.terminal].push_back(std::move(r));
        }
    }
    {
        sql::Statement st(db, "SELECT seq, terminal_id, attempt_uuid, prev_hash, row_hash, staff_id, course_id, completed_at, valid_until, points, "
                              "max_points, code FROM completions");
        while (st.step()) {
            ChainRow r;
            r.completion = true;
            r.seq = st.int64(0);
            r.terminal = st.text(1);
            r.attempt_uuid = st.text(2);
            r.prev_hash = st.text(3);
            r.row_hash = st.text(4);
            r.staff_id = st.text(5);
            r.course_id = st.text(6);
            r.completed_at = st.int64(7);
            r.valid_until = st.int64(8);
            r.points = st.int64(9);
            r.max_points = st.int64(10);
            r.code = st.text(11);
            chains[r.terminal].push_back(std::move(r));
        }
    }
    {
        sql::Statement st(db, "SELECT seq, terminal_id, ref, prev_hash, row_hash, kind, body_json, at FROM ledger");
        while (st.step()) {
            ChainRow r;
            r.ledger = true;
            r.seq = st.int64(0);
            r.terminal = st.text(1);
            r.attempt_uuid = st.text(2);
            r.prev_hash = st.text(3);
            r.row_hash = st.text(4);
            r.item_id = st.text(5);
            r.response_json = st.text(6);
            r.answered_at = st.int64(7);
            chains[r.terminal].push_back(std::move(r));
        }
    }
    for (auto& [terminal, rows] : chains)
        std::sort(rows.begin(), rows.end(), [](const ChainRow& a, const ChainRow& b) { return a.seq < b.seq; });
    return chains;
}

std::vector<std::string> target_chain(sqlite3* db, const std::string& terminal) {
    std::vector<std::string> hashes;
    sql::Statement st(db, "SELECT row_hash FROM (SELECT seq, row_hash FROM responses WHERE terminal_id = ?1 UNION ALL "
                          "SELECT seq, row_hash FROM completions WHERE terminal_id = ?1 UNION ALL SELECT seq, row_hash FROM ledger WHERE terminal_id = ?1) "
                          "ORDER BY seq");
    st.bind(1, terminal);
    while (st.step()) hashes.push_back(st.text(0));
    return hashes;
}

std::string short_hash(const std::string& h) { return h.substr(0, 16) + "…"; }

void merge_learners(sqlite3* src, sqlite3* dst, MergeCounts& added) {
    sql::Statement read(src, "SELECT staff_id, name, department, hire_date, in_roster, updated_at FROM learners");
    sql::Statement insert(dst, "INSERT INTO learners(staff_id, name, department, hire_date, in_roster, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
                               "ON CONFLICT(staff_id) DO NOTHING");
    // A newer roster entry wins; a bare row made at sign-in (no name) never overwrites what a roster import wrote.
    sql::Statement update(dst, "UPDATE learners SET name = ?2, department = ?3, hire_date = ?4, in_roster = ?5, updated_at = ?6 "
                               "WHERE staff_id = ?1 AND updated_at < ?6 AND ?2 <> ''");
    while (read.step()) {
        for (sql::Statement* st : {&insert, &update}) {
            st->reset();
            st->bind(1, read.text(0)).bind(2, read.text(1)).bind(3, read.text(2)).bind(4, read.text(3)).bind(5, read.int64(4)).bind(6, read.int64(5));
        }
        insert.run();
        if (insert.changes() > 0) {
            ++added.learners;
            continue;
        }
        update.run();
        if (update.changes() > 0) ++added.learners_updated;
    }
}

void merge_attempts(sqlite3* src, sqlite3* dst, MergeCounts& added) {
    constexpr const char* columns = "uuid, staff_id, course_id, mode, seed, guideline_hash, items_json, started_at, finished_at, points, "
                                    "max_points, passed, completed, terminal_id, state, marks, max_marks, mark_scale";
    sql::Statement read(src, std::string("SELECT ") + columns + " FROM attempts");
    sql::Statement insert(dst, std::string("INSERT INTO attempts(") + columns +
                                   ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
                                   "ON CONFLICT(uuid) DO NOTHING");
    // An attempt still open in the target but closed in the source (a later copy of the same terminal's file) is closed.
    sql::Statement close(dst, "UPDATE attempts SET finished_at = ?9, points = ?10, max_points = ?11, passed = ?12, completed = ?13, state = ?15, "
                              "marks = ?16, max_marks = ?17 "
                              "WHERE uuid = ?1 AND state IN ('in_progress', 'suspended') AND ?15 IN ('finished', 'abandoned')");
    while (read.step()) {
        for (sql::Statement* st : {&insert, &close}) {
            st->reset();
            for (int i = 0; i < 18; ++i) {
                if (i == 17 && st == &close) break;  // an attempt's scale never changes when it is closed
                if (read.is_null(i)) st->bind_null(i + 1);
                else if (i == 4 || (i >= 7 && i <= 12)) st->bind(i + 1, read.int64(i));
                else if (i == 15 || i == 16) st->bind(i + 1, read.real(i));
                else st->bind(i + 1, read.text(i));
            }
        }
        insert.run();
        if (insert.changes() > 0) {
            ++added.attempts;
            continue;
        }
        close.run();
        if (close.changes() > 0) ++added.attempts_closed;
    }
}

void merge_events(sqlite3* src, sqlite3* dst, MergeCounts& added) {
    // Events have no key of their own: the same moment, kind, person, detail and terminal is the same event.
    const auto key = [](const sql::Statement& st) {
        return std::to_string(st.int64(0)) + '\x1f' + st.text(1) + '\x1f' + st.text(2) + '\x1f' + st.text(3) + '\x1f' + st.text(4);
    };
    // Counted, not a set: an event logged twice on one terminal is chained twice and must arrive twice.
    std::map<std::string, long long> known;
    {
        sql::Statement st(dst, "SELECT at, kind, staff_id, detail_json, terminal_id FROM events");
        while (st.step()) ++known[key(st)];
    }
    sql::Statement read(src, "SELECT at, kind, staff_id, detail_json, terminal_id FROM events ORDER BY id");
    sql::Statement insert(dst, "INSERT INTO events(at, kind, staff_id, detail_json, terminal_id) VALUES(?1, ?2, ?3, ?4, ?5)");
    while (read.step()) {
        if (long long& n = known[key(read)]; n > 0) {
            --n;
            continue;
        }
        insert.reset();
        insert.bind(1, read.int64(0)).bind(2, read.text(1)).bind(3, read.text(2)).bind(4, read.text(3)).bind(5, read.text(4)).run();
        ++added.events;
    }
}

// Appends the rows of each source chain that the target does not have yet; false (with `problem`) when a chain differs.
bool merge_chains(sqlite3* src, sqlite3* dst, const std::map<std::string, std::vector<ChainRow>>& chains, MergeCounts& added,
                  std::string& problem) {
    std::int64_t next_seq = 1 + std::max({sql::query_int(dst, "SELECT COALESCE(max(seq), 0) FROM responses"),
                                          sql::query_int(dst, "SELECT COALESCE(max(seq), 0) FROM completions"),
                                          sql::query_int(dst, "SELECT COALESCE(max(seq), 0) FROM ledger")});
    sql::Statement ledger(dst, "INSERT INTO ledger(seq, kind, ref, body_json, at, terminal_id, prev_hash, row_hash) "
                               "VALUES(?1, ?3, ?2, ?4, ?5, ?10, ?11, ?12)");
    sql::Statement recorded(src, "SELECT value FROM settings WHERE key = ?1");
    sql::Statement response(dst, "INSERT INTO responses(seq, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, "
                                 "time_taken_ms, terminal_id, prev_hash, row_hash, fraction, mark) "
                                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    sql::Statement completion(dst, "INSERT INTO completions(seq, attempt_uuid, staff_id, course_id, completed_at, valid_until, points, max_points, "
                                   "code, terminal_id, prev_hash, row_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    sql::Statement head(dst, "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    for (const auto& [terminal, rows] : chains) {
        const std::vector<std::string> have = target_chain(dst, terminal);
        const std::size_t common = std::min(have.size(), rows.size());
        for (std::size_t i = 0; i < common; ++i) {
            if (have[i] != rows[i].row_hash) {
                problem = "terminal " + terminal + ": the target's chain differs from this file's at row " + std::to_string(i + 1) + " (" +
                          short_hash(have[i]) + " there, " + short_hash(rows[i].row_hash) + " here); the two files are not copies of one "
                          "terminal's records";
                return false;
            }
        }
        if (rows.size() <= have.size()) continue;  // the target already has this chain, or a longer copy of it
        for (std::size_t i = have.size(); i < rows.size(); ++i) {
            const ChainRow& r = rows[i];
            sql::Statement& st = r.ledger ? ledger : r.completion ? completion : response;
            st.reset();
            st.bind(1, next_seq++).bind(2, r.attempt_uuid);
            if (r.ledger) {
                st.bind(3, r.item_id).bind(4, r.response_json).bind(5, r.answered_at);
                ++added.ledger;
            } else if (r.completion) {
                st.bind(3, r.staff_id).bind(4, r.course_id).bind(5, r.completed_at).bind(6, r.valid_until).bind(7, r.points).bind(8, r.max_points);
                st.bind(9, r.code);
                ++added.completions;
            } else {
                st.bind(3, r.item_index).bind(4, r.item_id).bind(5, r.response_json).bind(6, r.points).bind(7, r.max_points).bind(8, r.answered_at);
                st.bind(9, r.time_taken_ms);
                if (r.fraction) st.bind(13, *r.fraction);
                else st.bind_null(13);
                if (r.mark) st.bind(14, *r.mark);
                else st.bind_null(14);
                ++added.responses;
            }
            st.bind(10, terminal).bind(11, r.prev_hash).bind(12, r.row_hash).run();
        }
        // The source's recorded head, with the terminal's signature (verified before): the ward file checks as the terminal did.
        recorded.reset();
        recorded.bind(1, chain_head_key(terminal));
        head.reset();
        head.bind(1, chain_head_key(terminal))
            .bind(2, recorded.step() ? recorded.text(0)
                                     : nlohmann::json{{"length", static_cast<std::int64_t>(rows.size())}, {"head", rows.back().row_hash}}.dump())
            .run();
    }
    return true;
}

} // namespace

MergeSourceResult merge_records(sqlite3* target, const std::string& source_path, const EnrolledKeys* enrolled) {
    MergeSourceResult out;
    out.path = source_path;
    sql::Connection source;
    try {
        source = open_records_read_only(source_path);
    } catch (const StoreError& e) {
        out.problems.push_back(e.what());
        return out;
    }
    if (const std::string problem = records_identity_problem(source.get()); !problem.empty()) {
        out.problems.push_back("the file is " + problem);
        return out;
    }
    sql::Transaction snapshot(source.get(), sql::Transaction::Kind::deferred);
    const VerifyReport report = verify_records(source.get(), VerifyOptions{false, enrolled});
    out.heads = report.heads;
    if (!report.ok()) {
        for (const auto& p : report.problems) out.problems.push_back(p.describe());
        return out;
    }

    const auto chains = read_chains(source.get());
    sql::Transaction tx(target);
    try {
        merge_learners(source.get(), target, out.added);
        merge_attempts(source.get(), target, out.added);
        std::string problem;
        if (!merge_chains(source.get(), target, chains, out.added, problem)) {
            out.problems.push_back(problem);
            out.added = MergeCounts{};
            return out;  // the transaction rolls back: nothing of this source is merged
        }
        merge_events(source.get(), target, out.added);
        tx.commit();
    } catch (const StoreError& e) {
        // A row that collides with one of another terminal (same attempt and item, same completion code) lands here too.
        out.problems.push_back(std::string("cannot be merged: ") + e.what());
        out.added = MergeCounts{};
        return out;
    }
    out.merged = true;
    return out;
}

} // namespace kiosk
