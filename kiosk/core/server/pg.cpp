// libpq wrapper: connections, results, transactions; every failure becomes a ServerError with its SQLSTATE.
#include "pg.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>

namespace kiosk::pg {

namespace {

[[noreturn]] void fail_result(pg_conn* c, PGresult* r, const std::string& context) {
    std::string state;
    std::string msg;
    if (r) {
        if (const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE)) state = s;
        if (const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)) msg = m;
        PQclear(r);
    }
    if (msg.empty()) msg = c ? PQerrorMessage(c) : "no connection";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw ServerError(context + ": " + msg, state);
}

} // namespace

std::string conninfo_problem(const std::string& conninfo) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
    if (!opts) {
        std::string m = err ? err : "cannot be parsed";
        if (err) PQfreemem(err);
        while (!m.empty() && m.back() == '\n') m.pop_back();
        return "the server connection string is not valid: " + m;
    }
    std::string problem;
    for (PQconninfoOption* o = opts; o->keyword; ++o)
        if (std::string(o->keyword) == "password" && o->val && *o->val)
            problem = "the server connection string carries a password; put it in a pgpass file (~/.pgpass, PGPASSFILE) or a "
                      "service file (pg_service.conf) instead";
    PQconninfoFree(opts);
    return problem;
}

Result::~Result() {
    if (r_) PQclear(r_);
}

Result& Result::operator=(Result&& o) noexcept {
    if (this != &o) {
        if (r_) PQclear(r_);
        r_ = o.r_;
        o.r_ = nullptr;
    }
    return *this;
}

int Result::rows() const { return r_ ? PQntuples(r_) : 0; }
bool Result::is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::string Result::text(int row, int col) const { return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))); }
std::int64_t Result::int64(int row, int col) const { return is_null(row, col) ? 0 : std::strtoll(PQgetvalue(r_, row, col), nullptr, 10); }

Connection::Connection(const std::string& conninfo) {
    if (const std::string problem = conninfo_problem(conninfo); !problem.empty()) throw ServerError(problem);
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* vals[] = {conninfo.c_str(), "10", "chiyoda-kiosk", nullptr};
    c_ = PQconnectdbParams(keys, vals, /*expand_dbname=*/1);
    if (!c_ || PQstatus(c_) != CONNECTION_OK) {
        std::string m = c_ ? PQerrorMessage(c_) : "out of memory";
        while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
        if (c_) PQfinish(c_);
        c_ = nullptr;
        throw ServerError("cannot connect to the ward server: " + m, "08000");
    }
    exec_script("SET TIME ZONE 'UTC'; SET search_path TO kiosk, pg_catalog; SET client_min_messages TO warning");
}

Connection::~Connection() {
    if (c_) PQfinish(c_);
}

Result Connection::exec(const std::string& sql, const std::vector<Param>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& v : params) values.push_back(v ? v->c_str() : nullptr);
    PGresult* r = PQexecParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail_result(c_, r, "ward server");
    return Result(r);
}

void Connection::exec_pipelined(const std::vector<Queued>& statements) {
    constexpr std::size_t kChunk = 500;  // bounded, so neither side's socket buffer fills while the other writes
    for (std::size_t from = 0; from < statements.size(); from += kChunk) {
        if (PQenterPipelineMode(c_) != 1) fail_result(c_, nullptr, "ward server (pipeline)");
        std::string error, state;
        const std::size_t to = std::min(statements.size(), from + kChunk);
        for (std::size_t i = from; i < to && error.empty(); ++i) {
            std::vector<const char*> values;
            for (const auto& v : statements[i].params) values.push_back(v ? v->c_str() : nullptr);
            if (PQsendQueryParams(c_, statements[i].sql->c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0) != 1)
                error = PQerrorMessage(c_);
        }
        if (PQpipelineSync(c_) != 1 && error.empty()) error = PQerrorMessage(c_);
        for (bool synced = false; !synced;) {
            PGresult* r = PQgetResult(c_);
            if (!r) {
                if (PQstatus(c_) != CONNECTION_OK) {
                    if (error.empty()) error = PQerrorMessage(c_);
                    break;
                }
                continue;
            }
            const auto status = PQresultStatus(r);
            if (status == PGRES_PIPELINE_SYNC) synced = true;
            else if (status == PGRES_FATAL_ERROR && error.empty()) {
                if (const char* st = PQresultErrorField(r, PG_DIAG_SQLSTATE)) state = st;
                if (const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)) error = m;
                else error = PQerrorMessage(c_);
            }
            PQclear(r);
        }
        PQexitPipelineMode(c_);
        while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
        if (!error.empty()) throw ServerError("ward server: " + error, state.empty() && PQstatus(c_) != CONNECTION_OK ? "08000" : state);
    }
}

void Connection::exec_script(const std::string& sql) {
    PGresult* r = PQexec(c_, sql.c_str());
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail_result(c_, r, "ward server");
    PQclear(r);
}

std::string Connection::user() const { return PQuser(c_); }

Transaction::Transaction(Connection& c, const char* begin) : c_(c) {
    c_.exec_script(begin);
    open_ = true;
}

Transaction::~Transaction() {
    if (open_) {
        try {
            c_.exec_script("ROLLBACK");
        } catch (...) {
        }
    }
}

void Transaction::rollback() {
    open_ = false;
    c_.exec_script("ROLLBACK");
}

void Transaction::commit() {
    c_.exec_script("COMMIT");
    open_ = false;
}

} // namespace kiosk::pg
