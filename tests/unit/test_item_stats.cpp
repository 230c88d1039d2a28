// Item statistics: Moodle's formulas checked against a hand computation, flags, alpha for drawn courses, first attempts only.
#include "core/item_stats.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <sstream>

namespace {

kiosk::ScoredAttempt attempt(const std::string& course, const std::string& uuid, std::vector<kiosk::ScoredItem> items) {
    return {course, uuid, std::move(items)};
}

const kiosk::ItemStatistics& item(const kiosk::ItemStatsReport& r, const std::string& id) {
    for (const auto& s : r.items)
        if (s.item_id == id) return s;
    FAIL("no statistics for " << id);
    throw 0;
}

bool has_flag(const kiosk::ItemStatistics& s, const std::string& f) {
    return std::find(s.flags.begin(), s.flags.end(), f) != s.flags.end();
}

} // namespace

// Five first attempts at a fixed quiz, items q1 (1 point), q2 (1 point), q3 (2 points); test max 4.
//
//        q1 q2 q3 | total     x = points/max          rest X = (total − item)/(4 − item max)
//   P1    1  1  2 |   4       q1: 1 1 1 0 0           q1: 3/3 2/3 1/3 1/3 1/3
//   P2    1  0  2 |   3       q2: 1 0 1 1 0           q2: 3/3 3/3 1/3 0/3 1/3
//   P3    1  1  0 |   2       q3: 1 1 0 0 .5          q3: 2/2 1/2 2/2 1/2 0/2
//   P4    0  1  0 |   1
//   P5    0  0  1 |   1
//
// q1: mean x = 3/5 → facility 60. Σ(x − .6)² = 3×.16 + 2×.36 = 1.2, /4 = .3 → SD = √.3 = 54.77.
//     X = 1, 2/3, 1/3, 1/3, 1/3, mean 8/15; deviations x: .4 .4 .4 −.6 −.6, X: 7/15 2/15 −3/15 −3/15 −3/15.
//     Σ products = (2.8 + 0.8 − 1.2 + 1.8 + 1.8)/15 = 6/15 = .4 → cov = .1; Σ(X − X̄)² = (49+4+9+9+9)/225 = 80/225 → var X = .08889.
//     r = .1 / √(.3 × .08889) = .1 / .16330 = .6124 → discrimination 61.24.
//     Sorting x and X separately gives the same pairing as the data → cov_max = cov = .1 → DE = 100.
// q2: facility 60, SD 54.77. X = 1, 1, 1/3, 0, 1/3, mean 8/15; deviations x: .4 −.6 .4 .4 −.6, X: 7/15 7/15 −3/15 −8/15 −3/15.
//     Σ products = (2.8 − 4.2 − 1.2 − 3.2 + 1.8)/15 = −4/15 → cov = −1/15 = −.06667; Σ(X − X̄)² = (49+49+9+64+9)/225 = .8 → var .2.
//     r = −.06667 / √(.3 × .2) = −.06667 / .24495 = −.2722 → discrimination −27.22 → "likely mis-keyed".
//     Sorted: x 0 0 1 1 1 with X 0 1/3 1/3 1 1 → Σ = (−.6×−8/15 − .6×−3/15 + .4×−3/15 + .4×7/15 + .4×7/15) = 11/15,
//     cov_max = 11/60 = .18333 → DE = −.06667 / .18333 = −36.36.
// q3: x 1 1 0 0 .5 → facility 50, Σ(x−.5)² = 1, var .25, SD 50. X 1 .5 1 .5 0 (mean .6):
//     products .5×.4 + .5×−.1 − .5×.4 − .5×−.1 + 0 = 0 → discrimination 0, DE 0.
// Alpha on raw points: var q1 = .3, var q2 = .3, var q3 = Σ(p−1)² /4 = (1+1+1+1+0)/4 = 1.0; totals 4 3 2 1 1, mean 2.2,
//     Σ(T−2.2)² = 3.24+.64+.04+1.44+1.44 = 6.8, var 1.7. alpha = 3/2 × (1 − 1.6/1.7) = 1.5 × 0.05882 = 0.08824 → 8.82.
TEST_CASE("facility, SD, discrimination, efficiency and alpha match the hand computation") {
    using I = kiosk::ScoredItem;
    const std::vector<kiosk::ScoredAttempt> attempts = {
        attempt("quiz", "p1", {I{"q1", 1, 1, {"a"}}, I{"q2", 1, 1, {"b"}}, I{"q3", 2, 2, {"a", "c"}}}),
        attempt("quiz", "p2", {I{"q1", 1, 1, {"a"}}, I{"q2", 0, 1, {"a"}}, I{"q3", 2, 2, {"a", "c"}}}),
        attempt("quiz", "p3", {I{"q1", 1, 1, {"a"}}, I{"q2", 1, 1, {"b"}}, I{"q3", 0, 2, {"b"}}}),
        attempt("quiz", "p4", {I{"q1", 0, 1, {"b"}}, I{"q2", 1, 1, {"b"}}, I{"q3", 0, 2, {}}}),
        attempt("quiz", "p5", {I{"q1", 0, 1, {"c"}}, I{"q2", 0, 1, {"c"}}, I{"q3", 1, 2, {"a"}}}),
    };
    const auto r = kiosk::compute_item_statistics(attempts);
    const auto& q1 = item(r, "q1");
    CHECK(q1.attempts == 5);
    CHECK(q1.facility == Approx(60.0));
    CHECK(*q1.sd == Approx(54.772).epsilon(1e-4));
    CHECK(*q1.discrimination == Approx(61.237).epsilon(1e-4));
    CHECK(*q1.efficiency == Approx(100.0));
    CHECK(q1.flags.empty());
    REQUIRE(q1.options.size() == 3);
    CHECK(q1.options[0].option_id == "a");
    CHECK(q1.options[0].chosen == 3);
    CHECK(q1.options[0].percent == Approx(60.0));

    const auto& q2 = item(r, "q2");
    CHECK(q2.facility == Approx(60.0));
    CHECK(*q2.discrimination == Approx(-27.217).epsilon(1e-4));
    CHECK(*q2.efficiency == Approx(-36.364).epsilon(1e-4));
    CHECK(has_flag(q2, "likely_miskeyed"));
    CHECK_FALSE(has_flag(q2, "dubious"));  // fewer than 30 attempts

    const auto& q3 = item(r, "q3");
    CHECK(q3.facility == Approx(50.0));
    CHECK(*q3.sd == Approx(50.0));
    CHECK(*q3.discrimination == Approx(0.0).margin(1e-9));
    CHECK(*q3.efficiency == Approx(0.0).margin(1e-9));

    REQUIRE(r.courses.size() == 1);
    CHECK(r.courses[0].item_sets == 1);
    CHECK(r.courses[0].alpha_attempts == 5);
    CHECK(*r.courses[0].alpha == Approx(8.8235).epsilon(1e-4));
}

