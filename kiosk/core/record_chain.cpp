// Hash chain over responses and completions: canonical row content, row hashes, recorded heads and verification.
#include "record_chain.hpp"

#include "chain_walk.hpp"
#include "hash.hpp"
#include "record_evidence.hpp"
#include "output_guard.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>

#include <algorithm>
#include <map>

namespace kiosk {

std::string canonical_response(const ResponseRecord& r, const std::string& terminal_id) {
    return nlohmann::json::array({"responses", r.attempt_uuid, r.item_index, r.item_id, r.response_json, r.points, r.max_points,
                                  r.answered_at, r.time_taken_ms, terminal_id})
        .dump();
}

std::string canonical_completion(const CompletionRecord& c, const std::string& terminal_id) {
    return nlohmann::json::array({"completions", c.attempt_uuid, c.staff_id, c.course_id, c.completed_at, c.valid_until, c.points,
                                  c.max_points, c.code, terminal_id})
        .dump();
}

std::string canonical_ledger(const LedgerEntry& e, const std::string& terminal_id) {
    return nlohmann::json::array({"ledger", e.kind, e.ref, e.body_json, e.at, terminal_id}).dump();
}

std::string chain_row_hash(const std::string& prev_hash, const std::string& canonical) {
    return sha256_hex(prev_hash + "\n" + canonical);
}

std::string chain_head_key(const std::string& terminal_id) { return "chain.head." + terminal_id; }

std::string ChainProblem::describe() const {
    std::string s = table;
    if (seq) s += " seq " + std::to_string(seq);
    if (!terminal_id.empty()) s += " (terminal " + terminal_id + ")";
    if (!attempt_uuid.empty()) s += " attempt " + attempt_uuid;
    if (item_index >= 0) s += " item " + std::to_string(item_index);
    return s + ": " + what;
}

namespace {

// Every chained row in chain order: per terminal, by the shared seq. Ledger rows carry kind, ref, body and time in
// the columns of item_id, attempt_uuid, response_json and answered_at.
constexpr const char* kChainRows = R"SQL(
SELECT 'responses' AS tbl, seq, terminal_id, attempt_uuid, prev_hash, row_hash,
       item_index, item_id, response_json, points, max_points, answered_at, time_taken_ms,
       NULL, NULL, NULL, NULL, NULL
  FROM responses
UNION ALL
SELECT 'completions', seq, terminal_id, attempt_uuid, prev_hash, row_hash,
       NULL, NULL, NULL, points, max_points, NULL, NULL,
       staff_id, course_id, completed_at, valid_until, code
  FROM completions
UNION ALL
SELECT 'ledger', seq, terminal_id, ref, prev_hash, row_hash,
       NULL, kind, body_json, NULL, NULL, at, NULL,
       NULL, NULL, NULL, NULL, NULL
  FROM ledger
ORDER BY 3, 2
)SQL";

// Per terminal during the walk: its head so far, the hash the next row must follow, and whether a problem was
// reported (only the first of each chain: the rows after it follow from it).
struct Walk {
    ChainHead head;
    std::string expected_prev = kGenesisHash;
    bool broken = false;
};

// Starts each listed terminal at its verified head: the row at that seq must still be the terminal's, with that hash,
// and the chain that long. Returns false (and starts no terminal) when one does not, or a chain is not listed.
bool start_from_verified(sqlite3* db, const std::vector<ChainHead>& verified, std::map<std::string, Walk, std::less<>>& walks,
                                 std::vector<ChainProblem>& problems) {
    sql::Statement row(db, "SELECT row_hash FROM responses WHERE seq = ?1 AND terminal_id = ?2 UNION ALL SELECT row_hash FROM completions "
                           "WHERE seq = ?1 AND terminal_id = ?2 UNION ALL SELECT row_hash FROM ledger WHERE seq = ?1 AND terminal_id = ?2");
    sql::Statement count(db, "SELECT (SELECT count(*) FROM responses WHERE terminal_id = ?1 AND seq <= ?2) + (SELECT count(*) FROM completions "
                             "WHERE terminal_id = ?1 AND seq <= ?2) + (SELECT count(*) FROM ledger WHERE terminal_id = ?1 AND seq <= ?2)");
    sql::Statement key(db, "SELECT body_json FROM ledger WHERE kind = 'terminal' AND terminal_id = ?1 AND ref = ?1 ORDER BY seq LIMIT 1");
    for (const auto& v : verified) {
        row.reset();
        row.bind(1, v.last_seq).bind(2, v.terminal_id);
        const bool found = row.step() && row.text(0) == v.head;
        count.reset();
        count.bind(1, v.terminal_id).bind(2, v.last_seq);
        count.step();
        if (!found || count.int64(0) != v.length) {
            problems.push_back(ChainProblem{"chain", v.last_seq, "", v.terminal_id,
                                            "the chain no longer passes through the head verified before (" + std::to_string(v.length) +
                                                " rows ending in " + v.head.substr(0, 16) + "… at seq " + std::to_string(v.last_seq) +
                                                "): its history was rewritten or cut; run `kiosk verify --full`"});
            walks.clear();
            return false;  // walk everything from the start
        }
        Walk w{v, v.head, false};
        w.head.signed_ok = false;
        w.head.public_key.clear();
        key.reset();
        key.bind(1, v.terminal_id);
        if (key.step()) {
            try {
                w.head.public_key = nlohmann::json::parse(key.text(0)).at("public_key").get<std::string>();
            } catch (const nlohmann::json::exception&) {
            }
        }
        walks.insert_or_assign(v.terminal_id, std::move(w));
    }
    // A chain the list does not know (a new terminal) is walked from its start.
    sql::Statement recorded(db, "SELECT substr(key, 12) FROM settings WHERE key LIKE 'chain.head.%'");
    while (recorded.step())
        if (walks.find(recorded.text(0)) == walks.end())
            walks.emplace(recorded.text(0), Walk{ChainHead{recorded.text(0), 0, kGenesisHash, "", false, 0}, kGenesisHash, false});
    return !walks.empty();
}

// Each chain's recorded head must be signed by the key in the chain's `terminal` row; with enrolled keys, that key must
// be the one the ward enrolled for the terminal. The signature covers the head, and the head every row before it.
void check_signatures(VerifyReport& report, const std::map<std::string, std::pair<std::int64_t, std::string>>& recorded,
                      const std::map<std::string, std::string>& signatures, const EnrolledKeys* enrolled) {
    for (auto& h : report.heads) {
        const auto rec = recorded.find(h.terminal_id);
        const auto sig = signatures.find(h.terminal_id);
        const bool head_matches = rec != recorded.end() && rec->second.first == h.length && rec->second.second == h.head;
        if (!h.public_key.empty() && rec != recorded.end()) {  // a missing recorded head is reported already
            if (sig == signatures.end()) {
                report.problems.push_back(ChainProblem{"settings", 0, "", h.terminal_id,
                                                       "the recorded chain head carries no signature, though the chain has a terminal key"});
            } else if (head_matches) {
                h.signed_ok = signature_valid(h.public_key, chain_head_message(h.terminal_id, h.length, h.head), sig->second);
                if (!h.signed_ok)
                    report.problems.push_back(ChainProblem{"settings", 0, "", h.terminal_id,
                                                           "the chain head's signature is not valid for the terminal's key (the head was "
                                                           "rewritten without the terminal's signing key)"});
            }
        }
        if (!enrolled) continue;
        const auto it = enrolled->public_key_by_terminal.find(h.terminal_id);
        ChainProblem p{"chain", 0, "", h.terminal_id, ""};
        if (it == enrolled->public_key_by_terminal.end())
            p.what = "terminal " + h.terminal_id + " is not enrolled in " + enrolled->path +
                     " (a terminal the ward does not know: its records are refused; enrol it with the line `kiosk enroll` prints on it)";
        else if (h.public_key.empty())
            p.what = "the chain is not signed (no terminal key); only chains signed by an enrolled key are accepted";
        else if (h.public_key != it->second)
            p.what = "the chain is signed by key " + h.public_key.substr(0, 16) + "…, not by the key enrolled for this terminal (" +
                     it->second.substr(0, 16) + "…)";
        if (!p.what.empty()) report.problems.push_back(std::move(p));
    }
}

} // namespace

