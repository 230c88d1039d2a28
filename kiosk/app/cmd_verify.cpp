// `kiosk verify`: integrity_check and every terminal's hash chain, naming the first row that does not match; optionally
// checks that answers a `kiosk simulate --ack` log reported as saved are in the file.
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/record_chain.hpp"
#include "core/server/server_verify.hpp"
#include "core/sqlite_db.hpp"
#include <sqlite3.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace kiosk::app {

namespace {

struct VerifyOptions {
    bool quick = false;
    std::string acks;
    bool no_log = false;
    std::string enrolled;
    bool full = false;
    std::string checkpoints;
    std::string server;  // also check against the ward server's checkpoints
};

// Heads this verifier checked before, kept outside the records (verify never writes into the file it checks):
// {"<absolute records path>": {"at": ms, "heads": [{"terminal","length","seq","head"}]}}.
std::string default_checkpoints_path() {
    const char* state = std::getenv("XDG_STATE_HOME");
    const char* home = std::getenv("HOME");
    const std::string dir = state && *state ? state : std::string(home && *home ? home : "/tmp") + "/.local/state";
    return dir + "/chiyoda-kiosk/verified-heads.json";
}

std::string absolute(const std::string& path) {
    std::error_code ec;
    const auto p = std::filesystem::weakly_canonical(path, ec);
    return ec ? path : p.string();
}

nlohmann::json read_checkpoints(const std::string& file) {
    std::ifstream in(file);
    if (!in) return nlohmann::json::object();
    try {
        auto j = nlohmann::json::parse(in);
        return j.is_object() ? j : nlohmann::json::object();
    } catch (const nlohmann::json::exception&) {
        return nlohmann::json::object();  // an unreadable file only costs a full walk
    }
}

std::vector<ChainHead> verified_before(const nlohmann::json& all, const std::string& db) {
    std::vector<ChainHead> heads;
    if (!all.contains(db)) return heads;
    try {
        for (const auto& h : all.at(db).at("heads")) {
            ChainHead c;
            c.terminal_id = h.at("terminal").get<std::string>();
            c.length = h.at("length").get<std::int64_t>();
            c.last_seq = h.at("seq").get<std::int64_t>();
            c.head = h.at("head").get<std::string>();
            heads.push_back(std::move(c));
        }
    } catch (const nlohmann::json::exception&) {
        heads.clear();
    }
    return heads;
}

void write_checkpoints(const std::string& file, nlohmann::json all, const std::string& db, const std::vector<ChainHead>& heads) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& h : heads) list.push_back({{"terminal", h.terminal_id}, {"length", h.length}, {"seq", h.last_seq}, {"head", h.head}});
    all[db] = {{"at", std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count()},
               {"heads", list}};
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    const std::string part = file + ".part";
    {
        std::ofstream out(part, std::ios::trunc);
        out << all.dump(1) << '\n';
        if (!out) return;
    }
    std::filesystem::rename(part, file, ec);
}

struct AckCheck {
    long long checked = 0;
    std::vector<std::string> missing;  // "<uuid> <index>"
    std::string error;
};

// Every "ACK <uuid> <index>" line of `path` must have its row in responses.
AckCheck check_acks(sqlite3* db, const std::string& path) {
    AckCheck out;
    std::ifstream in(path);
    if (!in) {
        out.error = "cannot read " + path;
        return out;
    }
    sql::Statement st(db, "SELECT 1 FROM responses WHERE attempt_uuid = ?1 AND item_index = ?2");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string tag, uuid;
        long long index = -1;
        if (!(words >> tag >> uuid >> index) || tag != "ACK") continue;  // result lines and a torn last line
        ++out.checked;
        st.reset();
        st.bind(1, uuid).bind(2, static_cast<std::int64_t>(index));
        if (!st.step()) out.missing.push_back(uuid + " " + std::to_string(index));
    }
    return out;
}