TEST_CASE("flags: an item everyone gets right teaches nothing; no relation to the rest with 30+ attempts is dubious") {
    using I = kiosk::ScoredItem;
    std::vector<kiosk::ScoredAttempt> attempts;
    // 40 attempts: A right on even attempts, B right on attempts 0,1 mod 4, C always right. A and B are unrelated
    // (the products (A−½)(B−½) are +¼ −¼ −¼ +¼ per four attempts), so cov(A, rest) = 0 → DE 0 < 15 with 40 attempts.
    for (int k = 0; k < 40; ++k)
        attempts.push_back(attempt("big", "u" + std::to_string(k),
                                   {I{"A", k % 2 == 0 ? 1 : 0, 1, {}}, I{"B", k % 4 < 2 ? 1 : 0, 1, {}}, I{"C", 1, 1, {}}}));
    const auto r = kiosk::compute_item_statistics(attempts);
    CHECK(has_flag(item(r, "A"), "dubious"));
    CHECK(item(r, "A").facility == Approx(50.0));
    const auto& c = item(r, "C");
    CHECK(c.facility == Approx(100.0));
    CHECK(has_flag(c, "teaches_nothing"));
    CHECK_FALSE(c.discrimination.has_value());  // x does not vary: no correlation to report
}

TEST_CASE("a drawn course: alpha over the largest group of attempts with the same item set, and the output says so") {
    using I = kiosk::ScoredItem;
    const std::vector<kiosk::ScoredAttempt> attempts = {
        attempt("drawn", "1", {I{"x", 1, 1, {}}, I{"y", 1, 1, {}}}), attempt("drawn", "2", {I{"y", 0, 1, {}}, I{"x", 0, 1, {}}}),
        attempt("drawn", "3", {I{"x", 1, 1, {}}, I{"y", 0, 1, {}}}), attempt("drawn", "4", {I{"x", 1, 1, {}}, I{"z", 1, 1, {}}}),
    };
    const auto r = kiosk::compute_item_statistics(attempts);
    REQUIRE(r.courses.size() == 1);
    CHECK(r.courses[0].item_sets == 2);
    CHECK(r.courses[0].alpha_attempts == 3);
    CHECK(r.courses[0].note.find("most common item set") != std::string::npos);
    // Over {x, y}: x = 1 0 1 (var 1/3), y = 1 0 0 (var 1/3), totals 2 0 1 (var 1) → alpha = 2 × (1 − 2/3) = 66.67.
    CHECK(*r.courses[0].alpha == Approx(66.667).epsilon(1e-4));
    CHECK(item(r, "x").attempts == 4);
    CHECK(item(r, "z").attempts == 1);
}

