// Checking a records file against the ward server's checkpoints.
#include "server_verify.hpp"

#include "server_schema.hpp"
#include "source_chain.hpp"

namespace kiosk::server {

ServerVerifyResult verify_against_server(sqlite3* db, pg::Connection& server, const std::string& own_terminal) {
    require_server_schema(server);
    ServerVerifyResult out;
    SourceFile file = read_source_file(db);
    if (!own_terminal.empty() && !file.chains.count(own_terminal)) file.chains[own_terminal].terminal_id = own_terminal;
    for (const auto& [terminal, chain] : file.chains) {
        const auto local = static_cast<std::int64_t>(chain.rows.size());
        const auto cps = server.exec("SELECT length, head, to_char(received_at, 'YYYY-MM-DD HH24:MI:SS') || ' UTC' FROM chain_checkpoints "
                                     "WHERE terminal_id = $1 ORDER BY length, id",
                                     {terminal});
        std::int64_t witnessed = 0;
        bool broken = false;
        for (int i = 0; i < cps.rows() && !broken; ++i) {
            const std::int64_t length = cps.int64(i, 0);
            const std::string head = cps.text(i, 1), when = cps.text(i, 2);
            witnessed = std::max(witnessed, length);
            ChainProblem p{"server", length, "", terminal, ""};
            if (length > local) {
                p.what = "the server received " + std::to_string(length) + " rows of this chain on " + when + ", but this file has only " +
                         std::to_string(local) + " (rows were removed)";
            } else if (chain.rows[static_cast<std::size_t>(length - 1)].row_hash != head) {
                p.what = "row " + std::to_string(length) + " is not the row the server received on " + when + " (" + head.substr(0, 16) +
                         "… there, " + chain.rows[static_cast<std::size_t>(length - 1)].row_hash.substr(0, 16) +
                         "… here): the file was changed after it was sent";
            }
            if (!p.what.empty()) {
                broken = true;
                out.problems.push_back(std::move(p));
            }
        }
        if (cps.rows() == 0 && local == 0) continue;
        out.notes.push_back("server " + terminal + ": " + std::to_string(cps.rows()) + " checkpoints, " + std::to_string(witnessed) +
                            " rows witnessed, " + std::to_string(std::max<std::int64_t>(0, local - witnessed)) + " not yet on the server");
    }
    return out;
}

} // namespace kiosk::server
