// Attempt results: points and percent, pass mark, completion kept apart from passing, mastery by clause and section.
#include "core/results.hpp"
#include "engine_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
namespace fx = kiosk::fixtures;

namespace {

struct Attempt {
    std::vector<Scenario> bank;
    std::vector<const Scenario*> items;
    Attempt() {
        bank.push_back(fx::single("a", {"4.1"}));              // max 1
        bank.push_back(fx::multiple("b", {"5.2", "4.1"}));      // max 3
        bank.push_back(fx::classify("c", {"5.4.a", "5.4.b"}));  // max 2, clause 5.4
        bank.push_back(fx::branching("d", {"6.1"}));           // max 3
        for (const auto& s : bank) items.push_back(&s);
    }
};

Course course(int pass) {
    Course c;
    c.id = "t";
    c.pass_percent = pass;
    return c;
}

const ClauseMastery* find(const std::vector<ClauseMastery>& v, const std::string& id) {
    for (const auto& m : v)
        if (m.clause_id == id) return &m;
    return nullptr;
}

std::vector<std::string> ids(const std::vector<ClauseMastery>& v) {
    std::vector<std::string> out;
    for (const auto& m : v) out.push_back(m.clause_id);
    return out;
}

} // namespace

TEST_CASE("full marks: 100 %, passed, completed, nothing missed") {
    const Attempt a;
    const auto r = compute_result(course(80), fx::guideline(), a.items, {ItemScore{1, 1}, ItemScore{3, 3}, ItemScore{2, 2}, ItemScore{3, 3}});
    CHECK(r.points == 9);
    CHECK(r.max == 9);
    CHECK(r.percent == Approx(100.0));
    CHECK(r.passed);
    CHECK(r.completed);
    CHECK(r.missed_clauses.empty());
}

TEST_CASE("the pass mark is inclusive and exact, on marks: each item's fraction of its own max, weighed by its mark") {
    const Attempt a;
    // Fractions 1, 1/3, 1, 1 with mark 1 each: 3⅓ of 4 marks = 83.3 %, although the points are 7 of 9 (77.8 %).
    const auto seven = compute_result(course(80), fx::guideline(), a.items, {ItemScore{1, 1}, ItemScore{1, 3}, ItemScore{2, 2}, ItemScore{3, 3}});
    CHECK(seven.points == 7);
    CHECK(seven.max == 9);
    CHECK(seven.marks == Approx(10.0 / 3));
    CHECK(seven.max_marks == 4.0);
    CHECK(seven.percent == Approx(250.0 / 3));
    CHECK(seven.passed);
    CHECK(seven.completed);
    CHECK(compute_result(course(83), fx::guideline(), a.items, {ItemScore{1, 1}, ItemScore{1, 3}, ItemScore{2, 2}, ItemScore{3, 3}}).passed);
    CHECK_FALSE(compute_result(course(84), fx::guideline(), a.items, {ItemScore{1, 1}, ItemScore{1, 3}, ItemScore{2, 2}, ItemScore{3, 3}}).passed);
    // Marks weigh items: the branching item (d) at mark 3 makes its 0 of 3 points cost 3 of 6 marks.
    const auto weighed = compute_result(course(50), fx::guideline(), a.items, {ItemScore{1, 1}, ItemScore{3, 3}, ItemScore{2, 2}, ItemScore{0, 3}},
                                        {1, 1, 1, 3});
    CHECK(weighed.max_marks == 6.0);
    CHECK(weighed.percent == Approx(50.0));
    CHECK(weighed.passed);  // exactly on the mark
    Course marked = course(80);
    marked.marks["d"] = 3;  // the course's `marks` entry is used when no per-answer mark is given
    CHECK(compute_result(marked, fx::guideline(), a.items, {ItemScore{1, 1}, ItemScore{3, 3}, ItemScore{2, 2}, ItemScore{0, 3}}).max_marks == 6.0);
    // 80 % of 10 points is 8: equal is enough.
    std::vector<Scenario> ten;
    for (int i = 0; i < 10; ++i) ten.push_back(fx::single("q" + std::to_string(i), {"4.1"}));
    std::vector<const Scenario*> items;
    std::vector<std::optional<ItemScore>> answers;
    for (int i = 0; i < 10; ++i) {
        items.push_back(&ten[static_cast<std::size_t>(i)]);
        answers.push_back(ItemScore{i < 8 ? 1 : 0, 1});
    }
    CHECK(compute_result(course(80), fx::guideline(), items, answers).passed);
}

TEST_CASE("an unanswered item means not completed and so not passed, even with a high score") {
    const Attempt a;
    const auto r = compute_result(course(50), fx::guideline(), a.items, {ItemScore{1, 1}, ItemScore{3, 3}, ItemScore{2, 2}, std::nullopt});
    CHECK_FALSE(r.completed);
    CHECK_FALSE(r.passed);
    CHECK(r.points == 6);
    CHECK(r.max == 9);  // the unanswered item still counts at its full weight
    CHECK(r.max_marks == 4.0);
    CHECK(r.percent == Approx(75.0));
    CHECK(r.missed_clauses == std::vector<std::string>{"6.1"});
    // Fewer answers than items is the same as unanswered.
    CHECK_FALSE(compute_result(course(50), fx::guideline(), a.items, {ItemScore{1, 1}}).completed);
    // No items: nothing to complete.
    const auto empty = compute_result(course(0), fx::guideline(), {}, {});
    CHECK_FALSE(empty.completed);
    CHECK_FALSE(empty.passed);
    CHECK(empty.percent == 0.0);
}

TEST_CASE("clause mastery counts every clause of an item, sections follow the primary clause, guideline order") {
    const Attempt a;
    const auto r = compute_result(course(80), fx::guideline(), a.items, {ItemScore{0, 1}, ItemScore{2, 3}, ItemScore{2, 2}, ItemScore{1, 3}});
    CHECK(ids(r.clauses) == std::vector<std::string>{"4.1", "5.2", "5.4", "6.1"});
    // In marks: each item weighs its mark (1 here), whatever its points.
    const auto* c41 = find(r.clauses, "4.1");  // items a (0/1 → 0) and b (2/3 → ⅔)
    REQUIRE(c41);
    CHECK(c41->points == Approx(2.0 / 3));
    CHECK(c41->max == 2.0);
    CHECK(c41->ratio() == Approx(1.0 / 3));
    const auto* c52 = find(r.clauses, "5.2");
    REQUIRE(c52);
    CHECK(c52->points == Approx(2.0 / 3));
    CHECK(c52->max == 1.0);

    // Sections by primary clause: b counts under 5 only, although it is also tagged 4.1.
    CHECK(ids(r.sections) == std::vector<std::string>{"4", "5", "6"});
    CHECK(find(r.sections, "4")->points == 0);
    CHECK(find(r.sections, "4")->max == 1);
    CHECK(find(r.sections, "5")->points == Approx(5.0 / 3));
    CHECK(find(r.sections, "5")->max == 2.0);
    CHECK(find(r.sections, "6")->max == 1.0);

    // Missed, with no recorded responses to read: the main clause of each item not answered with full marks.
    CHECK(r.missed_clauses == std::vector<std::string>{"4.1", "5.2", "6.1"});
}

TEST_CASE("a score above its max (a bug elsewhere) is clamped so percent never exceeds 100") {
    const Attempt a;
    const auto r = compute_result(course(80), fx::guideline(), a.items, {ItemScore{5, 1}, ItemScore{3, 3}, ItemScore{2, 2}, ItemScore{3, 3}});
    CHECK(r.points == 9);
    CHECK(r.percent == Approx(100.0));
}