TEST_CASE("the database reader takes each person's first finished attempt only and counts options from response_json") {
    std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/docs/records.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string md = ss.str();
    const auto start = md.find("```sql\n");
    REQUIRE(start != std::string::npos);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, md.substr(start + 7, md.find("```", start + 7) - start - 7).c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    const char* data = R"SQL(
INSERT INTO learners(staff_id, updated_at) VALUES ('1', 0), ('2', 0), ('3', 0);
INSERT INTO attempts(uuid, staff_id, course_id, mode, seed, guideline_hash, items_json, started_at, terminal_id, state) VALUES
 ('a0', '1', 'refresher', 'exam', 1, 'h', '[]', 50, 'T', 'abandoned'),
 ('a1', '1', 'refresher', 'exam', 1, 'h', '[]', 100, 'T', 'finished'),
 ('a2', '1', 'refresher', 'exam', 2, 'h', '[]', 200, 'T', 'finished'),
 ('b1', '2', 'refresher', 'exam', 3, 'h', '[]', 150, 'T', 'finished'),
 ('c2', '3', 'refresher', 'exam', 4, 'h', '[]', 300, 'T', 'finished'),
 ('c1', '3', 'refresher', 'exam', 5, 'h', '[]', 300, 'T', 'finished');
INSERT INTO responses(attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, time_taken_ms, terminal_id, prev_hash, row_hash) VALUES
 ('a0', 0, 'q', '{"selected":["c"]}', 0, 1, 51, 1, 'T', '', ''),
 ('a1', 0, 'q', '{"selected":["b"]}', 0, 1, 101, 1, 'T', '', ''),
 ('a2', 0, 'q', '{"selected":["a"]}', 1, 1, 201, 1, 'T', '', ''),
 ('b1', 0, 'q', '{"path":["a","d"]}', 1, 1, 151, 1, 'T', '', ''),
 ('c2', 0, 'q', '{"selected":["f"]}', 1, 1, 301, 1, 'T', '', ''),
 ('c1', 0, 'q', '{"selected":["e"]}', 0, 1, 301, 1, 'T', '', '');
)SQL";
    REQUIRE(sqlite3_exec(db, data, nullptr, nullptr, nullptr) == SQLITE_OK);
    const auto r = kiosk::item_statistics(db);
    sqlite3_close(db);
    const auto& q = item(r, "q");
    CHECK(q.attempts == 3);                   // a1, b1 and c1; a2 is a retake, a0 was abandoned, c1 wins c2's tie by uuid
    CHECK(q.facility == Approx(100.0 / 3));  // a1 wrong, b1 right, c1 wrong
    std::map<std::string, int> counts;
    for (const auto& o : q.options) counts[o.option_id] = o.chosen;
    CHECK(counts == std::map<std::string, int>{{"a", 1}, {"b", 1}, {"d", 1}, {"e", 1}});
}

TEST_CASE("the choices are the strings of the top-level selected and path arrays; anything malformed gives none") {
    using V = std::vector<std::string>;
    CHECK(kiosk::chosen_options(R"({"selected":["b","c"]})") == V{"b", "c"});
    CHECK(kiosk::chosen_options(R"({"path":["c1","c4","c11"]})") == V{"c1", "c4", "c11"});
    CHECK(kiosk::chosen_options(R"({"selected":["a"],"path":["p"]})") == V{"a", "p"});
    // Only strings directly in those arrays count: not numbers, nested arrays or objects, nor other keys' strings.
    CHECK(kiosk::chosen_options(R"({"selected":[1,["x"],{"k":"y"},"b"],"note":"z","other":["w"]})") == V{"b"});
    CHECK(kiosk::chosen_options(R"({"meta":{"selected":["x"]},"selected":"a"})").empty());
    CHECK(kiosk::chosen_options(R"(["selected"])").empty());
    CHECK(kiosk::chosen_options(R"({"selected":["a")").empty());
    CHECK(kiosk::chosen_options("").empty());
}
