// Roster import: UTF-8, Shift-JIS and BOM files, headers in Japanese and English, bad lines with line numbers, upserts.
#include "core/roster.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

namespace {

std::string fixture(const std::string& name) { return std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/roster/" + name; }

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The schema exactly as documented in docs/records.md (the first ```sql block), so these tests follow the contract.
struct Db {
    sqlite3* db = nullptr;
    Db() {
        const std::string md = read_bytes(std::string(KIOSK_SOURCE_DIR) + "/docs/records.md");
        const auto start = md.find("```sql\n");
        REQUIRE(start != std::string::npos);
        const std::string sql = md.substr(start + 7, md.find("```", start + 7) - start - 7);
        REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ~Db() { sqlite3_close(db); }
    std::string one(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        std::string v;
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    }
};

} // namespace

TEST_CASE("RFC 4180: quoted commas, doubled quotes, line breaks inside quotes, CRLF") {
    bool unterminated = true;
    const auto recs = kiosk::parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n1,\"two\nlines\",3\n4,5,6", unterminated);
    CHECK_FALSE(unterminated);
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].fields == std::vector<std::string>{"a", "b,c", "say \"hi\""});
    CHECK(recs[1].line == 3);
    CHECK(recs[1].fields[1] == "two\nlines");
    CHECK(recs[2].line == 5);
    CHECK(recs[2].fields == std::vector<std::string>{"4", "5", "6"});
    kiosk::parse_csv("a,\"open", unterminated);
    CHECK(unterminated);
}

TEST_CASE("a UTF-8 file with a Japanese header") {
    const auto p = kiosk::parse_roster_csv(read_bytes(fixture("staff_utf8.csv")));
    CHECK(p.encoding == "UTF-8");
    CHECK(p.has_header);
    CHECK(p.problems.empty());
    REQUIRE(p.entries.size() == 3);
    CHECK(p.entries[0].learner.staff_id == "10234");
    CHECK(p.entries[0].learner.name == "千代田 花子");
    CHECK(p.entries[0].learner.department == "広報広聴課");
    CHECK(p.entries[1].learner.department == "政策経営部, 情報政策課");
    CHECK(p.entries[1].learner.hire_date == "2021-04-01");  // 2021/4/1 as Excel writes it
    CHECK(p.entries[2].learner.name == "丸の内 \"まる\" 次郎");
    CHECK(p.entries[2].learner.hire_date.empty());
}

TEST_CASE("a Shift-JIS (CP932) file reads the same as its UTF-8 original") {
    const std::string sjis = read_bytes(fixture("staff_sjis.csv"));
    std::string utf8, enc;
    REQUIRE(kiosk::roster_text_to_utf8(sjis, utf8, enc));
    CHECK(enc == "CP932");
    CHECK(utf8 == read_bytes(fixture("staff_utf8.csv")));
    const auto p = kiosk::parse_roster_csv(sjis);
    REQUIRE(p.entries.size() == 3);
    CHECK(p.entries[0].learner.name == "千代田 花子");
    CHECK(p.entries[2].learner.department == "子ども部 子ども支援課");
}

TEST_CASE("a file with a BOM, an English header and CRLF line ends") {
    const auto p = kiosk::parse_roster_csv(read_bytes(fixture("staff_bom_en.csv")));
    CHECK(p.encoding == "UTF-8 (BOM)");
    CHECK(p.has_header);
    CHECK(p.problems.empty());
    REQUIRE(p.entries.size() == 2);
    CHECK(p.entries[0].learner.staff_id == "20001");  // the BOM is not part of the first header cell
    CHECK(p.entries[1].learner.department == "防災危機管理課");
}

TEST_CASE("columns in another order under the header; no header means the documented order; full-width digits") {
    auto p = kiosk::parse_roster_csv("name,hire_date,staff_id\nKanda,2020-04-01,555\n");
    REQUIRE(p.entries.size() == 1);
    CHECK(p.entries[0].learner.staff_id == "555");
    CHECK(p.entries[0].learner.name == "Kanda");
    p = kiosk::parse_roster_csv("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93,神田 三郎,会計室,2010-04-01\n");  // "１２３"
    CHECK_FALSE(p.has_header);
    REQUIRE(p.entries.size() == 1);
    CHECK(p.entries[0].learner.staff_id == "123");
    CHECK(p.entries[0].learner.department == "会計室");
    p = kiosk::parse_roster_csv("氏名,所属\n神田,会計室\n");
    REQUIRE(p.problems.size() == 1);
    CHECK(p.problems[0].line == 1);
}

