// RAII wrapper over sqlite3 statements and transactions; every failure becomes a StoreError with SQLite's extended code.
#include "sqlite_db.hpp"

#include <sqlite3.h>

namespace kiosk::sql {

Connection::Connection(const std::string& path, int flags) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_URI, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw StoreError("cannot open " + path + ": " + msg + " (SQLite " + std::to_string(rc) + ")", rc);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
}

Connection::~Connection() {
    if (db_) sqlite3_close_v2(db_);
}

Connection::Connection(Connection&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = other.db_;
        other.db_ = nullptr;
    }
    return *this;
}

void fail(sqlite3* db, const std::string& context) {
    fail(db, context, db ? sqlite3_extended_errcode(db) : SQLITE_ERROR);
}

void fail(sqlite3* db, const std::string& context, int code) {
    const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw StoreError(context + ": " + (msg ? msg : "unknown error") + " (SQLite " + std::to_string(code) + ")", code);
}

void exec(sqlite3* db, const char* sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        const int code = sqlite3_extended_errcode(db);
        throw StoreError(std::string(sql).substr(0, 60) + ": " + msg + " (SQLite " + std::to_string(code) + ")", code);
    }
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
    if (sqlite3_prepare_v2(db_, sql_.data(), static_cast<int>(sql_.size()), &stmt_, nullptr) != SQLITE_OK)
        fail(db_, "prepare \"" + sql_.substr(0, 60) + "\"");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
    other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const int code = sqlite3_extended_errcode(db_);
    sqlite3_reset(stmt_);
    fail(db_, "\"" + sql_.substr(0, 60) + "\"", code);
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::text_view(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string_view();
}

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
int Statement::changes() const { return sqlite3_changes(db_); }

std::optional<std::string> query_text(sqlite3* db, std::string_view sql) {
    Statement st(db, sql);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

std::int64_t query_int(sqlite3* db, std::string_view sql) {
    Statement st(db, sql);
    return st.step() ? st.int64(0) : 0;
}

Transaction::Transaction(sqlite3* db, Kind kind) : db_(db) {
    exec(db_, kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    open_ = true;
}

Transaction::~Transaction() {
    // A failed COMMIT may already have rolled back; ROLLBACK then fails harmlessly.
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    exec(db_, "COMMIT");
    open_ = false;
}

} // namespace kiosk::sql
