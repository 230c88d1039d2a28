// Demonstration data: valid hash chains, scores the engine agrees with, plausible completion figures, the planted
// mis-keyed items found by the item statistics, reproducible from the seed, and never written into a used database.
#include "core/content.hpp"
#include "core/demo_data.hpp"
#include "core/item_stats.hpp"
#include "core/record_chain.hpp"
#include "core/reports.hpp"
#include "core/scoring.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <map>
#include <set>

namespace {

using namespace kiosk;

const Content& shipped() {
    static const Content c = load_content(std::string(KIOSK_SOURCE_DIR) + "/content", std::string(KIOSK_SOURCE_DIR) + "/scenarios");
    return c;
}

constexpr EpochMs kEnd = 1'780'000'000'000;  // 2026-05-28

std::vector<std::vector<std::string>> rows(sqlite3* db, const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> r;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const auto* t = sqlite3_column_text(st, c);
            r.push_back(t ? reinterpret_cast<const char*>(t) : "");
        }
        out.push_back(std::move(r));
    }
    sqlite3_finalize(st);
    return out;
}

long long one(sqlite3* db, const std::string& sql) { return std::stoll(rows(db, sql).at(0).at(0)); }

DemoOptions small() {
    DemoOptions o;
    o.staff = 400;
    o.departments = 8;
    o.years = 2;
    o.seed = 7;
    o.end = kEnd;
    o.attempts_per_transaction = 300;
    return o;
}

} // namespace

TEST_CASE("demonstration data: counts, chains, engine scores, completions and plausible figures") {
    AttemptStore store(":memory:", "test");
    int progress_calls = 0;
    const DemoSummary s = seed_demo_data(store, shipped(), small(), [&](const DemoSummary&) { ++progress_calls; });
    sqlite3* db = store.handle();
    CHECK(progress_calls > 1);  // several transactions

    // What the summary says is what is in the database.
    CHECK(s.in_roster == 400);
    CHECK(one(db, "SELECT count(*) FROM learners") == s.people);
    CHECK(one(db, "SELECT count(*) FROM learners WHERE in_roster = 1") == 400);
    CHECK(s.people > 400);  // some staff left during the period
    CHECK(one(db, "SELECT count(DISTINCT department) FROM learners") == 8);
    CHECK(one(db, "SELECT count(*) FROM attempts") == s.attempts);
    CHECK(one(db, "SELECT count(*) FROM attempts WHERE state = 'finished'") == s.finished);
    CHECK(one(db, "SELECT count(*) FROM responses") == s.responses);
    CHECK(one(db, "SELECT count(*) FROM completions") == s.completions);
    CHECK(one(db, "SELECT count(*) FROM events") == s.events);
    CHECK(s.responses > 20 * s.people);

    // Names and departments of a ward office; hire dates as ISO dates; times inside the period, on weekdays.
    for (const auto& r : rows(db, "SELECT name, department, hire_date FROM learners LIMIT 50")) {
        CHECK(r[0].find(' ') != std::string::npos);
        CHECK(std::find(demo_department_names().begin(), demo_department_names().end(), r[1]) != demo_department_names().end());
        CHECK(r[2].size() == 10);
    }
    CHECK(one(db, "SELECT min(started_at) FROM attempts") >= kEnd - 2 * 365 * 86400000LL - 3600000);
    CHECK(one(db, "SELECT max(finished_at) FROM attempts") <= kEnd + 14 * 86400000LL);
    CHECK(one(db, "SELECT count(*) FROM attempts WHERE strftime('%w', started_at / 1000, 'unixepoch', 'localtime') IN ('0', '6')") <
          s.attempts / 50);

    // The chains verify exactly as the store's own writes would.
    const VerifyReport v = verify_records(db, true);
    for (const auto& p : v.problems) INFO(p.describe());
    CHECK(v.ok());
    CHECK(v.heads.size() >= 2);

    // Every response scores as the engine scores it, and attempt totals are the sum of their responses.
    std::map<std::string, const Scenario*> bank;
    for (const auto& sc : shipped().scenarios) bank[sc.id] = &sc;
    for (const auto& r : rows(db, "SELECT item_id, response_json, points, max_points FROM responses WHERE seq % 17 = 0")) {
        Response resp;
        REQUIRE(Response::from_json(r[1], resp));
        const ItemScore sc = score(*bank.at(r[0]), resp);
        CHECK(sc.points == std::stoi(r[2]));
        CHECK(sc.max == std::stoi(r[3]));
    }
    CHECK(one(db, "SELECT count(*) FROM attempts a WHERE state = 'finished' AND points != (SELECT sum(points) FROM responses r WHERE r.attempt_uuid = a.uuid)") == 0);
    // Completions: exactly the passed attempts of courses that record them; the refresher's are valid for 365 days.
    CHECK(one(db, "SELECT count(*) FROM attempts WHERE passed = 1 AND course_id != 'practice'") == s.completions);
    CHECK(one(db, "SELECT count(*) FROM completions WHERE course_id = 'refresher' AND valid_until != completed_at + 365 * 86400000") == 0);
    CHECK(one(db, "SELECT count(*) FROM completions WHERE course_id = 'orientation' AND valid_until != 0") == 0);

    // Plausible figures: most staff are up to date, some are overdue or due soon; refresher pass rates are not trivial.
    const auto reports = completion_report(db, report_courses(shipped().courses), kEnd);
    const CourseCompletionReport* refresher = nullptr;
    for (const auto& r : reports)
        if (r.course.id == "refresher") refresher = &r;
    REQUIRE(refresher);
    CHECK(refresher->percent() > 60.0);
    CHECK(refresher->percent() < 97.0);
    CHECK(refresher->overdue.size() > 5);
    CHECK_FALSE(refresher->due_soon.empty());
    CHECK(refresher->trend.size() >= 18);
    const double pass = static_cast<double>(one(db, "SELECT sum(passed) FROM attempts WHERE course_id = 'refresher' AND state = 'finished'")) /
                        static_cast<double>(one(db, "SELECT count(*) FROM attempts WHERE course_id = 'refresher' AND state = 'finished'"));
    CHECK(pass > 0.45);
    CHECK(pass < 0.95);

    // Items differ in difficulty; the planted mis-keyed items come out with negative discrimination; easy ones are flagged.
    const ItemStatsReport st = item_statistics(db);
    double lo = 100, hi = 0;
    std::set<std::string> miskeyed_found, easy_found;
    for (const auto& it : st.items) {
        if (it.course_id != "refresher" || it.attempts < 20) continue;
        lo = std::min(lo, it.facility);
        hi = std::max(hi, it.facility);
        if (std::find(it.flags.begin(), it.flags.end(), "likely_miskeyed") != it.flags.end()) miskeyed_found.insert(it.item_id);
        if (std::find(it.flags.begin(), it.flags.end(), "teaches_nothing") != it.flags.end()) easy_found.insert(it.item_id);
    }
    CHECK(hi - lo > 20.0);
    REQUIRE(s.miskeyed_items.size() == 3);
    int planted_found = 0;
    for (const auto& id : s.miskeyed_items) planted_found += miskeyed_found.count(id) ? 1 : 0;
    CHECK(planted_found >= 2);
    for (const auto& id : s.easy_items) CHECK(easy_found.count(id) == 1);

    // The heatmap has a cell for most clause × department pairs.
    const Heatmap h = clause_heatmap(db, item_clause_map(shipped().scenarios));
    CHECK(h.departments.size() == 8);
    CHECK(h.cells.size() > h.clauses.size() * 6);
}

