// Property: for every item (the shipped bank, whatever it holds, and an in-code fixture bank), any response scores
// within [0, max], and the answer key scores exactly max.
#include "core/content.hpp"
#include "core/scoring.hpp"
#include "engine_fixtures.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace kiosk;
namespace fx = kiosk::fixtures;

namespace {

// A random response: subsets of the options with unknown ids and duplicates mixed in; for branching, random walks
// (valid, cut short, or running on past the end) and random junk.
Response random_response(const Scenario& s, std::mt19937_64& rng) {
    Response r;
    if (s.type == ItemType::branching) {
        const Node* n = s.node(s.start);
        const int steps = static_cast<int>(rng() % 8);
        for (int i = 0; i < steps; ++i) {
            if (n && !n->end && !n->choices.empty() && rng() % 5 != 0) {
                const Choice& c = n->choices[rng() % n->choices.size()];
                r.path.push_back(c.id);
                n = s.node(c.next);
            } else {
                r.path.push_back(rng() % 2 ? "junk" : (n && !n->choices.empty() ? n->choices.front().id : "x"));
            }
        }
        return r;
    }
    for (const auto& o : s.options) {
        if (rng() % 2) r.selected.push_back(o.id);
        if (rng() % 7 == 0) r.selected.push_back(o.id);  // duplicate
    }
    if (rng() % 4 == 0) r.selected.push_back("no-such-option");
    std::shuffle(r.selected.begin(), r.selected.end(), rng);  // order does not matter to scoring
    return r;
}

void check_item(const Scenario& s, std::mt19937_64& rng, int tries) {
    INFO("item " << s.id);
    const int max = max_points(s);
    CHECK(max >= 0);
    Response key;
    (s.type == ItemType::branching ? key.path : key.selected) = correct_answer(s);
    const ItemScore best = score(s, key);
    CHECK(best.max == max);
    CHECK(best.points == max);
    for (int i = 0; i < tries; ++i) {
        const Response r = random_response(s, rng);
        const ItemScore sc = score(s, r);
        INFO("response " << r.to_json());
        REQUIRE(sc.points >= 0);
        REQUIRE(sc.points <= sc.max);
        REQUIRE(sc.max == max);
    }
    // The edges: nothing at all, and everything.
    CHECK(score(s, Response{}).points == 0);
    Response all;
    for (const auto& o : s.options) all.selected.push_back(o.id);
    const ItemScore everything = score(s, all);
    CHECK(everything.points >= 0);
    CHECK(everything.points <= max);
}

} // namespace

TEST_CASE("fixture bank: every type, any response within [0, max], the key scores max") {
    std::mt19937_64 rng(20131028);
    std::vector<Scenario> bank = {fx::single("s", {"4.1"}),        fx::multiple("m", {"5.2"}),
                                  fx::multiple("ma", {"5.2"}, Scoring::all_or_nothing), fx::hottext("h", {"5.3"}),
                                  fx::classify("c", {"5.4.a", "5.4.h"}), fx::classify("c0", {}), fx::branching("b")};
    Scenario heavy = fx::multiple("weights", {"5.2"});
    heavy.options[0].weight = 5;
    heavy.options[3].weight = 9;
    bank.push_back(heavy);
    for (const auto& s : bank) check_item(s, rng, 2000);
}

TEST_CASE("shipped bank: every item loaded from the source tree scores within [0, max] and its key scores max") {
    const std::string src = KIOSK_SOURCE_DIR;
    const Content content = load_content(src + "/content", src + "/scenarios");
    // The bank grows over time; the property holds for whatever is there (possibly nothing yet).
    WARN("shipped items checked: " << content.scenarios.size());
    std::mt19937_64 rng(1028);
    for (const auto& s : content.scenarios) check_item(s, rng, 300);
    // The end-to-end fixture bank is real scenario files too.
    const Content e2e = load_content(src + "/content", src + "/tests/e2e/scenarios");
    for (const auto& s : e2e.scenarios) check_item(s, rng, 300);
}
