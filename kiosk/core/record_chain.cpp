// Hash chain over responses and completions: canonical row content, row hashes, recorded heads and verification.
#include "record_chain.hpp"

#include "hash.hpp"
#include "output_guard.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>

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

// Every chained row in chain order: per terminal, by the shared seq.
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
ORDER BY 3, 2
)SQL";

std::string canonical_of(const sql::Statement& st) {
    const std::string terminal = st.text(2);
    if (st.text(0) == "responses") {
        ResponseRecord r;
        r.attempt_uuid = st.text(3);
        r.item_index = static_cast<int>(st.int64(6));
        r.item_id = st.text(7);
        r.response_json = st.text(8);
        r.points = static_cast<int>(st.int64(9));
        r.max_points = static_cast<int>(st.int64(10));
        r.answered_at = st.int64(11);
        r.time_taken_ms = st.int64(12);
        return canonical_response(r, terminal);
    }
    CompletionRecord c;
    c.attempt_uuid = st.text(3);
    c.points = static_cast<int>(st.int64(9));
    c.max_points = static_cast<int>(st.int64(10));
    c.staff_id = st.text(13);
    c.course_id = st.text(14);
    c.completed_at = st.int64(15);
    c.valid_until = st.int64(16);
    c.code = st.text(17);
    return canonical_completion(c, terminal);
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
    if (uri) return sql::Connection(path, SQLITE_OPEN_READONLY | extra_flags);
    // Immutable where nobody else has the file open and no -wal holds changes: then SQLite takes no lock and creates no
    // -wal or -shm beside the file (a plain read-only open of a WAL database leaves both behind). A live file, or one with
    // a leftover -wal, is read through the WAL; a read-only connection never checkpoints it into the file.
    const auto wal_size = std::filesystem::file_size(path + "-wal", ec);
    const bool wal_pending = !ec && wal_size > 0;
    const bool immutable = !wal_pending && !held_open_by_another_process(path);
    try {
        return sql::Connection(file_uri(path, immutable ? "mode=ro&immutable=1" : "mode=ro"), SQLITE_OPEN_READONLY | extra_flags);
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
        if (heads.empty() || heads.back().terminal_id != st.text(2)) heads.push_back(ChainHead{st.text(2), 0, kGenesisHash});
        heads.back().length += 1;
        heads.back().head = st.text(5);
    }
    return heads;
}

VerifyReport verify_records(sqlite3* db, bool quick) {
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

    std::map<std::string, bool> broken;  // only the first problem of each chain is reported: later rows follow from it
    try {
        sql::Statement st(db, kChainRows);
        std::string expected_prev;
        while (st.step()) {
            const std::string terminal = st.text(2);
            if (report.heads.empty() || report.heads.back().terminal_id != terminal) {
                report.heads.push_back(ChainHead{terminal, 0, kGenesisHash});
                expected_prev = kGenesisHash;
            }
            ChainHead& head = report.heads.back();
            const std::string prev = st.text(4), stored = st.text(5);
            head.length += 1;
            head.head = stored;
            if (broken[terminal]) continue;
            ChainProblem p{st.text(0), st.int64(1), st.text(3), terminal, ""};
            if (p.table == "responses") p.item_index = static_cast<int>(st.int64(6));
            const std::string computed = chain_row_hash(prev, canonical_of(st));
            if (prev != expected_prev)
                p.what = "prev_hash does not match the row before it in the chain (a row was deleted, inserted or moved here)";
            else if (computed != stored)
                p.what = "the row's content does not match its row_hash (a value was changed)";
            expected_prev = stored;
            if (!p.what.empty()) {
                broken[terminal] = true;
                report.problems.push_back(std::move(p));
            }
        }

        // The head recorded after every write catches a truncated tail (and rows appended behind the store's back).
        std::map<std::string, std::pair<std::int64_t, std::string>> recorded;
        sql::Statement rec(db, "SELECT key, value FROM settings WHERE key LIKE 'chain.head.%'");
        while (rec.step()) {
            const std::string terminal = rec.text(0).substr(chain_head_key("").size());
            try {
                const auto v = nlohmann::json::parse(rec.text(1));
                recorded[terminal] = {v.at("length").get<std::int64_t>(), v.at("head").get<std::string>()};
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

        // The attempt row is not chained, but its result must agree with the chained completion written with it.
        sql::Statement agree(db, "SELECT c.seq, c.attempt_uuid, c.terminal_id, c.points, c.max_points, a.points, a.max_points, a.state "
                                 "FROM completions c LEFT JOIN attempts a ON a.uuid = c.attempt_uuid ORDER BY c.terminal_id, c.seq");
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
    } catch (const StoreError& e) {
        report.problems.push_back(ChainProblem{"database", 0, "", "", std::string("cannot read the chain: ") + e.what()});
    }
    return report;
}

} // namespace kiosk
