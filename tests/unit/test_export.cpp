// CSV and xAPI exports: formula cells neutralised (OWASP), RFC 4180 quoting read back by the roster's own CSV reader,
// BOM and CRLF, both tables and header languages; xAPI statements with ADL verbs, scores, durations, context, stable
// ids; and the chain heads of the snapshot exported.
#include "core/dates.hpp"
#include "core/record_export.hpp"
#include "core/roster.hpp"
#include "store_fixtures.hpp"

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

using namespace kiosk;
using namespace kiosk::store_fixtures;
using json = nlohmann::json;

namespace {

std::vector<CsvRecord> read_back(const std::string& text) {
    REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
    bool unterminated = false;
    auto records = parse_csv(std::string_view(text).substr(3), unterminated);
    REQUIRE_FALSE(unterminated);
    return records;
}

std::size_t column(const CsvRecord& header, const std::string& name) {
    for (std::size_t i = 0; i < header.fields.size(); ++i)
        if (header.fields[i] == name) return i;
    FAIL("no column " << name);
    return 0;
}

std::vector<json> statements(const std::string& text) {
    std::vector<json> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        REQUIRE(end != std::string::npos);  // every statement ends its line
        out.push_back(json::parse(text.substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

} // namespace

TEST_CASE("a cell that a spreadsheet would run gets a leading apostrophe; every text cell is quoted") {
    CHECK(csv_text_cell("千代田 花子") == "\"千代田 花子\"");
    CHECK(csv_text_cell("=1+1") == "\"'=1+1\"");
    CHECK(csv_text_cell("+81-3") == "\"'+81-3\"");
    CHECK(csv_text_cell("-2+3") == "\"'-2+3\"");
    CHECK(csv_text_cell("@SUM(A1)") == "\"'@SUM(A1)\"");
    CHECK(csv_text_cell("\tcmd") == "\"'\tcmd\"");
    CHECK(csv_text_cell("\rcmd") == "\"'\rcmd\"");
    CHECK(csv_text_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    // Only the first character counts; the same characters inside a value are data.
    CHECK(csv_text_cell("a=b") == "\"a=b\"");
    CHECK(csv_text_cell("1-2") == "\"1-2\"");
    CHECK(csv_text_cell(" =1") == "\" =1\"");
    CHECK(csv_text_cell("") == "\"\"");
    CHECK(csv_text_cell("a,b\r\nc") == "\"a,b\r\nc\"");
}

TEST_CASE("ISO 8601 durations to the centisecond and timestamps") {
    CHECK(iso_duration(0) == "PT0S");
    CHECK(iso_duration(4100) == "PT4.1S");
    CHECK(iso_duration(4123) == "PT4.12S");
    CHECK(iso_duration(4126) == "PT4.13S");
    CHECK(iso_duration(60'000) == "PT1M");
    CHECK(iso_duration(3'723'450) == "PT1H2M3.45S");
    CHECK(iso_duration(7'200'000) == "PT2H");
    CHECK(iso_duration(-5) == "PT0S");
    CHECK(iso_utc_timestamp_ms(1'700'000'000'123) == "2023-11-14T22:13:20.123Z");
    CHECK(iso_utc_timestamp_ms(0) == "1970-01-01T00:00:00.000Z");
    CHECK(iso_local_timestamp(0).empty());
    CHECK(std::regex_match(iso_local_timestamp(1'700'000'000'123), std::regex(R"(2023-11-1[45]T\d\d:\d\d:\d\d[+-]\d\d:\d\d)")));
}

TEST_CASE("name-based statement ids are UUIDs (version 8, RFC 4122 variant), stable and distinct") {
    const std::string a = uuid_from_name("answered\nx\n0");
    CHECK(std::regex_match(a, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    CHECK(uuid_from_name("answered\nx\n0") == a);
    CHECK(uuid_from_name("answered\nx\n1") != a);
}

TEST_CASE("CSV of attempts: BOM, CRLF, header, one row per attempt with the learner, the result and the completion") {
    AttemptStore store(":memory:", "north");
    store.upsert_learner(Learner{"000123", "千代田 花子", "政策経営部", "2024-04-01"});
    store.upsert_learner(Learner{"100203", "=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1;2)", ""});
    store.upsert_learner(Learner{"100204", "\tTAB", "\rCR, \"quoted\"\nline", ""});
    const auto passed = finished_attempt(store, "000123", 5, 0, 1'700'000'000'000);
    const auto failed = finished_attempt(store, "100203", 5, 3, 1'700'000'100'000);
    AttemptRecord open = attempt_record("100204", "orientation", 4, 1'700'000'200'000);
    store.create_attempt(open);
    store.record_response(response_record(open, 0, true, 1'700'000'205'000));

    const ExportResult ja = export_csv(store.handle(), CsvTable::attempts, Lang::ja);
    CHECK(ja.rows == 3);
    CHECK(ja.text.find("\r\n") != std::string::npos);
    const auto records = read_back(ja.text);
    REQUIRE(records.size() == 4);
    const auto& h = records[0];
    CHECK(h.fields.front() == "職員番号");
    const auto id = column(h, "職員番号"), name = column(h, "氏名"), dept = column(h, "所属"), points = column(h, "得点"),
               percent = column(h, "正答率(%)"), code = column(h, "修了コード"), state = column(h, "状態"), uuid = column(h, "受講ID");
    for (const auto& r : records) CHECK(r.fields.size() == h.fields.size());

    CHECK(records[1].fields[id] == "000123");
    CHECK(records[1].fields[name] == "千代田 花子");
    CHECK(records[1].fields[points] == "5");
    CHECK(records[1].fields[percent] == "100.0");
    CHECK(records[1].fields[code] == completion_code(passed.uuid));
    CHECK(records[1].fields[uuid] == passed.uuid);
    CHECK(records[2].fields[name] == "'=HYPERLINK(\"http://evil.example\",\"x\")");
    CHECK(records[2].fields[dept] == "'@SUM(1;2)");
    CHECK(records[2].fields[percent] == "40.0");
    CHECK(records[2].fields[code].empty());
    CHECK(records[2].fields[uuid] == failed.uuid);
    CHECK(records[3].fields[name] == "'\tTAB");
    CHECK(records[3].fields[dept] == "'\rCR, \"quoted\"\nline");
    CHECK(records[3].fields[state] == "in_progress");
    CHECK(records[3].fields[points].empty());  // not finished: no result yet

    const ExportResult en = export_csv(store.handle(), CsvTable::attempts, Lang::en);
    CHECK(read_back(en.text)[0].fields[0] == "staff_id");
    CHECK(en.text.substr(en.text.find("\r\n")) == ja.text.substr(ja.text.find("\r\n")));  // only the header differs
}

TEST_CASE("CSV of responses: one row per answer in chain order, with seq and row_hash for checking against the file") {
    AttemptStore store(":memory:", "north");
    store.upsert_learner(Learner{"7", "+1 name", "", ""});
    finished_attempt(store, "7", 3, 1);
    const ExportResult out = export_csv(store.handle(), CsvTable::responses, Lang::en);
    CHECK(out.rows == 3);
    const auto records = read_back(out.text);
    REQUIRE(records.size() == 4);
    const auto& h = records[0];
    CHECK(records[1].fields[column(h, "name")] == "'+1 name");
    CHECK(records[1].fields[column(h, "response")] == R"({"selected":["b"]})");
    CHECK(records[1].fields[column(h, "points")] == "0");
    CHECK(records[2].fields[column(h, "points")] == "1");
    CHECK(records[3].fields[column(h, "item_index")] == "2");
    CHECK(records[3].fields[column(h, "row_hash")] == query_text(store.handle(), "SELECT row_hash FROM responses WHERE item_index = 2"));
    CHECK(records[1].fields[column(h, "time_taken_ms")] == "4000");
}

TEST_CASE("the export carries the chain heads of the snapshot it read") {
    AttemptStore store(":memory:", "north");
    finished_attempt(store, "1", 3);
    const auto a = export_csv(store.handle(), CsvTable::attempts, Lang::ja);
    REQUIRE(a.heads.size() == 1);
    CHECK(a.heads[0].terminal_id == "north");
    CHECK(a.heads[0].length == 1 + 1 + 3 + 1 + 1);  // key row, chained start, answers, result, completion
    CHECK(a.heads[0].head == query_text(store.handle(), "SELECT row_hash FROM completions"));
    CHECK(sqlite3_get_autocommit(store.handle()) == 1);  // the read snapshot is closed again
    finished_attempt(store, "2", 2, 2);
    const auto b = export_xapi(store.handle(), XapiOptions{});
    REQUIRE(b.heads.size() == 1);
    CHECK(b.heads[0].length == 7 + 1 + 2 + 1);
}

TEST_CASE("xAPI: answered for every answer; completed and passed or failed for every finished attempt") {
    AttemptStore store(":memory:", "north");
    store.upsert_learner(Learner{"000123", "千代田 花子", "政策経営部", ""});
    const auto passed = finished_attempt(store, "000123", 5, 1, 1'700'000'000'000);  // 4/5 = 80 %: passed
    const auto failed = finished_attempt(store, "555", 4, 4, 1'700'000'100'000);
    AttemptRecord open = attempt_record("000123", "orientation", 3, 1'700'000'200'000);
    store.create_attempt(open);
    store.record_response(response_record(open, 0, false, 1'700'000'201'000));

    XapiOptions o;
    o.account_home_page = "https://staff.example.lg.jp";
    o.activity_base = "https://lrs.example.lg.jp/guideline";
    const ExportResult out = export_xapi(store.handle(), o);
    const auto all = statements(out.text);
    CHECK(out.rows == all.size());
    std::map<std::string, int> verbs;
    std::set<std::string> ids;
    for (const auto& s : all) {
        ++verbs[s["verb"]["id"].get<std::string>()];
        ids.insert(s["id"].get<std::string>());
        CHECK(s["actor"]["objectType"] == "Agent");
        CHECK(s["actor"]["account"]["homePage"] == "https://staff.example.lg.jp");
        CHECK(s["version"] == "1.0.3");
        CHECK(s["context"]["extensions"]["https://lrs.example.lg.jp/guideline/extensions/content-version"] == std::string(64, 'a'));
        CHECK(s["context"]["revision"] == std::string(64, 'a'));
        CHECK(s["result"]["score"]["min"] == 0);
    }
    CHECK(ids.size() == all.size());
    CHECK(verbs["http://adlnet.gov/expapi/verbs/answered"] == 5 + 4 + 1);
    CHECK(verbs["http://adlnet.gov/expapi/verbs/completed"] == 2);
    CHECK(verbs["http://adlnet.gov/expapi/verbs/passed"] == 1);
    CHECK(verbs["http://adlnet.gov/expapi/verbs/failed"] == 1);
    CHECK(verbs.size() == 4);

    const auto find = [&](const std::string& verb, const std::string& registration, int index = -1) -> const json& {
        for (const auto& s : all)
            if (s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/" + verb && s["context"]["registration"] == registration &&
                (index < 0 || s["context"]["extensions"]["https://lrs.example.lg.jp/guideline/extensions/item-index"] == index))
                return s;
        FAIL("no " << verb << " statement for " << registration);
        return all.front();
    };

    const json& answer = find("answered", passed.uuid, 0);
    CHECK(answer["actor"]["name"] == "千代田 花子");
    CHECK(answer["actor"]["account"]["name"] == "000123");
    CHECK(answer["verb"]["display"]["en-US"] == "answered");
    CHECK(answer["object"]["id"] == "https://lrs.example.lg.jp/guideline/items/item-0");
    CHECK(answer["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction");
    CHECK(answer["object"]["definition"]["interactionType"] == "choice");
    CHECK(answer["result"]["response"] == "b");
    CHECK(answer["result"]["success"] == false);
    CHECK(answer["result"]["score"]["raw"] == 0);
    CHECK(answer["result"]["score"]["max"] == 1);
    CHECK(answer["result"]["duration"] == "PT4S");
    CHECK(answer["context"]["contextActivities"]["parent"][0]["id"] == "https://lrs.example.lg.jp/guideline/courses/refresher");
    CHECK(answer["context"]["extensions"]["https://lrs.example.lg.jp/guideline/extensions/item-hash"] == std::string(64, '0'));
    CHECK(answer["timestamp"] == "2023-11-14T22:13:25.000Z");

    const json& pass = find("passed", passed.uuid);
    CHECK(pass["object"]["id"] == "https://lrs.example.lg.jp/guideline/courses/refresher");
    CHECK(pass["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/course");
    CHECK(pass["result"]["score"]["scaled"] == Approx(0.8));
    CHECK(pass["result"]["score"]["raw"] == 4);
    CHECK(pass["result"]["score"]["max"] == 5);
    CHECK(pass["result"]["success"] == true);
    CHECK(pass["result"]["completion"] == true);
    CHECK(pass["result"]["duration"] == "PT21S");  // 4.0 + 4.1 + 4.2 + 4.3 + 4.4 s of answering
    CHECK(pass["timestamp"] == iso_utc_timestamp_ms(passed.finished_at));
    CHECK(pass["context"]["extensions"]["https://lrs.example.lg.jp/guideline/extensions/course"] == "refresher");
    const json& fail = find("failed", failed.uuid);
    CHECK(fail["result"]["success"] == false);
    CHECK(fail["result"]["score"]["scaled"] == Approx(0.0));
    CHECK_FALSE(fail["actor"].contains("name"));  // not in the roster: the account alone identifies the person

    // The open attempt has its answer but no outcome yet.
    for (const auto& s : all)
        if (s["context"]["registration"] == open.uuid) CHECK(s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");

    // Exporting again gives the same statements.
    CHECK(export_xapi(store.handle(), o).text == out.text);
}
