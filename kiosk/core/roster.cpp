// Roster CSV: encoding detection, RFC 4180 parsing, per-line validation and the upsert into `learners`.
#include "roster.hpp"

#include "sqlite_db.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kiosk {

namespace {

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
        else return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (and are typical of Shift-JIS bytes).
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

bool cp932_to_utf8(std::string_view in, std::string& out) {
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    std::string input(in);
    char* src = input.data();
    std::size_t src_left = input.size();
    std::string result;
    char buffer[4096];
    bool ok = true;
    while (src_left > 0) {
        char* dst = buffer;
        std::size_t dst_left = sizeof buffer;
        const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
        result.append(buffer, static_cast<std::size_t>(dst - buffer));
        if (rc == static_cast<std::size_t>(-1) && errno != E2BIG) {
            ok = false;
            break;
        }
    }
    iconv_close(cd);
    if (ok) out = std::move(result);
    return ok;
}

std::string trim(std::string s) {
    const auto blank = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && blank(static_cast<unsigned char>(s[i]))) ++i;
    s.erase(0, i);
    // A full-width space (U+3000) around a Japanese name is padding too.
    while (s.size() >= 3 && s.compare(0, 3, "\xE3\x80\x80") == 0) s.erase(0, 3);
    while (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) s.erase(s.size() - 3);
    return s;
}

// Full-width digits (U+FF10..U+FF19, which Japanese input methods produce) become ASCII digits.
std::string ascii_digits(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
            static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool normalise_date(const std::string& raw, std::string& iso) {
    const std::string s = ascii_digits(raw);
    int y = 0, m = 0, d = 0;
    char sep1 = 0, sep2 = 0, tail = 0;
    if (std::sscanf(s.c_str(), "%4d%c%2d%c%2d%c", &y, &sep1, &m, &sep2, &d, &tail) != 5) return false;
    if (sep1 != sep2 || (sep1 != '-' && sep1 != '/')) return false;
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > days[m - 1] + ((m == 2 && leap) ? 1 : 0)) return false;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    iso = buf;
    return true;
}

enum Column { col_id, col_name, col_department, col_hire_date, col_none };

Column header_column(const std::string& cell) {
    std::string c = trim(cell);
    std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    static const std::map<std::string, Column> names = {
        {"職員番号", col_id}, {"職員id", col_id}, {"staff_id", col_id}, {"staff id", col_id},
        {"氏名", col_name}, {"名前", col_name}, {"name", col_name},
        {"所属", col_department}, {"部署", col_department}, {"department", col_department},
        {"採用日", col_hire_date}, {"採用年月日", col_hire_date}, {"hire_date", col_hire_date}, {"hire date", col_hire_date}};
    const auto it = names.find(c);
    return it == names.end() ? col_none : it->second;
}

RosterProblem problem(int line, std::string ja, std::string en) { return {line, Text{std::move(ja), std::move(en)}}; }

} // namespace

bool roster_text_to_utf8(std::string_view bytes, std::string& out, std::string& encoding) {
    out.clear();
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
        if (!valid_utf8(bytes)) return false;
        encoding = "UTF-8 (BOM)";
        out = bytes;
        return true;
    }
    if (valid_utf8(bytes)) {
        encoding = "UTF-8";
        out = bytes;
        return true;
    }
    if (!cp932_to_utf8(bytes, out)) return false;
    encoding = "CP932";
    return true;
}

