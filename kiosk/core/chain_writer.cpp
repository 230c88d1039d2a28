// Appending to a terminal's hash chain with a signed head, and creating or loading the terminal's identity.
#include "chain_writer.hpp"

#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>

namespace kiosk {

ChainWriter::Tail ChainWriter::tail() {
    Tail t{kGenesisHash, 1, 0};
    std::int64_t last_seq = 0;
    for (const char* table : {"responses", "completions", "ledger"}) {
        sql::Statement st(db_, std::string("SELECT seq, row_hash FROM ") + table + " WHERE terminal_id = ?1 ORDER BY seq DESC LIMIT 1");
        st.bind(1, key_.terminal_id);
        if (st.step() && st.int64(0) > last_seq) {
            last_seq = st.int64(0);
            t.head = st.text(1);
        }
    }
    t.next_seq = 1 + std::max({sql::query_int(db_, "SELECT max(seq) FROM responses"), sql::query_int(db_, "SELECT max(seq) FROM completions"),
                               sql::query_int(db_, "SELECT max(seq) FROM ledger")});
    sql::Statement rec(db_, "SELECT value FROM settings WHERE key = ?1");
    rec.bind(1, chain_head_key(key_.terminal_id));
    bool known = false;
    if (rec.step()) {
        try {
            const auto v = nlohmann::json::parse(rec.text(0));
            if (v.at("head").get<std::string>() == t.head) {
                t.length = v.at("length").get<std::int64_t>();
                known = true;
            }
        } catch (const nlohmann::json::exception&) {
        }
    }
    if (!known) {
        sql::Statement count(db_, "SELECT (SELECT count(*) FROM responses WHERE terminal_id = ?1) + (SELECT count(*) FROM completions "
                                  "WHERE terminal_id = ?1) + (SELECT count(*) FROM ledger WHERE terminal_id = ?1)");
        count.bind(1, key_.terminal_id);
        count.step();
        t.length = count.int64(0);
    }
    return t;
}

void ChainWriter::record_head(std::int64_t length, const std::string& head) {
    const nlohmann::json value{{"length", length}, {"head", head},
                               {"signature", sign_hex(key_, chain_head_message(key_.terminal_id, length, head))}};
    sql::Statement st(db_, "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, chain_head_key(key_.terminal_id)).bind(2, value.dump()).run();
}

void ChainWriter::append_response(const ResponseRecord& r) {
    const Tail t = tail();
    const std::string hash = chain_row_hash(t.head, canonical_response(r, key_.terminal_id));
    sql::Statement st(db_, "INSERT INTO responses(seq, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, "
                           "time_taken_ms, terminal_id, prev_hash, row_hash, fraction, mark) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    st.bind(1, t.next_seq).bind(2, r.attempt_uuid).bind(3, r.item_index).bind(4, r.item_id).bind(5, r.response_json);
    st.bind(6, r.points).bind(7, r.max_points).bind(8, r.answered_at).bind(9, r.time_taken_ms).bind(10, key_.terminal_id);
    st.bind(11, t.head).bind(12, hash).bind(13, r.fraction).bind(14, r.mark).run();
    record_head(t.length + 1, hash);
}

void ChainWriter::append_completion(const CompletionRecord& c) {
    const Tail t = tail();
    const std::string hash = chain_row_hash(t.head, canonical_completion(c, key_.terminal_id));
    sql::Statement st(db_, "INSERT INTO completions(seq, attempt_uuid, staff_id, course_id, completed_at, valid_until, points, max_points, "
                           "code, terminal_id, prev_hash, row_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    st.bind(1, t.next_seq).bind(2, c.attempt_uuid).bind(3, c.staff_id).bind(4, c.course_id).bind(5, c.completed_at);
    st.bind(6, c.valid_until).bind(7, c.points).bind(8, c.max_points).bind(9, c.code).bind(10, key_.terminal_id);
    st.bind(11, t.head).bind(12, hash).run();
    record_head(t.length + 1, hash);
}

void ChainWriter::append_ledger(const LedgerEntry& e) {
    const Tail t = tail();
    const std::string hash = chain_row_hash(t.head, canonical_ledger(e, key_.terminal_id));
    sql::Statement st(db_, "INSERT INTO ledger(seq, kind, ref, body_json, at, terminal_id, prev_hash, row_hash) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, t.next_seq).bind(2, e.kind).bind(3, e.ref).bind(4, e.body_json).bind(5, e.at).bind(6, key_.terminal_id);
    st.bind(7, t.head).bind(8, hash).run();
    record_head(t.length + 1, hash);
}

namespace {

bool chain_has_key(sqlite3* db, const std::string& terminal_id) {
    sql::Statement st(db, "SELECT 1 FROM ledger WHERE kind = 'terminal' AND terminal_id = ?1 LIMIT 1");
    st.bind(1, terminal_id);
    return st.step();
}

} // namespace

TerminalKey open_terminal_identity(sqlite3* db, const std::string& terminal_id, const std::string& host_label, EpochMs now) {
    sql::Transaction tx(db);
    std::string id = terminal_id;
    if (id.empty()) {
        id = sql::query_text(db, "SELECT value FROM settings WHERE key = 'terminal.self'").value_or("");
        if (id.empty()) {
            // A file written before terminal keys (schema 1) keeps its chain under the host name: that chain becomes this
            // terminal's, so its first signed head covers the old rows. Otherwise a new random ID.
            sql::Statement old(db, "SELECT 1 WHERE EXISTS (SELECT 1 FROM responses WHERE terminal_id = ?1) OR EXISTS (SELECT 1 FROM completions "
                                   "WHERE terminal_id = ?1)");
            old.bind(1, host_label);
            id = !host_label.empty() && old.step() && !chain_has_key(db, host_label) ? host_label : new_terminal_id();
            sql::Statement self(db, "INSERT INTO settings(key, value) VALUES('terminal.self', ?1)");
            self.bind(1, id).run();
        }
    }
    sql::Statement st(db, "SELECT public_key, secret_key, host_label FROM terminal_keys WHERE terminal_id = ?1");
    st.bind(1, id);
    if (st.step()) {
        TerminalKey key{id, st.text(0), st.is_null(1) ? std::string() : st.text(1), st.text(2)};
        if (!key.can_sign())
            throw StoreError("this file holds the records of terminal " + id + " copied from elsewhere, without its signing key; it cannot "
                             "be written as that terminal (leave terminal_id unset so this file writes under its own ID)",
                             SQLITE_READONLY);
        tx.commit();
        return key;
    }
    if (chain_has_key(db, id))
        throw StoreError("this file holds the chain of terminal " + id + " merged from another file, signed by that terminal's key; it "
                         "cannot be written as that terminal (leave terminal_id unset so this file writes under its own ID)",
                         SQLITE_READONLY);
    TerminalKey key = new_terminal_key(id, host_label);
    sql::Statement ins(db, "INSERT INTO terminal_keys(terminal_id, public_key, secret_key, host_label, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    ins.bind(1, id).bind(2, key.public_key).bind(3, key.secret_key).bind(4, host_label).bind(5, now).run();
    ChainWriter writer(db, key);
    writer.append_ledger(LedgerEntry{"terminal", id, nlohmann::json{{"public_key", key.public_key}, {"host", host_label}}.dump(), now});
    tx.commit();
    return key;
}

} // namespace kiosk
