// Reading a records file for the ward server; the chain hashes are recomputed with the records' canonical form.
#include "source_chain.hpp"

#include "core/record_chain.hpp"
#include "core/sqlite_db.hpp"

namespace kiosk::server {

std::string SourceChain::head() const { return rows.empty() ? kGenesisHash : rows.back().row_hash; }

namespace {

PlainRow plain_row(const sql::Statement& st, int columns) {
    PlainRow row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) row.push_back(st.is_null(i) ? std::nullopt : std::optional<std::string>(st.text(i)));
    return row;
}

// The three chained tables in chain order: per terminal, by the store's seq.
constexpr const char* kRows = R"SQL(
SELECT 0, seq, terminal_id, attempt_uuid, prev_hash, row_hash, item_index, item_id, response_json, points, max_points,
       answered_at, time_taken_ms, NULL, NULL, NULL, NULL, NULL FROM responses
UNION ALL
SELECT 1, seq, terminal_id, attempt_uuid, prev_hash, row_hash, NULL, NULL, NULL, points, max_points, NULL, NULL,
       staff_id, course_id, completed_at, valid_until, code FROM completions
UNION ALL
SELECT 2, seq, terminal_id, ref, prev_hash, row_hash, NULL, kind, body_json, NULL, NULL, at, NULL,
       NULL, NULL, NULL, NULL, NULL FROM ledger
ORDER BY 3, 2
)SQL";

} // namespace

SourceFile read_source_file(sqlite3* db) {
    SourceFile out;
    sql::Statement st(db, kRows);
    while (st.step()) {
        SourceChain& chain = out.chains[st.text(2)];
        chain.terminal_id = st.text(2);
        SourceRow row;
        row.completion = st.int64(0) == 1;
        row.ledger = st.int64(0) == 2;
        row.prev_hash = st.text(4);
        row.row_hash = st.text(5);
        std::string canonical;
        if (row.ledger) {
            LedgerEntry& e = row.ledger_row;
            e.ref = st.text(3);
            e.kind = st.text(7);
            e.body_json = st.text(8);
            e.at = st.int64(11);
            canonical = canonical_ledger(e, chain.terminal_id);
        } else if (row.completion) {
            CompletionRecord& c = row.completion_row;
            c.attempt_uuid = st.text(3);
            c.points = static_cast<int>(st.int64(9));
            c.max_points = static_cast<int>(st.int64(10));
            c.staff_id = st.text(13);
            c.course_id = st.text(14);
            c.completed_at = st.int64(15);
            c.valid_until = st.int64(16);
            c.code = st.text(17);
            canonical = canonical_completion(c, chain.terminal_id);
        } else {
            ResponseRecord& r = row.response;
            r.attempt_uuid = st.text(3);
            r.item_index = static_cast<int>(st.int64(6));
            r.item_id = st.text(7);
            r.response_json = st.text(8);
            r.points = static_cast<int>(st.int64(9));
            r.max_points = static_cast<int>(st.int64(10));
            r.answered_at = st.int64(11);
            r.time_taken_ms = st.int64(12);
            canonical = canonical_response(r, chain.terminal_id);
        }
        if (chain.broken_at == 0) {
            const std::string& expected_prev = chain.rows.empty() ? kGenesisHash : chain.rows.back().row_hash;
            const auto position = static_cast<std::int64_t>(chain.rows.size()) + 1;
            if (row.prev_hash != expected_prev) {
                chain.broken_at = position;
                chain.broken_reason = "its prev_hash does not match the row before it (a row was deleted, inserted or moved)";
            } else if (chain_row_hash(row.prev_hash, canonical) != row.row_hash) {
                chain.broken_at = position;
                chain.broken_reason = "its content does not match its row_hash (a value was changed)";
            }
        }
        chain.rows.push_back(std::move(row));
    }
    {
        sql::Statement a(db, std::string("SELECT ") + kAttemptColumns + " FROM attempts");
        while (a.step()) out.attempts.emplace(a.text(0), plain_row(a, 15));
    }
    {
        sql::Statement l(db, std::string("SELECT ") + kLearnerColumns + " FROM learners");
        while (l.step()) out.learners.emplace(l.text(0), plain_row(l, 6));
    }
    return out;
}

std::vector<std::pair<std::int64_t, PlainRow>> read_source_events(sqlite3* db, std::int64_t after_id) {
    std::vector<std::pair<std::int64_t, PlainRow>> out;
    sql::Statement st(db, "SELECT at, kind, staff_id, detail_json, terminal_id, id FROM events WHERE id > ?1 ORDER BY id");
    st.bind(1, after_id);
    while (st.step()) out.emplace_back(st.int64(5), plain_row(st, 5));
    return out;
}

} // namespace kiosk::server
