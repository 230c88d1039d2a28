// The shipped content as a whole: every scenario file validates cleanly, every operative clause of the guideline is
// the primary subject of at least three items, every option explains itself in both languages, and the courses can
// be drawn from the bank.
#include "core/content.hpp"
#include "core/coverage.hpp"
#include "core/scenario_loader.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace kiosk;

namespace {

const std::string kSource = KIOSK_SOURCE_DIR;

const Content& shipped() {
    static const Content c = load_content(kSource + "/content", kSource + "/scenarios");
    return c;
}

} // namespace

TEST_CASE("every shipped scenario file validates with no error and no warning") {
    const Content& c = shipped();
    const ScenarioLoadResult r = load_scenarios({kSource + "/scenarios"}, c.guideline);
    for (const auto& d : r.diagnostics) FAIL_CHECK(d.format());
    CHECK(r.skipped_files.empty());
    CHECK(r.scenarios.size() == static_cast<std::size_t>(r.files_read));
    CHECK(r.scenarios.size() >= 60);
}

TEST_CASE("every operative clause is the primary subject of at least three items") {
    const Content& c = shipped();
    const Coverage cov = compute_coverage(c.guideline, c.scenarios, 3);
    int operative = 0;
    for (const auto& row : cov.rows)
        if (row.clause->operative) {
            ++operative;
            INFO(row.clause->id << " " << row.clause->label);
            CHECK(row.primary >= 3);
        }
    CHECK(operative >= 30);
    CHECK(cov.below_minimum().empty());
}

TEST_CASE("the bank uses every item type, both roles, and at least four branching incidents") {
    std::set<ItemType> types;
    std::set<Role> roles;
    int branching = 0;
    for (const auto& s : shipped().scenarios) {
        types.insert(s.type);
        roles.insert(s.role);
        if (s.type == ItemType::branching) ++branching;
    }
    CHECK(types.size() == 5);
    CHECK(roles.size() == 2);
    CHECK(branching >= 4);
}

TEST_CASE("every option and every branching choice has a rationale in Japanese and English citing a clause") {
    for (const auto& s : shipped().scenarios) {
        INFO(s.id);
        CHECK_FALSE(s.title.en.empty());
        if (s.type != ItemType::branching) CHECK_FALSE(s.prompt.en.empty());  // branching: each node has its own
        if (s.type == ItemType::classify) {
            for (const auto& k : s.kinds) CHECK(s.kind_rationale.count(k) == 1);
            continue;
        }
        for (const auto& o : s.options) {
            if (o.pinned) continue;
            INFO(o.id);
            CHECK_FALSE(o.text.en.empty());
            CHECK_FALSE(o.rationale.ja.empty());
            CHECK_FALSE(o.rationale.en.empty());
        }
        for (const auto& n : s.nodes)
            for (const auto& ch : n.choices) {
                INFO(n.id << "/" << ch.id);
                CHECK_FALSE(ch.text.en.empty());
                CHECK_FALSE(ch.consequence.ja.empty());
                CHECK_FALSE(ch.consequence.en.empty());
            }
    }
}

TEST_CASE("the shipped courses load and each draws items from the bank") {
    const Content& c = shipped();
    for (const auto& d : c.diagnostics) FAIL_CHECK(d.format());
    REQUIRE(c.course("orientation") != nullptr);
    REQUIRE(c.course("refresher") != nullptr);
    REQUIRE(c.course("operator") != nullptr);
    REQUIRE(c.course("practice") != nullptr);
}
