// A small RAII layer over sqlite3: prepared statements, transactions and errors as StoreError with the extended code.
#pragma once
#include "attempt_store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::sql {

// A connection of its own, closed when it goes out of scope.
class Connection {
public:
    Connection() = default;
    // sqlite3_open_v2 with `flags` (plus SQLITE_OPEN_URI), extended result codes and a 5 s busy timeout; throws StoreError.
    Connection(const std::string& path, int flags);
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    sqlite3* get() const { return db_; }
    // Hands the connection to the caller, who closes it.
    sqlite3* release() {
        sqlite3* d = db_;
        db_ = nullptr;
        return d;
    }

private:
    sqlite3* db_ = nullptr;
};

// Throws StoreError("<context>: <sqlite message>", extended code of `db`).
[[noreturn]] void fail(sqlite3* db, const std::string& context);
[[noreturn]] void fail(sqlite3* db, const std::string& context, int code);

// Runs one or more statements that return no rows the caller needs.
void exec(sqlite3* db, const char* sql);

// A prepared statement; bind indexes start at 1, column indexes at 0.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind_null(int index);

    // true while a row is available; false when done. Throws on error.
    bool step();
    // Steps once and expects no row (INSERT, UPDATE, DELETE).
    void run();
    void reset();

    std::string text(int column) const;
    // The text without a copy, valid until the next step or reset (scans of a million rows); data() is null for NULL.
    std::string_view text_view(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    bool is_null(int column) const;
    int changes() const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

// One query returning a single value (or nothing).
std::optional<std::string> query_text(sqlite3* db, std::string_view sql);
std::int64_t query_int(sqlite3* db, std::string_view sql);

// BEGIN IMMEDIATE (or DEFERRED for read-only snapshots) … COMMIT; rolls back unless commit() returned.
class Transaction {
public:
    enum class Kind { immediate, deferred };
    explicit Transaction(sqlite3* db, Kind kind = Kind::immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    sqlite3* db_;
    bool open_ = false;
};

} // namespace kiosk::sql