namespace {

// A file: URI for `path` (the characters SQLite's URI parser treats specially are %-escaped).
std::string file_uri(const std::string& path, const char* query) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static const char* hex = "0123456789ABCDEF";
            uri += '%';
            uri += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
            uri += hex[static_cast<unsigned char>(c) & 0xf];
        } else {
            uri += c;
        }
    }
    return uri + "?" + query;
}

} // namespace

sql::Connection open_records_read_only(const std::string& path, int extra_flags) {
    const bool uri = path.rfind("file:", 0) == 0;
    std::error_code ec;
    if (!uri && std::filesystem::is_directory(path, ec))
        throw StoreError(path + " is a folder, not a records file", SQLITE_CANTOPEN);
    if (!uri && !std::filesystem::is_regular_file(path, ec))
        throw StoreError("no records file at " + path, SQLITE_CANTOPEN);
    // One thread uses each connection (no per-call mutex), and pages are read through a memory map instead of copied by
    // read(): verify's walk over a million rows spent a fifth of its time in those two.
    extra_flags |= SQLITE_OPEN_NOMUTEX;
    const auto mapped = [](sql::Connection conn) {
        sqlite3_exec(conn.get(), "PRAGMA mmap_size = 4294967296", nullptr, nullptr, nullptr);  // best effort: a plain read otherwise
        return conn;
    };
    if (uri) return mapped(sql::Connection(path, SQLITE_OPEN_READONLY | extra_flags));
    // Immutable where nobody else has the file open and no -wal holds changes: then SQLite takes no lock and creates no
    // -wal or -shm beside the file (a plain read-only open of a WAL database leaves both behind). A live file, or one with
    // a leftover -wal, is read through the WAL; a read-only connection never checkpoints it into the file.
    const auto wal_size = std::filesystem::file_size(path + "-wal", ec);
    const bool wal_pending = !ec && wal_size > 0;
    const bool immutable = !wal_pending && !held_open_by_another_process(path);
    try {
        return mapped(sql::Connection(file_uri(path, immutable ? "mode=ro&immutable=1" : "mode=ro"), SQLITE_OPEN_READONLY | extra_flags));
    } catch (const StoreError& e) {
        if (wal_pending && (e.sqlite_code() & 0xff) == SQLITE_CANTOPEN)
            throw StoreError(path + " has a -wal file beside it with changes not yet in the file, and this user cannot create its -shm "
                                    "index in that folder (permissions). Copy the file with its -wal to a folder you can write, "
                                    "or run the command as the kiosk user.",
                             SQLITE_CANTOPEN);
        throw;
    }
}

