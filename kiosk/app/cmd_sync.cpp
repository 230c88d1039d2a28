// `kiosk sync`: one pass pushing this terminal's new records to the ward server (for a systemd timer);
// `kiosk sync --from FILE --server CONNINFO` feeds a copied terminal file (a USB copy) without changing it.
#include "commands.hpp"

#include "core/server/pg.hpp"
#include "core/server/server_sync.hpp"
#include "core/terminal_config.hpp"

#include <iostream>

namespace kiosk::app {

namespace {

struct SyncCommandOptions {
    std::string from;
    std::string server;
    std::size_t batch = 2000;
};

int sync(const SyncCommandOptions& o, const GlobalOptions& global) {
    const auto cfg = load_terminal_config(global.config_path.empty() ? default_config_path() : global.config_path).config;
    const std::string conninfo = o.server.empty() ? cfg.server : o.server;
    if (conninfo.empty()) {
        std::cout << "sync: no `server` is configured; the records stay on this terminal only\n";
        return 0;
    }
    const std::string path = o.from.empty() ? resolve_db_path(global) : o.from;
    server::SyncOptions options;
    options.batch_rows = std::max<std::size_t>(1, o.batch);
    options.write_ack = o.from.empty();
    server::SyncResult r;
    try {
        pg::Connection c(conninfo);
        r = server::sync_records(path, c, options);
    } catch (const pg::ServerError& e) {
        r.error = e.what();
    }
    for (const auto& t : r.terminals) {
        if (!t.refusal.empty()) {
            std::cout << "REFUSED " << t.terminal_id << ": " << t.refusal << '\n';
            continue;
        }
        std::cout << "sync " << t.terminal_id << ": " << t.local_rows << " rows in the file; the server held " << t.server_before << ", now "
                  << t.server_after << " (" << t.batches << " batches); " << std::max<std::int64_t>(0, t.local_rows - t.server_after)
                  << " waiting\n";
    }
    std::cout << "sync: added " << r.learners_added << " learners (+" << r.learners_updated << " updated), " << r.attempts_added
              << " attempts (+" << r.attempts_updated << " updated), " << r.events_added << " events\n";
    if (!r.error.empty()) {
        std::cerr << "sync: stopped: " << r.error << " (what was committed stays; the next sync resumes from there)\n";
        return 3;
    }
    return r.ok() ? 0 : 1;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<SyncCommandOptions>();
    sub.add_option("--from", o->from, "a copied terminal records file to feed to the server (read only)");
    sub.add_option("--server", o->server, "libpq connection string or service=NAME; default: the configuration key `server`");
    sub.add_option("--batch", o->batch, "chained rows per server transaction (default 2000)");
    return [o, &global] { return sync(*o, global); };
}

const bool registered = register_command(
    {"sync", "push new records to the ward server (exit 0 done, 1 a terminal was refused, 3 the server could not be reached)", setup});

} // namespace

} // namespace kiosk::app
