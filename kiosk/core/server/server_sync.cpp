// Ingest of a terminal's records into the ward server: fork and tamper checks, batched chain rows, checkpoints, and
// the acknowledged position written back only after the server's commit.
#include "server_sync.hpp"

#include "server_schema.hpp"
#include "source_chain.hpp"

#include "core/record_chain.hpp"
#include "core/sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <set>

namespace kiosk::server {

std::string ack_key(const std::string& terminal_id) { return "server.ack." + terminal_id; }

bool SyncResult::ok() const {
    if (!error.empty()) return false;
    for (const auto& t : terminals)
        if (!t.refusal.empty()) return false;
    return true;
}

namespace {

constexpr const char* kEventsAckKey = "server.ack.events";

std::string short_hash(const std::string& h) { return h.substr(0, 16) + "…"; }

// A PostgreSQL text[] literal.
std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& s : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char ch : s) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }
    return out + "}";
}

std::vector<pg::Param> params_of(const PlainRow& row) { return {row.begin(), row.end()}; }

void write_local_setting(const std::string& path, const std::string& key, const std::string& value) {
    sql::Connection db(path, SQLITE_OPEN_READWRITE);
    sql::Statement st(db.get(), "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

void record_refusal(pg::Connection& server, const std::string& terminal, const std::string& reason) {
    try {
        server.exec("UPDATE terminals SET last_refusal = $2, last_refusal_at = now() WHERE terminal_id = $1", {terminal, reason});
    } catch (const pg::ServerError&) {
        // The reason is still printed; the server could not keep it (it went away).
    }
}

// What the server knows of the attempts and people of this file.
struct ServerKnown {
    std::map<std::string, std::string> attempt_state;  // uuid → state
    std::map<std::string, std::int64_t> learner_updated;
};

ServerKnown server_known(pg::Connection& server, const SourceFile& file) {
    ServerKnown k;
    std::vector<std::string> uuids, staff;
    for (const auto& [uuid, row] : file.attempts) uuids.push_back(uuid);
    for (const auto& [id, row] : file.learners) staff.push_back(id);
    const auto a = server.exec("SELECT uuid, state FROM attempts WHERE uuid = ANY($1::text[])", {text_array(uuids)});
    for (int i = 0; i < a.rows(); ++i) k.attempt_state[a.text(i, 0)] = a.text(i, 1);
    const auto l = server.exec("SELECT staff_id, updated_at FROM learners WHERE staff_id = ANY($1::text[])", {text_array(staff)});
    for (int i = 0; i < l.rows(); ++i) k.learner_updated[l.text(i, 0)] = l.int64(i, 1);
    return k;
}

class Pusher {
public:
    Pusher(pg::Connection& server, const SourceFile& file, ServerKnown& known, SyncResult& result)
        : server_(server), file_(file), known_(known), result_(result) {}

    // The person, inserted when the server does not have them.
    void ensure_learner(const std::string& staff_id) {
        if (known_.learner_updated.count(staff_id)) return;
        const auto it = file_.learners.find(staff_id);
        const PlainRow row = it != file_.learners.end() ? it->second : PlainRow{staff_id, "", "", "", "0", "0"};
        const auto r = server_.exec(std::string("INSERT INTO learners(") + kLearnerColumns +
                                        ") VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT (staff_id) DO NOTHING RETURNING 1",
                                    params_of(row));
        result_.learners_added += r.rows();
        known_.learner_updated[staff_id] = std::stoll(row[5].value_or("0"));
        batch_learners_.push_back(staff_id);
    }

    // The attempt, inserted as the file has it when the server does not have it.
    void ensure_attempt(const std::string& uuid) {
        if (known_.attempt_state.count(uuid)) return;
        const auto it = file_.attempts.find(uuid);
        if (it == file_.attempts.end()) throw pg::ServerError("attempt " + uuid + " of a chained row is missing from the file");
        ensure_learner(*it->second[1]);
        const auto r = server_.exec(std::string("INSERT INTO attempts(") + kAttemptColumns +
                                        ") VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
                                        "ON CONFLICT (uuid) DO NOTHING RETURNING 1",
                                    params_of(it->second));
        result_.attempts_added += r.rows();
        known_.attempt_state[uuid] = *it->second[14];
        batch_attempts_.push_back(uuid);
    }

    // A new batch starts: what the last one inserted is on the server.
    void start_batch() {
        batch_attempts_.clear();
        batch_learners_.clear();
    }
    // The batch was rolled back: what it inserted is not on the server.
    void forget_batch() {
        for (const auto& u : batch_attempts_) known_.attempt_state.erase(u);
        for (const auto& l : batch_learners_) known_.learner_updated.erase(l);
        start_batch();
    }

    // The rows of one batch, in chain order, after the attempts they refer to; one pipelined round trip per 500 rows.
    void insert_rows(const std::string& terminal, std::int64_t first_position, const std::vector<SourceRow>& rows, std::size_t from, std::size_t to) {
        static const std::string kCompletion =
            "INSERT INTO completions(terminal_id, seq, attempt_uuid, staff_id, course_id, completed_at, valid_until, points, max_points, code, "
            "prev_hash, row_hash) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
        static const std::string kResponse =
            "INSERT INTO responses(terminal_id, seq, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, "
            "time_taken_ms, prev_hash, row_hash) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
        static const std::string kLedger =
            "INSERT INTO ledger(terminal_id, seq, kind, ref, body_json, at, prev_hash, row_hash) VALUES($1, $2, $3, $4, $5, $6, $7, $8)";
        std::vector<pg::Connection::Queued> queued;
        queued.reserve(to - from);
        auto position = first_position;
        for (std::size_t i = from; i < to; ++i, ++position) {
            const SourceRow& row = rows[i];
            if (row.ledger) {
                const LedgerEntry& e = row.ledger_row;
                queued.push_back({&kLedger, {terminal, pg::p(position), e.kind, e.ref, e.body_json, pg::p(e.at), row.prev_hash, row.row_hash}});
            } else if (row.completion) {
                const CompletionRecord& c = row.completion_row;
                ensure_attempt(c.attempt_uuid);
                queued.push_back({&kCompletion, {terminal, pg::p(position), c.attempt_uuid, c.staff_id, c.course_id, pg::p(c.completed_at),
                                                 pg::p(c.valid_until), pg::p(c.points), pg::p(c.max_points), c.code, row.prev_hash, row.row_hash}});
            } else {
                const ResponseRecord& r = row.response;
                ensure_attempt(r.attempt_uuid);
                queued.push_back({&kResponse, {terminal, pg::p(position), r.attempt_uuid, pg::p(r.item_index), r.item_id, r.response_json,
                                               pg::p(r.points), pg::p(r.max_points), pg::p(r.answered_at), pg::p(r.time_taken_ms), row.prev_hash,
                                               row.row_hash}});
            }
        }
        server_.exec_pipelined(queued);
    }

    // The newer state of attempts and people that the chained rows did not bring: closed attempts, suspended ones,
    // roster entries.
    void update_state() {
        for (const auto& [uuid, row] : file_.attempts) {
            const auto it = known_.attempt_state.find(uuid);
            if (it == known_.attempt_state.end()) {
                ensure_attempt(uuid);
                continue;
            }
            if (it->second == *row[14] || (it->second != "in_progress" && it->second != "suspended")) continue;
            const auto r = server_.exec("SELECT update_attempt($1, $2, $3, $4, $5, $6, $7)", {uuid, row[8], row[9], row[10], row[11], row[12], row[14]});
            result_.attempts_updated += r.int64(0, 0);
            it->second = *row[14];
        }
        for (const auto& [staff_id, row] : file_.learners) {
            const auto it = known_.learner_updated.find(staff_id);
            if (it == known_.learner_updated.end()) {
                ensure_learner(staff_id);
                continue;
            }
            const std::int64_t updated = std::stoll(row[5].value_or("0"));
            if (updated <= it->second || row[1].value_or("").empty()) continue;
            const auto r = server_.exec("SELECT update_learner($1, $2, $3, $4, $5, $6)", params_of(row));
            result_.learners_updated += r.int64(0, 0);
            it->second = updated;
        }
    }

private:
    pg::Connection& server_;
    const SourceFile& file_;
    ServerKnown& known_;
    SyncResult& result_;
    std::vector<std::string> batch_attempts_, batch_learners_;
};

// Why this chain may not be appended to what the server holds ("" when it extends it); `server_length` and
// `server_head` are the server's.
std::string fork_reason(pg::Connection& server, const SourceChain& chain, std::int64_t server_length, const std::string& server_head) {
    const auto local = static_cast<std::int64_t>(chain.rows.size());
    if (server_length == 0) return "";
    if (local >= server_length) {
        const std::string& mine = chain.rows[static_cast<std::size_t>(server_length - 1)].row_hash;
        if (mine == server_head) return "";
        return "fork: row " + std::to_string(server_length) + " of this file (" + short_hash(mine) + ") is not the row the server holds there (" +
               short_hash(server_head) + "); the file is not a continuation of what this terminal sent before (restored from an older "
               "backup and written again, a second terminal with the same ID, or rewritten history). Nothing was merged";
    }
    if (local == 0) return "";  // an empty file adds nothing and contradicts nothing
    const auto r = server.exec("SELECT row_hash FROM (SELECT seq, row_hash FROM responses WHERE terminal_id = $1 AND seq = $2 UNION ALL "
                               "SELECT seq, row_hash FROM completions WHERE terminal_id = $1 AND seq = $2 UNION ALL "
                               "SELECT seq, row_hash FROM ledger WHERE terminal_id = $1 AND seq = $2) x",
                               {chain.terminal_id, pg::p(local)});
    if (r.rows() == 1 && r.text(0, 0) == chain.head()) return "";  // an older copy: nothing new
    return "fork: this file has " + std::to_string(local) + " rows ending in " + short_hash(chain.head()) + ", but the server's row " +
           std::to_string(local) + " is " + (r.rows() ? short_hash(r.text(0, 0)) : std::string("missing")) +
           "; the file is not a copy of what this terminal sent. Nothing was merged";
}

void push_chain(const std::string& path, pg::Connection& server, const SourceChain& chain, Pusher& pusher, const SyncOptions& o,
                TerminalSyncResult& t) {
    const std::string& terminal = chain.terminal_id;
    t.terminal_id = terminal;
    t.local_rows = static_cast<std::int64_t>(chain.rows.size());
    server.exec("INSERT INTO terminals(terminal_id) VALUES($1) ON CONFLICT (terminal_id) DO NOTHING", {terminal});
    const auto held = server.exec("SELECT length, head FROM terminals WHERE terminal_id = $1", {terminal});
    t.server_before = t.server_after = held.int64(0, 0);
    const std::string server_head = held.text(0, 1);
    if (chain.broken_at > 0) {
        t.refusal = "tampered: row " + std::to_string(chain.broken_at) + " of this file's chain does not check out: " + chain.broken_reason +
                    ". Nothing was merged";
    } else {
        t.refusal = fork_reason(server, chain, t.server_before, server_head);
    }
    if (!t.refusal.empty()) {
        record_refusal(server, terminal, t.refusal);
        return;
    }
    for (auto position = t.server_before; position < t.local_rows;) {
        const auto end = std::min<std::int64_t>(t.local_rows, position + static_cast<std::int64_t>(o.batch_rows));
        pusher.start_batch();
        pg::Transaction tx(server);
        try {
            pusher.insert_rows(terminal, position + 1, chain.rows, static_cast<std::size_t>(position), static_cast<std::size_t>(end));
        } catch (const pg::ServerError& e) {
            if (e.sqlstate() != "23505") throw;  // unique_violation: the row is already on the server in another chain
            pusher.forget_batch();
            tx.rollback();
            t.refusal = "replay: rows of this chain are already on the server in another terminal's chain (" + std::string(e.what()) +
                        "). Nothing more of this terminal was merged";
            record_refusal(server, terminal, t.refusal);
            return;
        }
        const std::string& head = chain.rows[static_cast<std::size_t>(end - 1)].row_hash;
        server.exec("INSERT INTO chain_checkpoints(terminal_id, length, head) VALUES($1, $2, $3)", {terminal, pg::p(end), head});
        server.exec("UPDATE terminals SET last_sync = now() WHERE terminal_id = $1", {terminal});
        tx.commit();
        ++t.batches;
        t.server_after = position = end;
        // Only now, after the server's commit: a crash before this line leaves the ack behind, never ahead.
        if (o.write_ack) write_local_setting(path, ack_key(terminal), nlohmann::json{{"length", end}, {"head", head}}.dump());
    }
    if (t.batches == 0) server.exec("UPDATE terminals SET last_sync = now() WHERE terminal_id = $1", {terminal});
}

} // namespace

SyncResult sync_records(const std::string& path, pg::Connection& server, const SyncOptions& o) {
    SyncResult result;
    try {
        require_server_schema(server);
        SourceFile file;
        std::vector<std::pair<std::int64_t, PlainRow>> events;
        {
            const sql::Connection db = open_records_read_only(path);
            if (const std::string problem = records_identity_problem(db.get()); !problem.empty()) {
                result.error = path + " is " + problem;
                return result;
            }
            sql::Transaction snapshot(db.get(), sql::Transaction::Kind::deferred);
            file = read_source_file(db.get());
            std::int64_t events_ack = 0;
            if (o.write_ack)
                if (const auto v = sql::query_text(db.get(), std::string("SELECT value FROM settings WHERE key = '") + kEventsAckKey + "'"))
                    events_ack = std::stoll(*v);
            events = read_source_events(db.get(), events_ack);
        }
        ServerKnown known = server_known(server, file);
        Pusher pusher(server, file, known, result);
        std::set<std::string> refused;
        for (const auto& [terminal, chain] : file.chains) {
            result.terminals.emplace_back();
            push_chain(path, server, chain, pusher, o, result.terminals.back());
            if (!result.terminals.back().refusal.empty()) refused.insert(terminal);
        }
        // Attempts, people and events of refused terminals stay out too: never merged silently.
        SourceFile accepted = file;
        for (auto it = accepted.attempts.begin(); it != accepted.attempts.end();)
            it = refused.count(*it->second[13]) ? accepted.attempts.erase(it) : std::next(it);
        if (!refused.empty()) {  // people then come only with the attempts that were accepted
            std::set<std::string> people;
            for (const auto& [uuid, row] : accepted.attempts) people.insert(*row[1]);
            for (auto it = accepted.learners.begin(); it != accepted.learners.end();)
                it = people.count(it->first) ? std::next(it) : accepted.learners.erase(it);
        }
        Pusher state(server, accepted, known, result);
        pg::Transaction tx(server);
        state.update_state();
        std::int64_t last_event = 0;
        for (const auto& [id, row] : events) {
            last_event = id;
            if (refused.count(*row[4])) continue;
            const auto r = server.exec("INSERT INTO events(at, kind, staff_id, detail_json, terminal_id) VALUES($1, $2, $3, $4, $5) "
                                       "ON CONFLICT (content_key) DO NOTHING RETURNING 1",
                                       params_of(row));
            result.events_added += r.rows();
        }
        tx.commit();
        if (o.write_ack && last_event > 0 && refused.empty()) write_local_setting(path, kEventsAckKey, std::to_string(last_event));
    } catch (const pg::ServerError& e) {
        result.error = e.what();
    } catch (const StoreError& e) {
        result.error = std::string("the records file: ") + e.what();
    }
    return result;
}

} // namespace kiosk::server