std::string records_identity_problem(sqlite3* db) {
    try {
        sql::Statement st(db, "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)");
        st.step();
        if (st.int64(0) != kRecordsApplicationId)
            return "not a Chiyoda kiosk records database (application_id " + std::to_string(st.int64(0)) + ")";
        if (st.int64(1) > kRecordsSchemaVersion)
            return "written by a newer kiosk version (schema " + std::to_string(st.int64(1)) + ", this kiosk knows " +
                   std::to_string(kRecordsSchemaVersion) + ")";
        if (st.int64(1) < kRecordsSchemaVersion)
            return "of an older schema (" + std::to_string(st.int64(1)) + "); open it once with this kiosk version to upgrade it";
        return "";
    } catch (const StoreError& e) {
        return std::string("unreadable: ") + e.what();
    }
}

std::vector<ChainHead> chain_heads(sqlite3* db) {
    std::vector<ChainHead> heads;
    sql::Statement st(db, kChainRows);
    while (st.step()) {
        if (heads.empty() || heads.back().terminal_id != st.text(2)) heads.push_back(ChainHead{st.text(2), 0, kGenesisHash, "", false, 0});
        heads.back().length += 1;
        heads.back().head = st.text(5);
    }
    return heads;
}

VerifyReport verify_records(sqlite3* db, bool quick) { return verify_records(db, VerifyOptions{quick, nullptr}); }

