// Completion report (roster or signed-in denominator, validity, overdue, due soon, trend) and the clause heatmap, on a real store.
#include "core/attempt_store.hpp"
#include "core/courses.hpp"
#include "core/dates.hpp"
#include "core/item_stats.hpp"
#include "core/model.hpp"
#include "core/reports.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

namespace {

using namespace kiosk;

// Noon on a local calendar day, so month buckets do not depend on the time zone of the test machine.
EpochMs day(const std::string& iso) {
    EpochMs t = 0;
    REQUIRE(parse_iso_date(iso, t));
    return t + 12 * 60 * 60 * 1000;
}

struct Records {
    AttemptStore store{":memory:", "T1"};
    int n = 0;

    void person(const std::string& id, const std::string& name, const std::string& dept, bool in_roster) {
        store.upsert_learner({id, name, dept, ""});
        exec("UPDATE learners SET in_roster = " + std::string(in_roster ? "1" : "0") + " WHERE staff_id = '" + id + "'");
    }
    // A finished attempt; with `valid_until` >= 0 also a completion.
    std::string attempt(const std::string& staff, const std::string& course, EpochMs at, EpochMs valid_until = -1,
                        std::vector<std::pair<std::string, std::pair<int, int>>> answers = {}) {
        AttemptRecord a;
        a.uuid = "u" + std::to_string(++n);
        a.staff_id = staff;
        a.course_id = course;
        a.mode = "exam";
        a.guideline_hash = "h";
        for (const auto& [item, pts] : answers) {
            a.item_ids.push_back(item);
            a.item_hashes.push_back("x");
        }
        a.started_at = at - 60000;
        store.create_attempt(a);
        int idx = 0;
        for (const auto& [item, pts] : answers) {
            ResponseRecord r{a.uuid, idx++, item, R"({"selected":["a"]})", pts.first, pts.second, at - 1000, 1000};
            store.record_response(r);
        }
        a.finished_at = at;
        a.state = AttemptState::finished;
        a.passed = valid_until >= 0;
        a.completed = true;
        std::optional<CompletionRecord> c;
        if (valid_until >= 0) c = CompletionRecord{a.uuid, staff, course, at, valid_until, 10, 10, completion_code(a.uuid)};
        store.finish_attempt(a, c);
        return a.uuid;
    }
    void exec(const std::string& sql) { REQUIRE(sqlite3_exec(store.handle(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK); }
};

std::vector<std::string> ids(const std::vector<PersonDue>& people) {
    std::vector<std::string> out;
    for (const auto& p : people) out.push_back(p.staff_id);
    return out;
}

const std::vector<ReportCourse> kCourses = {{"refresher", {"年次確認", "Annual refresher"}, 365, true},
                                            {"orientation", {"新任", "Orientation"}, 0, true}};

} // namespace

TEST_CASE("completion report: roster denominator, valid and expired completions, overdue, due soon, departments, trend") {
    Records db;
    db.person("1", "有楽 町子", "広報広聴課", true);
    db.person("2", "神田 太郎", "広報広聴課", true);
    db.person("3", "麹町 花子", "税務課", true);
    db.person("4", "番町 次郎", "税務課", true);
    db.person("9", "退職 者", "税務課", false);  // signed in once, no longer in the roster: not counted
    const EpochMs as_of = day("2026-03-31");
    db.attempt("1", "refresher", day("2026-01-15"), day("2026-01-15") + 365 * kDayMs);  // valid
    db.attempt("2", "refresher", day("2025-01-10"), day("2025-01-10") + 365 * kDayMs);  // expired in January 2026
    db.attempt("4", "refresher", day("2025-04-20"), day("2025-04-20") + 365 * kDayMs);  // valid, expires within 30 days
    db.attempt("9", "refresher", day("2026-02-01"), day("2026-02-01") + 365 * kDayMs);
    db.attempt("3", "refresher", day("2026-04-02"), day("2026-04-02") + 365 * kDayMs);  // after the report date
    db.attempt("3", "refresher", day("2026-03-01"));                                   // failed: no completion

    const auto reports = completion_report(db.store.handle(), kCourses, as_of);
    REQUIRE(reports.size() == 2);
    const auto& r = reports[0];
    CHECK(r.course.id == "refresher");
    CHECK(r.roster_denominator);
    CHECK(r.people == 4);
    CHECK(r.completed == 2);
    CHECK(r.percent() == Approx(50.0));
    CHECK(ids(r.overdue) == std::vector<std::string>{"2", "3"});  // by department (広報広聴課 < 税務課 in UTF-8), then ID
    CHECK(r.overdue[0].last_completed == day("2025-01-10"));
    CHECK(r.overdue[1].last_completed == 0);
    CHECK(ids(r.due_soon) == std::vector<std::string>{"4"});
    CHECK(r.due_soon[0].valid_until == day("2025-04-20") + 365 * kDayMs);
    REQUIRE(r.departments.size() == 2);
    CHECK(r.departments[0].department == "広報広聴課");
    CHECK(r.departments[0].people == 2);
    CHECK(r.departments[0].completed == 1);
    CHECK(r.departments[1].department == "税務課");
    CHECK(r.departments[1].completed == 1);
    // Trend: every completion up to the report date, by month (including people outside the roster).
    std::vector<std::pair<std::string, int>> trend;
    for (const auto& m : r.trend) trend.emplace_back(m.month, m.completions);
    CHECK(trend == std::vector<std::pair<std::string, int>>{{"2025-01", 1}, {"2025-04", 1}, {"2026-01", 1}, {"2026-02", 1}});

    // Orientation does not expire, and nobody has it.
    CHECK(reports[1].completed == 0);
    CHECK(reports[1].overdue.size() == 4);
    CHECK(reports[1].due_soon.empty());

    // A later report date: person 3's April completion counts, person 4's has expired.
    const auto later = completion_report(db.store.handle(), kCourses, day("2026-04-30"));
    CHECK(ids(later[0].overdue) == std::vector<std::string>{"2", "4"});
}

TEST_CASE("without a roster the denominator is everyone who has signed in; an old completion without valid_until expires by the course") {
    Records db;
    db.person("1", "", "", false);
    db.person("2", "", "", false);
    db.attempt("1", "refresher", day("2025-01-10"), 0);  // recorded before the course had a validity
    db.attempt("2", "refresher", day("2026-01-10"), 0);
    const auto r = completion_report(db.store.handle(), kCourses, day("2026-03-01"))[0];
    CHECK_FALSE(r.roster_denominator);
    CHECK(r.people == 2);
    CHECK(r.completed == 1);  // 2025-01-10 + 365 days is before the report date
    CHECK(ids(r.overdue) == std::vector<std::string>{"1"});
    REQUIRE(r.departments.size() == 1);
    CHECK(r.departments[0].department.empty());
}

TEST_CASE("completion CSV: one row per course, department, listed person and month; text cells quoted (RFC 4180)") {
    Records db;
    db.person("1", "千代田, \"花子\"", "広報広聴課", true);
    db.attempt("1", "refresher", day("2025-03-01"), day("2025-03-01") + 365 * kDayMs);
    const std::string csv = completion_report_csv(completion_report(db.store.handle(), kCourses, day("2026-03-31")));
    CHECK(csv.rfind("kind,course,department,staff_id,name,", 0) == 0);
    CHECK(csv.find("\r\ncourse,\"refresher\",,,,1,0,0.0,,,,\r\n") != std::string::npos);
    CHECK(csv.find("\r\ndepartment,\"refresher\",\"広報広聴課\",,,1,0,0.0,,,,\r\n") != std::string::npos);
    CHECK(csv.find("\r\noverdue,\"refresher\",\"広報広聴課\",\"1\",\"千代田, \"\"花子\"\"\",,,,2025-03-01,2026-03-01,,\r\n") !=
          std::string::npos);
    CHECK(csv.find("\r\nmonth,\"refresher\",,,,,,,,,2025-03,1\r\n") != std::string::npos);
}

TEST_CASE("report CSVs neutralise a department or name that a spreadsheet would read as a formula") {
    Records db;
    db.person("1", "=HYPERLINK(\"http://x.example\",\"a\")", "+税務課", true);
    db.person("2", "@SUM(A1)", "=1+1", true);
    db.person("3", "-2", "\tタブ", true);
    db.attempt("1", "refresher", day("2025-03-01"), day("2025-03-01") + 365 * kDayMs, {{"q-a", {1, 1}}});
    db.attempt("2", "refresher", day("2025-03-02"), -1, {{"q-a", {0, 1}}});
    const std::string csv = completion_report_csv(completion_report(db.store.handle(), kCourses, day("2026-03-31")));
    CHECK(csv.find("\r\ndepartment,\"refresher\",\"'+税務課\",,,1,") != std::string::npos);
    CHECK(csv.find("\r\ndepartment,\"refresher\",\"'=1+1\",,,1,") != std::string::npos);
    CHECK(csv.find("\r\ndepartment,\"refresher\",\"'\tタブ\",,,1,") != std::string::npos);
    CHECK(csv.find(",\"1\",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"a\"\")\",") != std::string::npos);
    CHECK(csv.find(",\"2\",\"'@SUM(A1)\",") != std::string::npos);
    CHECK(csv.find(",\"3\",\"'-2\",") != std::string::npos);
    // No cell of any row starts with a formula character outside quotes.
    for (const char* bad : {",=", ",+", ",@", ",-", ",\t", "\n=", "\n+", "\n@", "\n-"}) CHECK(csv.find(bad) == std::string::npos);

    Scenario a;
    a.id = "q-a";
    a.clauses = {"5.4.a"};
    const std::string heat = heatmap_csv(clause_heatmap(db.store.handle(), item_clause_map({a})));
    CHECK(heat.find("\r\n\"5.4.a\",\"'=1+1\",0,1,0.0,1\r\n") != std::string::npos);
    CHECK(heat.find("\r\n\"5.4.a\",\"'+税務課\",1,1,100.0,1\r\n") != std::string::npos);
}

TEST_CASE("heatmap: points over max per clause and department; an item counts for each clause; unknown items are left out") {
    Records db;
    db.person("1", "", "広報広聴課", true);
    db.person("2", "", "税務課", true);
    db.person("3", "", "", false);
    db.attempt("1", "refresher", day("2026-01-10"), -1, {{"q-a", {1, 1}}, {"q-ab", {1, 2}}, {"gone", {0, 5}}});
    db.attempt("2", "refresher", day("2026-01-11"), -1, {{"q-a", {0, 1}}, {"q-ab", {2, 2}}});
    db.attempt("3", "refresher", day("2026-01-12"), -1, {{"q-a", {1, 1}}});

    Scenario a, ab;
    a.id = "q-a";
    a.clauses = {"5.4.a"};
    ab.id = "q-ab";
    ab.clauses = {"5.10", "5.4.a", "5.4.a"};  // a repeated clause counts once
    const Heatmap h = clause_heatmap(db.store.handle(), item_clause_map({a, ab}));
    CHECK(h.clauses == std::vector<std::string>{"5.4.a", "5.10"});
    CHECK(h.departments == std::vector<std::string>{"", "広報広聴課", "税務課"});
    const HeatCell* c = h.cell("5.4.a", "広報広聴課");
    REQUIRE(c);
    CHECK(c->points == 2);
    CHECK(c->max_points == 3);
    CHECK(c->responses == 2);
    CHECK(c->percent() == Approx(200.0 / 3));
    REQUIRE(h.cell("5.10", "税務課"));
    CHECK(h.cell("5.10", "税務課")->percent() == Approx(100.0));
    REQUIRE(h.cell("5.4.a", ""));
    CHECK(h.cell("5.4.a", "")->responses == 1);
    CHECK(h.cell("5.10", "") == nullptr);
    const std::string csv = heatmap_csv(h);
    CHECK(csv.find("\r\n\"5.4.a\",\"広報広聴課\",2,3,66.7,2\r\n") != std::string::npos);
}

TEST_CASE("clause ids sort as the guideline numbers them") {
    std::vector<std::string> v{"6.3.d", "5.10", "4", "5.4.a", "5.4", "5.2", "6.3", "5.4.b", "preamble"};
    std::sort(v.begin(), v.end(), clause_less);
    CHECK(v == std::vector<std::string>{"4", "5.2", "5.4", "5.4.a", "5.4.b", "5.10", "6.3", "6.3.d", "preamble"});
}

TEST_CASE("report indexes can be added twice") {
    Records db;
    ensure_report_indexes(db.store.handle());
    ensure_report_indexes(db.store.handle());
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.store.handle(), "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'completions_by_course'", -1,
                               &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int(st, 0) == 1);
    sqlite3_finalize(st);
}

TEST_CASE("item statistics CSV: item rows with empty cells for undefined figures, then course rows with alpha") {
    using I = ScoredItem;
    const auto r = compute_item_statistics({{"quiz", "p1", {I{"q1", 1, 1, {"a"}}, I{"q2", 1, 1, {"b"}}}},
                                            {"quiz", "p2", {I{"q1", 0, 1, {"c"}}, I{"q2", 1, 1, {"b"}}}}});
    const std::string csv = item_statistics_csv(r);
    CHECK(csv.rfind("kind,course,item,attempts,facility,sd,discrimination,efficiency,flags,options,", 0) == 0);
    // q2: everyone right → facility 100, SD 0, no discrimination (x does not vary), flagged.
    CHECK(csv.find("\r\nitem,\"quiz\",\"q2\",2,100.0,0.0,,,\"teaches_nothing\",\"b:2\",,,,,\r\n") != std::string::npos);
    CHECK(csv.find("\r\nitem,\"quiz\",\"q1\",2,50.0,70.7,,,\"\",\"a:1;c:1\",,,,,\r\n") != std::string::npos);
    CHECK(csv.find("\r\ncourse,\"quiz\",,2,,,,,,,0.0,2,2,1,") != std::string::npos);
}

TEST_CASE("a role course counts only the people who have started it; courses for everyone count the whole roster") {
    Records db;
    db.person("1", "", "広報広聴課", true);
    db.person("2", "", "広報広聴課", true);
    db.person("3", "", "税務課", true);
    db.attempt("1", "operator", day("2026-01-10"), day("2026-01-10") + 365 * kDayMs);
    db.attempt("2", "operator", day("2026-01-11"));  // started, not passed
    const std::vector<ReportCourse> courses = {{"operator", {"運用担当", "Operator"}, 365, false}, {"refresher", {"年次", "Refresher"}, 365, true}};
    const auto r = completion_report(db.store.handle(), courses, day("2026-03-01"));
    CHECK(r[0].people == 2);
    CHECK(r[0].completed == 1);
    CHECK(ids(r[0].overdue) == std::vector<std::string>{"2"});
    CHECK(r[1].people == 3);

    Course general, role;
    general.id = "refresher";
    general.audience = "refresher";
    role.id = "operator";
    role.audience = "operator";
    Course practice;
    practice.id = "practice";
    practice.records_completion = false;
    const auto rc = report_courses({general, role, practice});
    REQUIRE(rc.size() == 2);
    CHECK(rc[0].everyone);
    CHECK_FALSE(rc[1].everyone);
}

TEST_CASE("heatmap: an answer changed under allow_back counts once, with the latest points") {
    Records db;
    db.person("1", "", "広報広聴課", true);
    const std::string uuid = db.attempt("1", "refresher", day("2026-01-10"), -1, {{"q-a", {0, 1}}, {"q-b", {1, 1}}});
    // The learner went back to item 0 and answered it again, correctly: a new row that supersedes the first.
    db.store.record_response(ResponseRecord{uuid, 0, "q-a", R"({"selected":["b"]})", 1, 1, day("2026-01-10") - 500, 800});
    Scenario a;
    a.id = "q-a";
    a.clauses = {"5.4.a"};
    const Heatmap h = clause_heatmap(db.store.handle(), item_clause_map({a}));
    const HeatCell* c = h.cell("5.4.a", "広報広聴課");
    REQUIRE(c);
    CHECK(c->responses == 1);
    CHECK(c->points == 1);
    CHECK(c->max_points == 1);
}