int verify(const VerifyOptions& o, const GlobalOptions& global) {
    const std::string path = resolve_db_path(global);
    // Decided before the file is opened: the check is logged only in this terminal's own working database, never in a
    // backup or a copy, which stay byte for byte as they were.
    const bool own_live_database = is_terminal_live_database(path, global);
    VerifyReport report;
    AckCheck acks;
    const std::string checkpoints_file = o.checkpoints.empty() ? default_checkpoints_path() : o.checkpoints;
    const nlohmann::json checkpoints = read_checkpoints(checkpoints_file);
    const std::string db_key = absolute(path);
    bool incremental = false;
    std::optional<EnrolledKeys> enrolled;
    if (!o.enrolled.empty()) {
        enrolled = load_enrolled_keys(o.enrolled);
        if (!enrolled->ok()) {
            for (const auto& e : enrolled->errors) std::cerr << "verify: " << e << '\n';
            return 2;
        }
    }
    server::ServerVerifyResult witness;
    try {
        const sql::Connection conn = open_records_read_only(path);
        if (const std::string problem = records_identity_problem(conn.get()); !problem.empty() && problem.rfind("unreadable", 0) != 0) {
            std::cerr << "verify: " << path << " is " << problem << '\n';
            return 2;
        }
        sql::Transaction snapshot(conn.get(), sql::Transaction::Kind::deferred);  // one snapshot for every check
        // Daily use: quick_check, and each chain from the head this verifier checked before (rows after it rehashed);
        // --full: integrity_check and every row of every chain.
        kiosk::VerifyOptions options{!o.full, enrolled ? &*enrolled : nullptr, nullptr};
        std::vector<ChainHead> before;
        if (!o.full) {
            before = verified_before(checkpoints, db_key);
            if (!before.empty()) options.verified_before = &before;
        }
        report = verify_records(conn.get(), options);
        incremental = options.verified_before != nullptr;
        if (!o.acks.empty()) acks = check_acks(conn.get(), o.acks);
        if (!o.server.empty()) {
            pg::Connection server(o.server);
            witness = server::verify_against_server(conn.get(), server, terminal_id_for(global));
        }
    } catch (const StoreError& e) {
        std::cerr << "verify: " << e.what() << '\n';
        const int code = e.sqlite_code() & 0xff;
        return code == SQLITE_CANTOPEN && ::access(path.c_str(), F_OK) == 0 ? kExitNoPermission : 2;
    } catch (const pg::ServerError& e) {
        std::cerr << "verify: " << e.what() << '\n';
        return 2;
    }
    report.problems.insert(report.problems.end(), witness.problems.begin(), witness.problems.end());

    std::cout << "records: " << path << '\n';
    std::cout << (o.full ? "integrity_check: " : "quick_check: ") << report.integrity_message << '\n';
    std::cout << (incremental ? "chains: checked from the heads verified before (--full checks every row)\n" : "chains: every row checked\n");
    for (const auto& h : report.heads) {
        std::cout << "chain " << h.terminal_id << ": " << h.length << " rows, head " << h.head << '\n';
        std::cout << "key " << h.terminal_id << ": "
                  << (h.signed_ok ? "head signed by " + h.public_key
                                  : h.public_key.empty() ? std::string("unsigned (written before terminal keys)") : "head NOT signed by " + h.public_key)
                  << '\n';
    }
    if (report.heads.empty()) std::cout << "chain: no answers or completions yet\n";
    for (const auto& n : witness.notes) std::cout << n << '\n';
    for (const auto& p : report.problems) std::cout << "PROBLEM " << p.describe() << '\n';
    if (!o.acks.empty()) {
        if (!acks.error.empty()) std::cout << "PROBLEM acks: " << acks.error << '\n';
        for (const auto& m : acks.missing) std::cout << "MISSING " << m << '\n';
        std::cout << "acks: " << acks.checked << " checked, " << acks.missing.size() << " missing\n";
    }
    const bool ok = report.ok() && acks.missing.empty() && acks.error.empty();
    std::cout << (ok ? "verify: ok" : "verify: FAILED") << '\n';
    if (report.ok()) write_checkpoints(checkpoints_file, checkpoints, db_key, report.heads);

    // The check itself goes into the audit log of the terminal's own database, but never into a file whose pages are
    // damaged, and never into a backup or a copy.
    if (!o.no_log && report.integrity_ok && !own_live_database)
        std::cerr << "verify: not logged: " << path << " is not this terminal's working database (a backup or a copy stays unchanged)\n";
    if (!o.no_log && report.integrity_ok && own_live_database) {
        nlohmann::json heads = nlohmann::json::array();
        for (const auto& h : report.heads) heads.push_back({{"terminal", h.terminal_id}, {"length", h.length}, {"head", h.head}});
        const nlohmann::json detail{{"ok", ok}, {"full", o.full}, {"incremental", incremental}, {"problems", report.problems.size()}, {"heads", heads}};
        AttemptStore store(path, terminal_id_for(global));
        try {
            if (store.status().ok && !store.status().read_only)
                store.log_event("verify", "", detail.dump(),
                                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
        } catch (const StoreError& e) {
            std::cerr << "verify: the check could not be logged: " << e.what() << '\n';
        }
    }
    return ok ? 0 : 1;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<VerifyOptions>();
    sub.add_flag("--quick", o->quick, "quick_check (the default; kept for scripts)");
    sub.add_flag("--full", o->full, "integrity_check and every row of every chain, instead of quick_check and the chains from the heads verified before");
    sub.add_option("--checkpoints", o->checkpoints, "where the heads verified before are kept (default ~/.local/state/chiyoda-kiosk/verified-heads.json)");
    sub.add_option("--acks", o->acks, "a `kiosk simulate --ack` log: every ACK <uuid> <index> line must be in responses");
    sub.add_flag("--no-log", o->no_log, "do not record the check as a `verify` event (it is recorded only in this terminal's own database)");
    sub.add_option("--enrolled", o->enrolled,
                   "the ward's enrolled-keys file (lines printed by `kiosk enroll`): every chain must be signed by its terminal's enrolled key");
    sub.footer("Exit status: 0 everything matches, 1 damage or tampering was found, 2 the file is missing or not a kiosk records "
               "database, 4 the file cannot be read by this user (permissions), 5 the terminal configuration cannot be used.");
    sub.add_option("--server", o->server, "also check every chain against the checkpoints the ward server received (libpq connection string)");
    return [o, &global] { return verify(*o, global); };
}

const bool registered = register_command(
    {"verify", "check the records file: integrity_check and every terminal's hash chain; exit 1 when something does not match", setup});

} // namespace

} // namespace kiosk::app