VerifyReport verify_records(sqlite3* db, const VerifyOptions& options) {
    const bool quick = options.quick;
    VerifyReport report;
    {
        std::string check;
        try {
            sql::Statement st(db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check");
            while (st.step()) check += (check.empty() ? "" : "; ") + st.text(0);
        } catch (const StoreError& e) {
            check = e.what();
        }
        report.integrity_ok = check == "ok";
        report.integrity_message = check;
        if (!report.integrity_ok) report.problems.push_back(ChainProblem{"database", 0, "", "", "integrity check: " + check});
    }

    try {
        // Per terminal: its head so far, the hash the next row must follow, and whether a problem was reported (only
        // the first of each chain: the rows after it follow from it). Rows come in seq order across terminals.
        std::map<std::string, Walk, std::less<>> walks;
        std::vector<ChainProblem> chain_problems;
        const bool per_terminal = options.verified_before && start_from_verified(db, *options.verified_before, walks, chain_problems);
        const auto visit = [&](const WalkedRow& row) {
            auto it = walks.find(row.terminal);
            if (it == walks.end())
                it = walks.emplace(std::string(row.terminal), Walk{ChainHead{std::string(row.terminal), 0, kGenesisHash, "", false, 0}}).first;
            Walk& w = it->second;
            if (row.seq <= w.head.last_seq) return;  // before this terminal's verified head
            w.head.last_seq = row.seq;
            w.head.length += 1;
            w.head.head.assign(row.row_hash);
            if (row.table == "ledger" && row.kind == "terminal") {
                std::string key;
                try {
                    key = nlohmann::json::parse(row.body).at("public_key").get<std::string>();
                } catch (const nlohmann::json::exception&) {
                }
                if (w.head.public_key.empty() && row.ref == row.terminal) w.head.public_key = key;
                else if (key != w.head.public_key)
                    chain_problems.push_back(ChainProblem{"ledger", row.seq, "", w.head.terminal_id,
                                                          "a second terminal key in one chain (a chain has one key, written in its first row)"});
            }
            const bool follows = row.prev_hash == w.expected_prev;
            w.expected_prev.assign(row.row_hash);
            if (w.broken || (follows && row.hash_matches)) return;
            ChainProblem p{std::string(row.table), row.seq, std::string(row.ref), w.head.terminal_id, ""};
            if (row.table == "ledger") p.attempt_uuid = row.kind == "terminal" || row.kind == "event" ? "" : std::string(row.ref);
            p.item_index = row.item_index;
            p.what = !follows ? "prev_hash does not match the row before it in the chain (a row was deleted, inserted or moved here)"
                              : "the row's content does not match its row_hash (a value was changed)";
            w.broken = true;
            chain_problems.push_back(std::move(p));
        };
        if (per_terminal) {
            std::vector<std::pair<std::string, std::int64_t>> starts;
            for (const auto& [terminal, w] : walks) starts.emplace_back(terminal, w.head.last_seq);
            for (const auto& [terminal, after] : starts) walk_chain_rows(db, visit, after, &terminal);
        } else {
            walk_chain_rows(db, visit);
        }
        for (auto& [terminal, w] : walks) report.heads.push_back(std::move(w.head));
        std::stable_sort(chain_problems.begin(), chain_problems.end(),
                         [](const ChainProblem& a, const ChainProblem& b) { return a.terminal_id < b.terminal_id; });
        for (auto& p : chain_problems) report.problems.push_back(std::move(p));

        // The head recorded after every write catches a truncated tail (and rows appended behind the store's back).
        std::map<std::string, std::pair<std::int64_t, std::string>> recorded;
        std::map<std::string, std::string> signatures;
        sql::Statement rec(db, "SELECT key, value FROM settings WHERE key LIKE 'chain.head.%'");
        while (rec.step()) {
            const std::string terminal = rec.text(0).substr(chain_head_key("").size());
            try {
                const auto v = nlohmann::json::parse(rec.text(1));
                recorded[terminal] = {v.at("length").get<std::int64_t>(), v.at("head").get<std::string>()};
                if (v.contains("signature")) signatures[terminal] = v.at("signature").get<std::string>();
            } catch (const nlohmann::json::exception&) {
                report.problems.push_back(ChainProblem{"settings", 0, "", terminal, "the recorded chain head is unreadable"});
            }
        }
        for (const auto& h : report.heads) {
            const auto it = recorded.find(h.terminal_id);
            if (it == recorded.end()) {
                report.problems.push_back(ChainProblem{"settings", 0, "", h.terminal_id, "no recorded chain head for this terminal's rows"});
            } else if (it->second.first != h.length || it->second.second != h.head) {
                report.problems.push_back(ChainProblem{
                    "settings", 0, "", h.terminal_id,
                    "the chain has " + std::to_string(h.length) + " rows ending in " + h.head.substr(0, 16) + "…, but " +
                        std::to_string(it->second.first) + " rows ending in " + it->second.second.substr(0, 16) +
                        "… were recorded (rows were removed from or added to the end)"});
            }
        }
        for (const auto& [terminal, value] : recorded) {
            bool found = false;
            for (const auto& h : report.heads) found = found || h.terminal_id == terminal;
            if (!found && value.first > 0)
                report.problems.push_back(ChainProblem{"settings", 0, "", terminal,
                                                       std::to_string(value.first) + " rows were recorded but none are left"});
        }

        check_signatures(report, recorded, signatures, options.enrolled);

        // The attempt row is not chained, but its result must agree with the chained completion written with it.
        sql::Statement agree(db, "SELECT c.seq, c.attempt_uuid, c.terminal_id, c.points, c.max_points, a.points, a.max_points, a.state "
                                 "FROM completions c LEFT JOIN attempts a ON a.uuid = c.attempt_uuid "
                                 // attempts with chained ledger rows are checked against those (evidence_problems)
                                 "WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.ref = c.attempt_uuid AND l.kind = 'attempt') "
                                 "ORDER BY c.terminal_id, c.seq");
        while (agree.step()) {
            ChainProblem p{"attempts", 0, agree.text(1), agree.text(2), ""};
            if (agree.is_null(7))
                p.what = "the attempt of completion seq " + std::to_string(agree.int64(0)) + " is missing";
            else if (agree.is_null(5) || agree.int64(3) != agree.int64(5) || agree.int64(4) != agree.int64(6) || agree.text(7) != "finished")
                p.what = "the attempt's result (" + (agree.is_null(5) ? std::string("none") : std::to_string(agree.int64(5))) + "/" +
                         (agree.is_null(6) ? std::string("none") : std::to_string(agree.int64(6))) + ", " + agree.text(7) +
                         ") does not match its chained completion seq " + std::to_string(agree.int64(0)) + " (" +
                         std::to_string(agree.int64(3)) + "/" + std::to_string(agree.int64(4)) + ", finished)";
            if (!p.what.empty()) report.problems.push_back(std::move(p));
        }
        for (auto& p : evidence_problems(db)) report.problems.push_back(std::move(p));
    } catch (const StoreError& e) {
        report.problems.push_back(ChainProblem{"database", 0, "", "", std::string("cannot read the chain: ") + e.what()});
    }
    return report;
}

} // namespace kiosk