namespace {

void note(CsvRecord& rec, CsvQuoteSlip slip, int line) {
    if (rec.slip != CsvQuoteSlip::none) return;  // the first slip of a record explains the rest
    rec.slip = slip;
    rec.slip_line = line;
}

std::size_t utf8_chars(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

RosterProblem quote_problem(const CsvRecord& rec) {
    const std::string at = std::to_string(rec.slip_line);
    switch (rec.slip) {
    case CsvQuoteSlip::inside_field:
        return problem(rec.slip_line, "項目の途中に引用符（\"）があります。引用符を削除するか、項目全体を \"…\" で囲み、中の \" は \"\" と書いてください。",
                       "A quote (\") in the middle of a field: remove it, or quote the whole field and write a quote inside it as \"\".");
    case CsvQuoteSlip::after_closing_quote:
        return problem(rec.slip_line, "閉じた引用符（\"）の後に文字があります。余分な引用符がないか確認してください。",
                       "Text after a closing quote (\"): look for a stray quote on this line.");
    case CsvQuoteSlip::swallows_records:
        return problem(rec.slip_line, at + " 行目で開いた引用符（\"）が閉じられず、次の行以降を 1 つの項目に取り込んでいます。余分な引用符を削除してください。",
                       "The quote (\") opened on line " + at + " is not closed on that line and swallows the lines after it into one field: remove the stray quote.");
    case CsvQuoteSlip::not_closed:
        return problem(rec.slip_line, at + " 行目で開いた引用符（\"）がファイルの終わりまで閉じられていません。",
                       "The quote (\") opened on line " + at + " is never closed (it runs to the end of the file).");
    case CsvQuoteSlip::none: break;
    }
    return {};
}

} // namespace

std::vector<CsvRecord> parse_csv(std::string_view s, bool& unterminated_quote) {
    std::vector<CsvRecord> records;
    unterminated_quote = false;
    int line = 1;
    std::size_t i = 0;
    while (i < s.size()) {
        CsvRecord rec;
        rec.line = line;
        int quote_line = line;
        std::string field;
        bool in_quotes = false, record_done = false;
        while (i < s.size() && !record_done) {
            const char c = s[i];
            if (in_quotes) {
                if (c == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') { field += '"'; i += 2; continue; }
                    in_quotes = false;
                    const char next = i + 1 < s.size() ? s[i + 1] : '\n';
                    if (next != ',' && next != '\r' && next != '\n') note(rec, CsvQuoteSlip::after_closing_quote, line);
                } else {
                    if (c == '\n') {
                        ++line;
                        // A line inside quotes that starts like a record ("12345,") was swallowed by a quote never meant to open.
                        std::size_t k = i + 1;
                        while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
                        if (k > i + 1 && k < s.size() && s[k] == ',') note(rec, CsvQuoteSlip::swallows_records, quote_line);
                    }
                    field += c;
                }
                ++i;
                continue;
            }
            if (c == '"' && field.empty()) {
                in_quotes = true;
                quote_line = line;
            } else if (c == '"') {
                note(rec, CsvQuoteSlip::inside_field, line);
                field += c;
            }
            else if (c == ',') { rec.fields.push_back(std::move(field)); field.clear(); }
            else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') { /* CRLF: the LF ends the record */ }
            else if (c == '\n') { ++line; record_done = true; }
            else field += c;
            ++i;
        }
        if (in_quotes) {
            unterminated_quote = true;
            note(rec, CsvQuoteSlip::not_closed, quote_line);
        }
        rec.fields.push_back(std::move(field));
        const bool blank = rec.fields.size() == 1 && trim(rec.fields[0]).empty();
        if (!blank) records.push_back(std::move(rec));
    }
    return records;
}

RosterParse parse_roster_csv(std::string_view bytes) {
    RosterParse result;
    std::string text;
    if (!roster_text_to_utf8(bytes, text, result.encoding)) {
        result.problems.push_back(problem(0, "文字コードが UTF-8 でも Shift-JIS (CP932) でもありません。",
                                          "The file is neither UTF-8 nor Shift-JIS (CP932)."));
        return result;
    }
    bool unterminated = false;  // each record says where its own quote went wrong
    const auto records = parse_csv(text, unterminated);
    (void)unterminated;
    if (records.empty()) {
        result.problems.push_back(problem(0, "ファイルにデータがありません。", "The file has no data."));
        return result;
    }

    std::vector<Column> columns = {col_id, col_name, col_department, col_hire_date};
    std::size_t first = 0;
    {
        std::vector<Column> named;
        int known = 0;
        for (const auto& f : records[0].fields) {
            named.push_back(header_column(f));
            if (named.back() != col_none) ++known;
        }
        if (known > 0) {
            result.has_header = true;
            first = 1;
            columns = named;
            const auto has = [&](Column c) { return std::find(named.begin(), named.end(), c) != named.end(); };
            if (!has(col_id) || !has(col_name)) {
                result.problems.push_back(problem(records[0].line, "見出し行に「職員番号」と「氏名」の列が必要です。",
                                                  "The header row needs the staff_id and name columns."));
                return result;
            }
        }
    }

    std::set<std::string> seen;
    for (std::size_t r = first; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        std::string cell[4];
        for (std::size_t k = 0; k < rec.fields.size() && k < columns.size(); ++k)
            if (columns[k] != col_none) cell[columns[k]] = trim(rec.fields[k]);
        const std::string id = ascii_digits(cell[col_id]);
        const int line = rec.line;
        if (rec.slip != CsvQuoteSlip::none) {
            result.problems.push_back(quote_problem(rec));
            continue;
        }
        if (id.empty()) {
            result.problems.push_back(problem(line, "職員番号がありません。", "The staff ID is missing."));
            continue;
        }
        if (!std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            result.problems.push_back(problem(line, "職員番号は数字だけにしてください: " + cell[col_id],
                                              "The staff ID must be digits only: " + cell[col_id]));
            continue;
        }
        if (id.size() > 20) {
            result.problems.push_back(problem(line, "職員番号が長すぎます（20 桁まで）。", "The staff ID is too long (20 digits at most)."));
            continue;
        }
        if (seen.count(id)) {
            result.problems.push_back(problem(line, "職員番号 " + id + " が重複しています（先の行を使います）。",
                                              "Staff ID " + id + " appears twice (the earlier line is used)."));
            continue;
        }
        std::string hire;
        if (!cell[col_hire_date].empty() && !normalise_date(cell[col_hire_date], hire)) {
            result.problems.push_back(problem(line, "採用日が日付として読めません: " + cell[col_hire_date] + "（例: 2024-04-01）",
                                              "The hire date is not a valid date: " + cell[col_hire_date] + " (e.g. 2024-04-01)"));
            result.ids_on_bad_lines.push_back(id);
            continue;
        }
        if (cell[col_name].empty()) {
            result.problems.push_back(problem(line, "氏名がありません。", "The name is missing."));
            result.ids_on_bad_lines.push_back(id);
            continue;
        }
        if (utf8_chars(cell[col_name]) > kRosterMaxFieldChars || utf8_chars(cell[col_department]) > kRosterMaxFieldChars) {
            const bool name = utf8_chars(cell[col_name]) > kRosterMaxFieldChars;
            const std::string n = std::to_string(utf8_chars(name ? cell[col_name] : cell[col_department]));
            result.problems.push_back(problem(line, std::string(name ? "氏名" : "所属") + "が長すぎます（" + n + " 文字、100 文字まで）。",
                                              std::string(name ? "The name" : "The department") + " is too long (" + n +
                                                  " characters, 100 at most)."));
            result.ids_on_bad_lines.push_back(id);
            continue;
        }
        seen.insert(id);
        result.entries.push_back({line, Learner{id, cell[col_name], cell[col_department], hire}});
    }
    return result;
}

RosterImportResult import_roster(sqlite3* db, std::string_view bytes, EpochMs now, const std::string& terminal_id) {
    RosterImportResult result;
    result.parse = parse_roster_csv(bytes);
    // All or nothing: a refused line may be a person who would otherwise be marked as having left the roster.
    if (result.parse.entries.empty() || !result.parse.problems.empty()) return result;

    sql::Transaction tx(db);
    // Who stays marked: everyone listed now, and people whose line was refused (a typo must not drop them).
    sql::exec(db, "CREATE TEMP TABLE IF NOT EXISTS roster_current(staff_id TEXT PRIMARY KEY); DELETE FROM roster_current;");
    {
        sql::Statement keep(db, "INSERT OR IGNORE INTO roster_current(staff_id) VALUES(?1)");
        auto keep_id = [&](const std::string& id) {
            keep.reset();
            keep.bind(1, id).run();
        };
        for (const auto& id : result.parse.ids_on_bad_lines) keep_id(id);
        for (const auto& e : result.parse.entries) keep_id(e.learner.staff_id);
    }
    result.left_roster = static_cast<int>(
        sql::query_int(db, "SELECT count(*) FROM learners WHERE in_roster = 1 AND staff_id NOT IN (SELECT staff_id FROM roster_current)"));
    sql::exec(db, "UPDATE learners SET in_roster = 0 WHERE in_roster = 1 AND staff_id NOT IN (SELECT staff_id FROM roster_current)");

    sql::Statement exists(db, "SELECT in_roster FROM learners WHERE staff_id = ?1");
    sql::Statement upsert(db,
                          "INSERT INTO learners(staff_id, name, department, hire_date, in_roster, updated_at) VALUES(?1, ?2, ?3, ?4, 1, ?5) "
                          "ON CONFLICT(staff_id) DO UPDATE SET name = excluded.name, department = excluded.department, "
                          "hire_date = excluded.hire_date, in_roster = 1, updated_at = excluded.updated_at");
    for (const auto& e : result.parse.entries) {
        exists.reset();
        if (exists.bind(1, e.learner.staff_id).step()) ++result.updated;
        else ++result.added;
        upsert.reset();
        upsert.bind(1, e.learner.staff_id).bind(2, e.learner.name).bind(3, e.learner.department).bind(4, e.learner.hire_date).bind(5, now);
        upsert.run();
    }

    // Written by hand: every value is a number or one of three fixed encoding names, so nothing needs escaping.
    const std::string detail_text = "{\"encoding\":\"" + result.parse.encoding + "\",\"added\":" + std::to_string(result.added) +
                                    ",\"updated\":" + std::to_string(result.updated) + ",\"left_roster\":" +
                                    std::to_string(result.left_roster) + ",\"refused_lines\":" +
                                    std::to_string(result.parse.problems.size()) + "}";
    sql::Statement(db, "INSERT INTO events(at, kind, staff_id, detail_json, terminal_id) VALUES(?1, 'roster_import', '', ?2, ?3)")
        .bind(1, now)
        .bind(2, detail_text)
        .bind(3, terminal_id)
        .run();
    sql::exec(db, "DELETE FROM roster_current");
    tx.commit();
    result.written = true;
    return result;
}

RosterImportResult import_roster_file(sqlite3* db, const std::string& path, EpochMs now, const std::string& terminal_id) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        RosterImportResult r;
        r.parse.problems.push_back(problem(0, "ファイルを開けません: " + path, "Cannot open the file: " + path));
        return r;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return import_roster(db, ss.str(), now, terminal_id);
}

} // namespace kiosk
