// Course states on the home screen: not started, in progress, completed, due soon, overdue, practice.
#include "core/course_status.hpp"
#include "core/dates.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using S = CourseStatus::State;

namespace {
Course refresher() {
    Course c;
    c.id = "refresher";
    c.valid_days = 365;
    return c;
}
CompletionRecord done(const std::string& course, EpochMs at, EpochMs until) {
    CompletionRecord r;
    r.course_id = course;
    r.completed_at = at;
    r.valid_until = until;
    return r;
}
constexpr EpochMs day = kDayMs;
constexpr EpochMs t0 = 1'750'000'000'000;
} // namespace

TEST_CASE("the latest completion of the same course decides the state") {
    const Course c = refresher();
    CHECK(course_status(c, {}, std::nullopt, "", t0).state == S::not_started);
    const auto valid = course_status(c, {done("refresher", t0 - 10 * day, t0 + 355 * day)}, std::nullopt, "", t0);
    CHECK(valid.state == S::completed);
    CHECK(valid.due == t0 + 355 * day);
    CHECK(course_status(c, {done("refresher", t0 - 340 * day, t0 + 25 * day)}, std::nullopt, "", t0).state == S::due_soon);
    CHECK(course_status(c, {done("refresher", t0 - 400 * day, t0 - 35 * day)}, std::nullopt, "", t0).state == S::overdue);
    // An old expired completion does not hide a newer valid one, and other courses do not count.
    const auto both = course_status(c, {done("refresher", t0 - 400 * day, t0 - 35 * day), done("refresher", t0 - 5 * day, t0 + 360 * day),
                                        done("orientation", t0, 0)},
                                    std::nullopt, "", t0);
    CHECK(both.state == S::completed);
    CHECK(both.completed_at == t0 - 5 * day);
}

TEST_CASE("an open attempt shows as in progress; practice never falls due") {
    AttemptRecord open;
    open.uuid = "u";
    CHECK(course_status(refresher(), {}, open, "", t0).state == S::in_progress);
    Course practice;
    practice.id = "practice";
    practice.records_completion = false;
    CHECK(course_status(practice, {}, std::nullopt, "", t0).state == S::practice);
}

TEST_CASE("orientation is due within 90 days of the hire date") {
    Course o;
    o.id = "orientation";
    EpochMs hired = 0;
    REQUIRE(parse_iso_date("2025-04-01", hired));
    CHECK(course_status(o, {}, std::nullopt, "2025-04-01", hired + 10 * day).state == S::not_started);
    CHECK(course_status(o, {}, std::nullopt, "2025-04-01", hired + 70 * day).state == S::due_soon);
    CHECK(course_status(o, {}, std::nullopt, "2025-04-01", hired + 91 * day).state == S::overdue);
    CHECK(course_status(o, {done("orientation", hired + 20 * day, 0)}, std::nullopt, "2025-04-01", hired + 400 * day).state == S::completed);
}
