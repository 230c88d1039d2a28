// `kiosk server init --server CONNINFO`: creates or upgrades the ward records server's schema and roles;
// `kiosk server terminals --server CONNINFO`: each terminal's chain and sync state as the server holds it.
#include "commands.hpp"

#include "core/server/pg.hpp"
#include "core/server/server_schema.hpp"

#include <iostream>

namespace kiosk::app {

namespace {

struct ServerOptions {
    std::string server;
};

int init(const ServerOptions& o) {
    try {
        pg::Connection c(o.server);
        const server::InitResult r = server::init_server_schema(c);
        if (!r.problem.empty()) {
            std::cerr << "server init: refused, nothing was changed: " << r.problem << '\n';
            return 2;
        }
        if (r.from_version == r.to_version) std::cout << "server init: schema version " << r.to_version << ", already up to date\n";
        else std::cout << "server init: schema migrated from version " << r.from_version << " to " << r.to_version << '\n';
        std::cout << "roles: kiosk_admin (owner), kiosk_ingest (terminals: insert only), kiosk_report (read only)\n";
        return 0;
    } catch (const pg::ServerError& e) {
        std::cerr << "server init: " << e.what() << '\n';
        return 2;
    }
}

int terminals(const ServerOptions& o) {
    try {
        pg::Connection c(o.server);
        server::require_server_schema(c);
        const auto r = c.exec("SELECT terminal_id, length, head, to_char(first_seen, 'YYYY-MM-DD HH24:MI:SS'), "
                              "COALESCE(to_char(last_sync, 'YYYY-MM-DD HH24:MI:SS'), '-'), COALESCE(last_refusal, '') "
                              "FROM terminals ORDER BY terminal_id");
        for (int i = 0; i < r.rows(); ++i) {
            std::cout << "terminal " << r.text(i, 0) << ": " << r.text(i, 1) << " rows, head " << r.text(i, 2) << ", first seen " << r.text(i, 3)
                      << " UTC, last sync " << r.text(i, 4) << " UTC\n";
            if (!r.text(i, 5).empty()) std::cout << "  last refusal: " << r.text(i, 5) << '\n';
        }
        if (r.rows() == 0) std::cout << "no terminal has synced yet\n";
        return 0;
    } catch (const pg::ServerError& e) {
        std::cerr << "server terminals: " << e.what() << '\n';
        return 2;
    }
}

Runner setup(CLI::App& sub, const GlobalOptions&) {
    auto o = std::make_shared<ServerOptions>();
    sub.require_subcommand(1);
    auto* i = sub.add_subcommand("init", "create or upgrade the schema and the roles kiosk_admin, kiosk_ingest, kiosk_report");
    i->add_option("--server", o->server, "libpq connection string or service=NAME (no password: use a pgpass or service file)")->required();
    auto* t = sub.add_subcommand("terminals", "each terminal's chain length, head, last sync and last refusal");
    t->add_option("--server", o->server, "libpq connection string or service=NAME")->required();
    return [o, i, t] { return i->parsed() ? init(*o) : t->parsed() ? terminals(*o) : 2; };
}

const bool registered = register_command({"server", "the ward records server on PostgreSQL: init, terminals", setup});

} // namespace

} // namespace kiosk::app
