// Draws: eligibility, stratified sections, missed clauses first, unseen before seen, no repeats, determinism by seed.
#include "core/courses.hpp"
#include "engine_fixtures.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace kiosk;
namespace fx = kiosk::fixtures;

namespace {

Course refresher() {
    Course c;
    c.id = "refresher";
    c.feedback = FeedbackMode::exam;
    c.audience = "refresher";
    c.draw = 12;
    c.stratify = {"4", "5", "6"};
    return c;
}

std::vector<std::string> ids(const std::vector<const Scenario*>& items) {
    std::vector<std::string> out;
    for (const auto* s : items) out.push_back(s->id);
    return out;
}

std::set<std::string> sections(const Guideline& g, const std::vector<const Scenario*>& items) {
    std::set<std::string> out;
    for (const auto* s : items) out.insert(section_of_clause(g, s->primary_clause()));
    return out;
}

PastResponse past(const std::string& item, int points, int max, EpochMs at) { return PastResponse{item, points, max, at, {}}; }

} // namespace

TEST_CASE("a refresher draw has 12 distinct eligible items and always covers sections 4, 5 and 6") {
    const Guideline g = fx::guideline();
    // Sections 4–6 are a small minority: 2 items each among 40, so only stratification keeps them in every draw.
    std::vector<Scenario> bank;
    for (int i = 0; i < 34; ++i) bank.push_back(fx::single("s3-" + std::to_string(i), {i % 2 ? "3.1" : "7"}, {"refresher"}));
    for (const char* clause : {"4.1", "4.3", "5.2", "5.4.b", "6.1", "6.3"})
        bank.push_back(fx::single(std::string("x") + clause, {clause}, {"refresher"}));
    bank.push_back(fx::single("not-for-refresher", {"4.2"}, {"orientation"}));

    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        const auto items = draw_items(refresher(), bank, g, {}, seed);
        REQUIRE(items.size() == 12);
        const auto got = ids(items);
        CHECK(std::set<std::string>(got.begin(), got.end()).size() == 12);
        const auto secs = sections(g, items);
        CHECK(secs.count("4"));
        CHECK(secs.count("5"));
        CHECK(secs.count("6"));
        for (const auto* s : items) CHECK(s->has_audience("refresher"));
    }
}

TEST_CASE("the same seed and history give the same draw, different seeds mostly different draws") {
    const Guideline g = fx::guideline();
    const auto bank = fx::bank(8);  // 40 items
    const std::vector<PastResponse> history = {past("s4-0", 1, 1, 10), past("s5-2", 0, 1, 20)};
    std::set<std::vector<std::string>> distinct;
    for (std::uint64_t seed = 100; seed < 140; ++seed) {
        const auto a = ids(draw_items(refresher(), bank, g, history, seed));
        CHECK(a == ids(draw_items(refresher(), bank, g, history, seed)));
        distinct.insert(a);
    }
    CHECK(distinct.size() >= 35);
}

TEST_CASE("items on clauses missed before come first of all") {
    const Guideline g = fx::guideline();
    const auto bank = fx::bank(8);  // clause of sN-i: N.1 for even i, N.2 for odd i (7 for section 7)
    // Latest answer to s3-1 (clause 3.2) was wrong; an earlier wrong answer to s6-0 (6.1) was later corrected.
    const std::vector<PastResponse> history = {past("s3-1", 0, 1, 100), past("s6-0", 0, 1, 50), past("s6-0", 1, 1, 60)};
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        const auto items = draw_items(refresher(), bank, g, history, seed);
        // Every refresher item on clause 3.2 (s3-1, s3-3, s3-5, s3-7) heads the draw.
        std::set<std::string> head;
        for (std::size_t i = 0; i < 4; ++i) head.insert(items[i]->id);
        CHECK(head == std::set<std::string>{"s3-1", "s3-3", "s3-5", "s3-7"});
        // A corrected clause is not treated as missed: 6.1 items are not all pulled to the front.
        for (std::size_t i = 0; i < 4; ++i) CHECK(items[i]->primary_clause() != "6.1");
    }
}