TEST_CASE("the same seed gives the same people, answers and scores") {
    AttemptStore a(":memory:", "t"), b(":memory:", "t");
    DemoOptions o = small();
    o.staff = 60;
    seed_demo_data(a, shipped(), o);
    seed_demo_data(b, shipped(), o);
    const char* people = "SELECT staff_id, name, department, hire_date, in_roster FROM learners ORDER BY staff_id";
    CHECK(rows(a.handle(), people) == rows(b.handle(), people));
    const char* scores = "SELECT staff_id, course_id, started_at, finished_at, points, max_points, passed, state, seed FROM attempts ORDER BY started_at, staff_id";
    CHECK(rows(a.handle(), scores) == rows(b.handle(), scores));
    o.seed = 8;
    AttemptStore c(":memory:", "t");
    seed_demo_data(c, shipped(), o);
    CHECK(rows(a.handle(), people) != rows(c.handle(), people));
}

TEST_CASE("demonstration data goes only into an empty database, with options in range") {
    AttemptStore store(":memory:", "t");
    store.upsert_learner({"123456", "実在 職員", "会計室", ""});
    DemoOptions o = small();
    o.staff = 10;
    CHECK_THROWS_AS(seed_demo_data(store, shipped(), o), std::invalid_argument);
    CHECK(one(store.handle(), "SELECT count(*) FROM learners") == 1);

    AttemptStore empty(":memory:", "t");
    o.departments = static_cast<int>(demo_department_names().size()) + 1;
    CHECK_THROWS_AS(seed_demo_data(empty, shipped(), o), std::invalid_argument);
    o.departments = 3;
    o.years = 0;
    CHECK_THROWS_AS(seed_demo_data(empty, shipped(), o), std::invalid_argument);
    CHECK(one(empty.handle(), "SELECT count(*) FROM attempts") == 0);
}
