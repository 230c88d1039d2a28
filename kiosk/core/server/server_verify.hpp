// `kiosk verify --server`: the local records checked against the checkpoints the ward server received, the outside
// witness that a terminal file edited with every hash recomputed cannot satisfy.
#pragma once
#include "pg.hpp"

#include "core/record_chain.hpp"

#include <string>
#include <vector>

struct sqlite3;

namespace kiosk::server {

struct ServerVerifyResult {
    std::vector<std::string> notes;         // per terminal: checkpoints checked, rows not yet on the server
    std::vector<ChainProblem> problems;     // a row that differs from what the server witnessed, rows gone
};

// For every terminal chain in `db` (and `own_terminal`, when the file has no rows of it): each checkpoint the server
// holds (length N, head H) must be the file's row N. Reads the file in the caller's transaction.
ServerVerifyResult verify_against_server(sqlite3* db, pg::Connection& server, const std::string& own_terminal);

} // namespace kiosk::server