TEST_CASE("missed clauses in the draw are the clauses of what was got wrong, not every tag of the item") {
    const Guideline g = fx::guideline();
    std::vector<Scenario> bank = fx::bank(4);
    bank.push_back(fx::single("two-clauses", {"7", "4.2"}, {"refresher"}));
    bank.back().options[0].clauses = {"4.2"};  // the keyed option's rationale rests on 4.2, and so does b's
    bank.back().options[1].clauses = {"4.2"};
    bank.push_back(fx::single("on-4-2", {"4.2"}, {"refresher"}));
    auto head_of = [&](const std::vector<PastResponse>& history, std::uint64_t seed, std::size_t n) {
        const auto items = draw_items(refresher(), bank, g, history, seed);
        REQUIRE(items.size() == 12);
        std::set<std::string> head;
        for (std::size_t i = 0; i < n; ++i) head.insert(items[i]->id);
        return head;
    };
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        // Chose b instead of the keyed a: a's clause 4.2 is missed, the tag 7 is not. Items on 4.2 come first.
        const std::set<std::string> on_4_2 = {"two-clauses", "on-4-2", "s4-1", "s4-3"};
        CHECK(head_of({PastResponse{"two-clauses", 0, 1, 5, R"({"selected":["b"]})"}}, seed, on_4_2.size()) == on_4_2);
        // No recorded answer to read (older records): the item's main clause 7.
        const std::set<std::string> on_7 = {"two-clauses", "s7-0", "s7-1", "s7-2", "s7-3"};
        CHECK(head_of({past("two-clauses", 0, 1, 5)}, seed, on_7.size()) == on_7);
    }
}

TEST_CASE("items never seen come before items seen, when nothing was missed") {
    const Guideline g = fx::guideline();
    const auto bank = fx::bank(8);
    // The person answered 30 of the 40 items correctly; 10 remain unseen.
    std::vector<PastResponse> history;
    std::set<std::string> unseen;
    for (const auto& s : bank) {
        if (history.size() < 30) history.push_back(past(s.id, 1, 1, 1000 + static_cast<EpochMs>(history.size())));
        else unseen.insert(s.id);
    }
    REQUIRE(unseen.size() == 10);
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        const auto items = draw_items(refresher(), bank, g, history, seed);
        REQUIRE(items.size() == 12);
        // Stratified sections may pull a seen item in, but every unseen item is drawn, and before the seen ones.
        std::size_t seen_at = items.size();
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!unseen.count(items[i]->id)) seen_at = std::min(seen_at, i);
        for (std::size_t i = seen_at; i < items.size(); ++i) CHECK_FALSE(unseen.count(items[i]->id));
        std::size_t drawn_unseen = 0;
        for (const auto* s : items) drawn_unseen += unseen.count(s->id);
        CHECK(drawn_unseen == 10);
    }
}

TEST_CASE("a bank smaller than the draw gives every eligible item once") {
    const Guideline g = fx::guideline();
    const auto bank = fx::bank(1);  // 5 items
    const auto items = draw_items(refresher(), bank, g, {}, 3);
    CHECK(items.size() == 5);
    Course practice;
    practice.draw = 10;
    CHECK(draw_items(practice, {}, g, {}, 1).empty());
}

TEST_CASE("draw 0 presents every eligible item grouped by section in guideline order") {
    const Guideline g = fx::guideline();
    const auto bank = fx::bank(4);
    Course orientation;
    orientation.audience = "orientation";
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const auto items = draw_items(orientation, bank, g, {}, seed);
        CHECK(items.size() == 10);  // even indices of 5 sections
        std::string last = "0";
        for (const auto* s : items) {
            const std::string sec = section_of_clause(g, s->primary_clause());
            CHECK(sec >= last);
            last = sec;
            CHECK(s->has_audience("orientation"));
        }
    }
    // Sections restrict by the primary clause only.
    Course op;
    op.audience = "operator";
    op.sections = {"4", "5"};
    auto b2 = bank;
    b2.push_back(fx::single("primary-6-mentions-4", {"6.1", "4.1"}, {"operator"}));
    const auto items = draw_items(op, b2, g, {}, 9);
    CHECK(items.size() == 8);
    for (const auto* s : items) CHECK((s->primary_clause()[0] == '4' || s->primary_clause()[0] == '5'));
}

TEST_CASE("a fixed item list is presented as listed, unknown ids skipped") {
    const Guideline g = fx::guideline();
    const auto bank = fx::bank(2);
    Course c;
    c.items = {"s7-1", "s3-0", "missing", "s7-1", "s5-0"};
    CHECK(ids(draw_items(c, bank, g, {}, 1)) == std::vector<std::string>{"s7-1", "s3-0", "s5-0"});
}
