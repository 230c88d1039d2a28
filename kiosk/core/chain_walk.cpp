// The chain walk: three rowid-ordered scans merged by seq, canonical bytes written without a JSON library for ASCII
// rows, SHA-256 streamed (libsodium).
#include "chain_walk.hpp"

#include "record_chain.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <array>
#include <charconv>
#include <optional>

namespace kiosk {

namespace {

// Appends `s` as nlohmann::json::dump() writes a string; false for non-ASCII text (left to nlohmann, which checks UTF-8).
bool append_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) return false;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return true;
}

void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// One table's scan, positioned on its current row.
struct Scan {
    sql::Statement st;
    bool has = false;
    Scan(sqlite3* db, const std::string& sql, std::int64_t after, const std::string* terminal) : st(db, sql) {
        st.bind(1, after);
        if (terminal) st.bind(2, *terminal);
        has = st.step();
    }
    std::int64_t seq() const { return st.int64(0); }
};

// The canonical bytes of the current row of `table`, fast for ASCII rows; nullopt when the row's text is not UTF-8.
std::optional<std::string> canonical(std::string_view table, const sql::Statement& st, std::string& buf) {
    buf.clear();
    bool ascii = true;
    const auto text = [&](int col) {
        if (ascii) ascii = append_string(buf, st.text_view(col));
        buf += ',';
    };
    const auto num = [&](int col) {
        append_int(buf, st.int64(col));
        buf += ',';
    };
    buf += "[\"";
    buf += table;
    buf += "\",";
    // Columns: 0 seq, 1 terminal, 2 prev, 3 row_hash, then the content in canonical order, terminal last.
    if (table == "responses") {
        text(4); num(5); text(6); text(7); num(8); num(9); num(10); num(11);
    } else if (table == "completions") {
        text(4); text(5); text(6); num(7); num(8); num(9); num(10); text(11);
    } else {
        text(4); text(5); text(6); num(7);
    }
    if (ascii) ascii = append_string(buf, st.text_view(1));
    buf += ']';
    if (ascii) return buf;
    try {
        if (table == "responses")
            return canonical_response(ResponseRecord{st.text(4), static_cast<int>(st.int64(5)), st.text(6), st.text(7), static_cast<int>(st.int64(8)),
                                                     static_cast<int>(st.int64(9)), st.int64(10), st.int64(11)},
                                      st.text(1));
        if (table == "completions")
            return canonical_completion(CompletionRecord{st.text(4), st.text(5), st.text(6), st.int64(7), st.int64(8), static_cast<int>(st.int64(9)),
                                                         static_cast<int>(st.int64(10)), st.text(11)},
                                        st.text(1));
        return canonical_ledger(LedgerEntry{st.text(4), st.text(5), st.text(6), st.int64(7)}, st.text(1));
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

bool hash_matches(std::string_view prev, const std::string& content, std::string_view stored) {
    static constexpr char hex[] = "0123456789abcdef";
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(prev.data()), prev.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>("\n"), 1);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(content.data()), content.size());
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    if (stored.size() != 2 * digest.size()) return false;
    for (std::size_t i = 0; i < digest.size(); ++i)
        if (stored[2 * i] != hex[digest[i] >> 4] || stored[2 * i + 1] != hex[digest[i] & 0xf]) return false;
    return true;
}

} // namespace

void walk_chain_rows(sqlite3* db, const std::function<void(const WalkedRow&)>& visit, std::int64_t after_seq, const std::string* terminal) {
    const std::string where = terminal ? " WHERE terminal_id = ?2 AND seq > ?1 ORDER BY seq" : " WHERE seq > ?1 ORDER BY seq";
    Scan scans[] = {
        Scan(db, "SELECT seq, terminal_id, prev_hash, row_hash, attempt_uuid, item_index, item_id, response_json, points, max_points, "
                 "answered_at, time_taken_ms FROM responses" + where, after_seq, terminal),
        Scan(db, "SELECT seq, terminal_id, prev_hash, row_hash, attempt_uuid, staff_id, course_id, completed_at, valid_until, points, "
                 "max_points, code FROM completions" + where, after_seq, terminal),
        Scan(db, "SELECT seq, terminal_id, prev_hash, row_hash, kind, ref, body_json, at FROM ledger" + where, after_seq, terminal),
    };
    static constexpr std::string_view names[] = {"responses", "completions", "ledger"};
    std::string buf;
    buf.reserve(512);
    for (;;) {
        int next = -1;
        for (int i = 0; i < 3; ++i)
            if (scans[i].has && (next < 0 || scans[i].seq() < scans[next].seq())) next = i;
        if (next < 0) return;
        const sql::Statement& st = scans[next].st;
        WalkedRow row;
        row.table = names[next];
        row.seq = st.int64(0);
        row.terminal = st.text_view(1);
        row.prev_hash = st.text_view(2);
        row.row_hash = st.text_view(3);
        if (next == 2) {
            row.kind = st.text_view(4);
            row.ref = st.text_view(5);
            row.body = st.text_view(6);
        } else {
            row.ref = st.text_view(4);
        }
        if (next == 0) row.item_index = static_cast<int>(st.int64(5));
        const auto content = canonical(row.table, st, buf);
        row.hash_matches = content && hash_matches(row.prev_hash, *content, row.row_hash);
        visit(row);
        scans[next].has = scans[next].st.step();
    }
}

} // namespace kiosk
