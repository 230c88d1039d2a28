// Ledger bodies and the comparison of the attempts and events tables with their chained ledger rows.
#include "record_evidence.hpp"

#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace kiosk {

std::string attempt_ledger_body(const std::string& staff_id, const std::string& course_id, const std::string& mode, std::int64_t seed,
                                const std::string& guideline_hash, const std::string& items_json, EpochMs started_at) {
    return nlohmann::json{{"staff_id", staff_id}, {"course_id", course_id}, {"mode", mode},          {"seed", seed},
                          {"guideline_hash", guideline_hash}, {"items_json", items_json}, {"started_at", started_at}}
        .dump();
}

std::string state_ledger_body(const std::string& state) { return nlohmann::json{{"state", state}}.dump(); }

std::string result_ledger_body(EpochMs finished_at, std::int64_t points, std::int64_t max_points, bool passed, bool completed,
                               const std::string& state) {
    return nlohmann::json{{"finished_at", finished_at}, {"points", points}, {"max_points", max_points},
                          {"passed", passed},           {"completed", completed}, {"state", state}}
        .dump();
}

std::string event_ledger_body(const std::string& kind, const std::string& staff_id, const std::string& detail_json) {
    return nlohmann::json{{"kind", kind}, {"staff_id", staff_id}, {"detail", detail_json}}.dump();
}

namespace {

struct ChainedAttempt {
    std::string terminal;
    std::int64_t seq = 0;  // of the attempt row
    std::string owner;     // attempt body
    std::string state;     // from the latest state or result row
    std::string result;    // latest result body, "" when none
};

std::string state_of(const std::string& body) {
    try {
        return nlohmann::json::parse(body).at("state").get<std::string>();
    } catch (const nlohmann::json::exception&) {
        return "";
    }
}

void check_attempts(sqlite3* db, std::vector<ChainProblem>& out) {
    std::map<std::string, ChainedAttempt> chained;
    sql::Statement ledger(db, "SELECT kind, ref, body_json, terminal_id, seq FROM ledger WHERE kind IN ('attempt', 'state', 'result') "
                              "ORDER BY terminal_id, seq");
    while (ledger.step()) {
        ChainedAttempt& a = chained[ledger.text(1)];
        const std::string kind = ledger.text(0);
        if (kind == "attempt") {
            a.terminal = ledger.text(3);
            a.seq = ledger.int64(4);
            a.owner = ledger.text(2);
            a.state = "in_progress";
        } else {
            a.state = state_of(ledger.text(2));
            if (kind == "result") a.result = ledger.text(2);
        }
    }
    if (chained.empty()) return;
    sql::Statement st(db, "SELECT uuid, staff_id, course_id, mode, seed, guideline_hash, items_json, started_at, finished_at, points, "
                          "max_points, passed, completed, state FROM attempts");
    while (st.step()) {
        const auto it = chained.find(st.text(0));
        if (it == chained.end()) continue;
        const ChainedAttempt& a = it->second;
        ChainProblem p{"attempts", 0, it->first, a.terminal, ""};
        const std::string owner = attempt_ledger_body(st.text(1), st.text(2), st.text(3), st.int64(4), st.text(5), st.text(6), st.int64(7));
        const std::string result = st.is_null(8) ? std::string()
                                                 : result_ledger_body(st.int64(8), st.int64(9), st.int64(10), st.int64(11) != 0,
                                                                      st.int64(12) != 0, st.text(13));
        if (!a.owner.empty() && owner != a.owner)
            p.what = "the attempt's person, course or draw (staff ID " + st.text(1) + ", course " + st.text(2) +
                     ") does not match its chained row seq " + std::to_string(a.seq) + " " + a.owner;
        else if (st.text(13) != a.state || result != a.result)
            p.what = "the attempt's state and result (" + st.text(13) + (result.empty() ? "" : ", " + result) +
                     ") do not match its chained rows (" + a.state + (a.result.empty() ? "" : ", " + a.result) + ")";
        if (!p.what.empty()) out.push_back(std::move(p));
        chained.erase(it);
    }
    for (const auto& [uuid, a] : chained)
        out.push_back(ChainProblem{"attempts", 0, uuid, a.terminal, "the attempt is chained (seq " + std::to_string(a.seq) +
                                                                       ") but its row in `attempts` is missing"});
}

void check_events(sqlite3* db, std::vector<ChainProblem>& out) {
    // The same event may be logged twice (same moment, kind, person and detail): count them.
    std::map<std::string, long long> present;
    const auto key = [](const std::string& terminal, std::int64_t at, const std::string& body) {
        return terminal + '\x1f' + std::to_string(at) + '\x1f' + body;
    };
    if (sql::query_int(db, "SELECT count(*) FROM ledger WHERE kind = 'event'") == 0) return;
    {
        sql::Statement st(db, "SELECT terminal_id, at, kind, staff_id, detail_json FROM events");
        while (st.step()) ++present[key(st.text(0), st.int64(1), event_ledger_body(st.text(2), st.text(3), st.text(4)))];
    }
    sql::Statement ledger(db, "SELECT terminal_id, at, body_json, seq FROM ledger WHERE kind = 'event' ORDER BY terminal_id, seq");
    while (ledger.step()) {
        auto it = present.find(key(ledger.text(0), ledger.int64(1), ledger.text(2)));
        if (it != present.end() && it->second > 0) {
            --it->second;
            continue;
        }
        out.push_back(ChainProblem{"events", ledger.int64(3), "", ledger.text(0),
                                   "the audit event chained here " + ledger.text(2) + " is missing from `events` or was changed"});
    }
}

} // namespace

std::vector<ChainProblem> evidence_problems(sqlite3* db) {
    std::vector<ChainProblem> out;
    check_attempts(db, out);
    check_events(db, out);
    return out;
}

} // namespace kiosk