TEST_CASE("each bad line is reported with its line number and reason; good lines still count") {
    const auto p = kiosk::parse_roster_csv(read_bytes(fixture("staff_bad_lines.csv")));
    std::vector<int> bad_lines;
    for (const auto& pr : p.problems) bad_lines.push_back(pr.line);
    CHECK(bad_lines == std::vector<int>{3, 4, 5, 6, 7, 11});
    CHECK(p.problems[0].reason.en.find("missing") != std::string::npos);
    CHECK(p.problems[1].reason.en.find("digits") != std::string::npos);
    CHECK(p.problems[2].reason.en.find("2020-02-30") != std::string::npos);
    CHECK(p.problems[3].reason.en.find("name") != std::string::npos);
    CHECK(p.problems[4].reason.en.find("twice") != std::string::npos);
    CHECK(p.problems[5].reason.ja.find("2024/13/01") != std::string::npos);
    REQUIRE(p.entries.size() == 3);
    CHECK(p.entries[1].line == 8);
    CHECK(p.entries[1].learner.name == "改行\nを含む 氏名");
    CHECK(p.entries[2].learner.staff_id == "30010");
}

TEST_CASE("import upserts on staff ID, never duplicates, and keeps in_roster current") {
    Db db;
    // Someone who signed in before any roster existed.
    REQUIRE(sqlite3_exec(db.db, "INSERT INTO learners(staff_id, department, updated_at) VALUES('10234', '広報広聴課', 1)", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    auto r = kiosk::import_roster_file(db.db, fixture("staff_utf8.csv"), 1000, "T1");
    CHECK(r.written);
    CHECK(r.added == 2);
    CHECK(r.updated == 1);
    CHECK(db.one("SELECT count(*) FROM learners") == "3");
    CHECK(db.one("SELECT name FROM learners WHERE staff_id = '10234'") == "千代田 花子");

    r = kiosk::import_roster_file(db.db, fixture("staff_sjis.csv"), 2000, "T1");  // the same people again, from Excel
    CHECK(r.added == 0);
    CHECK(r.updated == 3);
    CHECK(r.left_roster == 0);
    CHECK(db.one("SELECT count(*) FROM learners") == "3");
    CHECK(db.one("SELECT count(*) FROM learners WHERE in_roster = 1") == "3");

    r = kiosk::import_roster_file(db.db, fixture("staff_bom_en.csv"), 3000, "T1");
    CHECK(r.added == 2);
    CHECK(r.left_roster == 3);
    CHECK(db.one("SELECT count(*) FROM learners") == "5");
    CHECK(db.one("SELECT group_concat(staff_id) FROM (SELECT staff_id FROM learners WHERE in_roster = 1 ORDER BY staff_id)") ==
          "20001,20002");
    CHECK(db.one("SELECT count(*) FROM events WHERE kind = 'roster_import'") == "3");
    CHECK(db.one("SELECT json_extract(detail_json, '$.encoding') FROM events WHERE kind = 'roster_import' ORDER BY id LIMIT 1 OFFSET 1") ==
          "CP932");
}

TEST_CASE("a file with any refused line imports nothing and marks nobody as having left; a file with no good line changes nothing") {
    Db db;
    REQUIRE(kiosk::import_roster(db.db, "30004,日付 誤り,区民生活課,2020-02-01\n30005,名前 有り,区民生活課,\n", 1, "T1").written);
    const std::string before = db.one("SELECT group_concat(staff_id || name || in_roster || updated_at, ';') FROM learners");
    const auto r = kiosk::import_roster_file(db.db, fixture("staff_bad_lines.csv"), 2, "T1");
    CHECK_FALSE(r.written);
    CHECK(r.parse.problems.size() == 6);
    CHECK(r.parse.entries.size() == 3);  // good lines are counted, but not written while others are refused
    CHECK(db.one("SELECT group_concat(staff_id || name || in_roster || updated_at, ';') FROM learners") == before);
    CHECK(db.one("SELECT count(*) FROM learners WHERE in_roster = 1") == "2");
    CHECK(db.one("SELECT count(*) FROM events WHERE kind = 'roster_import'") == "1");

    const auto none = kiosk::import_roster(db.db, "職員番号,氏名\nabc,誰か\n", 3, "T1");
    CHECK_FALSE(none.written);
    CHECK(db.one("SELECT count(*) FROM learners WHERE in_roster = 1") == "2");
    CHECK_FALSE(kiosk::import_roster(db.db, std::string("\x82\xA0\xFF\xFF", 4), 4, "T1").written);
}

TEST_CASE("one stray opening quote is an error with its line, and nothing of the file is imported") {
    Db db;
    // The quote before 山田 is never closed on its line: the three lines after it would become one name.
    const std::string swallowing = "職員番号,氏名,所属\n40001,\"山田 太郎,総務課\n40002,佐藤 花子,総務課\n40003,鈴木 一郎,総務課\n";
    auto r = kiosk::import_roster(db.db, swallowing, 1, "T1");
    CHECK_FALSE(r.written);
    REQUIRE_FALSE(r.parse.problems.empty());
    CHECK(r.parse.problems[0].line == 2);
    CHECK(r.parse.problems[0].reason.en.find("quote") != std::string::npos);
    CHECK(db.one("SELECT count(*) FROM learners") == "0");

    // A later quote closes it: the text after the closing quote gives the slip away.
    r = kiosk::import_roster(db.db, "40001,\"山田 太郎,総務課\n40002,\"佐藤\" 花子,総務課\n", 1, "T1");
    CHECK_FALSE(r.written);
    REQUIRE_FALSE(r.parse.problems.empty());
    CHECK(r.parse.problems[0].line == 1);

    // A quote in the middle of a field, and a quote never closed at all.
    r = kiosk::import_roster(db.db, "40001,山田\"太郎,総務課\n", 1, "T1");
    REQUIRE(r.parse.problems.size() == 1);
    CHECK(r.parse.problems[0].reason.en.find("middle") != std::string::npos);
    r = kiosk::import_roster(db.db, "40001,山田 太郎,総務課\n40002,\"佐藤 花子,総務課", 1, "T1");
    REQUIRE(r.parse.problems.size() == 1);
    CHECK(r.parse.problems[0].line == 2);
    CHECK(r.parse.problems[0].reason.en.find("never closed") != std::string::npos);
    CHECK(db.one("SELECT count(*) FROM learners") == "0");

    // A line break inside a properly quoted field is still RFC 4180 (a department written on two lines).
    r = kiosk::import_roster(db.db, "40001,山田 太郎,\"総務部\n総務課\"\n", 1, "T1");
    CHECK(r.written);
    CHECK(r.parse.problems.empty());
}

TEST_CASE("names and departments longer than 100 characters are refused with their line") {
    Db db;
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "名";
    auto r = kiosk::import_roster(db.db, "50001," + hundred + ",総務課\n", 1, "T1");
    CHECK(r.written);  // exactly 100 is fine
    const std::string long_name(20000, 'A');
    r = kiosk::import_roster(db.db, "50002,短い 名前,総務課\n50003," + long_name + ",総務課\n", 2, "T1");
    CHECK_FALSE(r.written);
    REQUIRE(r.parse.problems.size() == 1);
    CHECK(r.parse.problems[0].line == 2);
    CHECK(r.parse.problems[0].reason.en.find("20000 characters") != std::string::npos);
    r = kiosk::import_roster(db.db, "50004,山田,\"" + hundred + "課\"\n", 3, "T1");
    REQUIRE(r.parse.problems.size() == 1);
    CHECK(r.parse.problems[0].reason.ja.find("所属が長すぎます") != std::string::npos);
    CHECK(db.one("SELECT count(*) FROM learners") == "1");
}
