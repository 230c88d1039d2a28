// `kiosk verify`: integrity_check and every terminal's hash chain, naming the first row that does not match; optionally
// checks that answers a `kiosk simulate --ack` log reported as saved are in the file.
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/record_chain.hpp"
#include "core/server/server_verify.hpp"
#include "core/sqlite_db.hpp"
#include "core/terminal_config.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace kiosk::app {

namespace {

struct VerifyOptions {
    bool quick = false;
    std::string acks;
    bool no_log = false;
    std::string server;  // also check against the ward server's checkpoints
};

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

std::string terminal_id_for(const GlobalOptions& global) {
    const auto cfg = load_terminal_config(global.config_path.empty() ? default_config_path() : global.config_path).config;
    return cfg.terminal_id.empty() ? host_terminal_id() : cfg.terminal_id;
}

int verify(const VerifyOptions& o, const GlobalOptions& global) {
    const std::string path = resolve_db_path(global);
    VerifyReport report;
    AckCheck acks;
    server::ServerVerifyResult witness;
    try {
        const sql::Connection conn = open_records_read_only(path);
        if (const std::string problem = records_identity_problem(conn.get()); !problem.empty() && problem.rfind("unreadable", 0) != 0) {
            std::cerr << "verify: " << path << " is " << problem << '\n';
            return 2;
        }
        sql::Transaction snapshot(conn.get(), sql::Transaction::Kind::deferred);
        report = verify_records(conn.get(), o.quick);
        if (!o.acks.empty()) acks = check_acks(conn.get(), o.acks);
        if (!o.server.empty()) {
            pg::Connection server(o.server);
            witness = server::verify_against_server(conn.get(), server, terminal_id_for(global));
        }
    } catch (const StoreError& e) {
        std::cerr << "verify: " << e.what() << '\n';
        return 2;
    } catch (const pg::ServerError& e) {
        std::cerr << "verify: " << e.what() << '\n';
        return 2;
    }
    report.problems.insert(report.problems.end(), witness.problems.begin(), witness.problems.end());

    std::cout << "records: " << path << '\n';
    std::cout << (o.quick ? "quick_check: " : "integrity_check: ") << report.integrity_message << '\n';
    for (const auto& h : report.heads) std::cout << "chain " << h.terminal_id << ": " << h.length << " rows, head " << h.head << '\n';
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

    // The check itself goes into the audit log, but never into a file whose pages are damaged.
    if (!o.no_log && report.integrity_ok) {
        nlohmann::json heads = nlohmann::json::array();
        for (const auto& h : report.heads) heads.push_back({{"terminal", h.terminal_id}, {"length", h.length}, {"head", h.head}});
        const nlohmann::json detail{{"ok", ok}, {"quick", o.quick}, {"problems", report.problems.size()}, {"heads", heads}};
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
    sub.add_flag("--quick", o->quick, "quick_check instead of the full integrity_check (the chains are always checked in full)");
    sub.add_option("--acks", o->acks, "a `kiosk simulate --ack` log: every ACK <uuid> <index> line must be in responses");
    sub.add_flag("--no-log", o->no_log, "do not record the check as a `verify` event");
    sub.add_option("--server", o->server, "also check every chain against the checkpoints the ward server received (libpq connection string)");
    return [o, &global] { return verify(*o, global); };
}

const bool registered = register_command(
    {"verify", "check the records file: integrity_check and every terminal's hash chain; exit 1 when something does not match", setup});

} // namespace

} // namespace kiosk::app
