// A small RAII layer over libpq for the ward records server: one connection, parameterised statements, transactions,
// and errors as ServerError carrying the SQLSTATE.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace kiosk::pg {

class ServerError : public std::runtime_error {
public:
    ServerError(const std::string& what, std::string sqlstate = "") : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }
    // 42501 insufficient_privilege
    bool permission_denied() const { return sqlstate_ == "42501"; }

private:
    std::string sqlstate_;
};

// "" when `conninfo` may be used; otherwise why not (unparsable, or it carries a password: passwords belong in a
// pgpass or service file, never on a command line, in a configuration file or in a log).
std::string conninfo_problem(const std::string& conninfo);

class Result {
public:
    Result() = default;
    explicit Result(pg_result* r) : r_(r) {}
    ~Result();
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result& operator=(Result&& o) noexcept;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const;
    bool is_null(int row, int col) const;
    std::string text(int row, int col) const;
    std::int64_t int64(int row, int col) const;

private:
    pg_result* r_ = nullptr;
};

// A parameter: text, or SQL NULL.
using Param = std::optional<std::string>;

class Connection {
public:
    // Connects (connect_timeout defaults to 10 s) and fixes the session: UTC, search_path kiosk. Throws ServerError.
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // One statement, parameters as text ($1, $2 …). Throws ServerError with the SQLSTATE on any failure.
    Result exec(const std::string& sql, const std::vector<Param>& params = {});
    // Statements that return nothing the caller needs, sent in pipeline mode (one round trip per 500) and run in order;
    // throws ServerError for the first that fails (the ones after it are not run).
    struct Queued {
        const std::string* sql;
        std::vector<Param> params;
    };
    void exec_pipelined(const std::vector<Queued>& statements);
    // Several statements without parameters (schema scripts).
    void exec_script(const std::string& sql);
    std::string user() const;

private:
    pg_conn* c_ = nullptr;
};

// BEGIN … COMMIT; rolls back unless commit() returned.
class Transaction {
public:
    explicit Transaction(Connection& c, const char* begin = "BEGIN");
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();
    void rollback();

private:
    Connection& c_;
    bool open_ = false;
};

inline Param p(const std::string& s) { return s; }
inline Param p(std::int64_t v) { return std::to_string(v); }
inline Param p(int v) { return std::to_string(v); }

} // namespace kiosk::pg
