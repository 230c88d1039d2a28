// Acceptable answers (neutral options, spans and classify kinds), branching end caps, fractions, and the clauses a
// wrong answer lists as missed — table-driven, as test_scoring.cpp.
#include "core/scoring.hpp"
#include "engine_fixtures.hpp"
#include "scoring_rows.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
namespace fx = kiosk::fixtures;

using fx::path;
using fx::Row;
using fx::sel;

namespace {
struct MissRow {
    const char* what;
    std::vector<std::string> ids;
    std::vector<std::string> missed;
};

// a (correct, 2), b (correct, 1), c (wrong, 1), d (wrong, 3), e (acceptable); max = 3.
Scenario multiple_with_acceptable(Scoring scoring) {
    Scenario s = fx::multiple("m", {"5.2"}, scoring);
    Option e = fx::opt("e", false, 2);
    e.acceptable = true;
    s.options.push_back(e);
    return s;
}
} // namespace

TEST_CASE("multiple, partial: an acceptable option neither adds nor subtracts, chosen or not") {
    const Scenario s = multiple_with_acceptable(Scoring::partial);
    const Row row = GENERATE(Row{"key only", {"a", "b"}, 3}, Row{"key and the acceptable one", {"a", "b", "e"}, 3},
                             Row{"only the acceptable one", {"e"}, 0}, Row{"part of the key and the acceptable one", {"a", "e"}, 2},
                             Row{"acceptable does not cancel a wrong one", {"a", "b", "c", "e"}, 2},
                             Row{"everything", {"a", "b", "c", "d", "e"}, 0});
    INFO(row.what);
    const ItemScore sc = score(s, sel(row.ids));
    CHECK(sc.points == row.points);
    CHECK(sc.max == 3);
    CHECK(max_points(s) == 3);  // an acceptable option is not part of the max
    CHECK(correct_answer(s) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("multiple, all or nothing: the acceptable option is ignored when comparing with the key") {
    const Scenario s = multiple_with_acceptable(Scoring::all_or_nothing);
    const Row row = GENERATE(Row{"key only", {"a", "b"}, 3}, Row{"key and the acceptable one", {"a", "b", "e"}, 3},
                             Row{"key, acceptable and a wrong one", {"a", "b", "c", "e"}, 0}, Row{"acceptable only", {"e"}, 0});
    INFO(row.what);
    CHECK(score(s, sel(row.ids)).points == row.points);
}

TEST_CASE("hottext: an acceptable span is neutral") {
    Scenario s = fx::hottext("h", {"5.4.a"});  // s1 (1), s2 wrong, s3 (2); max 3
    Option s4 = fx::opt("s4", false);
    s4.acceptable = true;
    s.options.push_back(s4);
    const Row row = GENERATE(Row{"key", {"s1", "s3"}, 3}, Row{"key and acceptable", {"s1", "s3", "s4"}, 3},
                             Row{"key, acceptable and wrong", {"s1", "s3", "s4", "s2"}, 2});
    INFO(row.what);
    CHECK(score(s, sel(row.ids)).points == row.points);
}

TEST_CASE("classify: acceptable kinds are neutral, with the key \"none\", choosing only acceptable kinds stands for none") {
    SECTION("key 5.4.a, 5.4.c acceptable") {
        Scenario s = fx::classify("c", {"5.4.a"});
        s.acceptable_kinds = {"5.4.c"};
        const Row row = GENERATE(Row{"key", {"5.4.a"}, 1}, Row{"key and acceptable", {"5.4.a", "5.4.c"}, 1},
                                 Row{"acceptable only", {"5.4.c"}, 0}, Row{"key and a wrong kind", {"5.4.a", "5.4.b"}, 0});
        INFO(row.what);
        CHECK(score(s, sel(row.ids)).points == row.points);
        CHECK(max_points(s) == 1);
    }
    SECTION("key none, 5.4.c acceptable") {
        Scenario s = fx::classify("c", {});
        s.acceptable_kinds = {"5.4.c"};
        const Row row = GENERATE(Row{"none", {"none"}, 1}, Row{"the acceptable kind instead", {"5.4.c"}, 1},
                                 Row{"acceptable and a wrong kind", {"5.4.c", "5.4.b"}, 0}, Row{"a wrong kind", {"5.4.b"}, 0},
                                 Row{"nothing", {}, 0});
        INFO(row.what);
        CHECK(score(s, sel(row.ids)).points == row.points);
    }
}

TEST_CASE("branching: a path ending at a capped end scores at most the cap, the max follows the caps") {
    // Fixture: a(2)→n2: d(1)→good, e(0)→bad; b(0)→bad; c(1)→n3: f(2)→good. Best 3.
    Scenario s = fx::branching("b");
    SECTION("a cap on the bad end: harm cannot score high whatever was collected") {
        s.nodes[4].cap = 1;  // end_bad
        struct P {
            std::vector<std::string> path;
            int points;
        };
        const P p = GENERATE(P{{"a", "d"}, 3}, P{{"a", "e"}, 1}, P{{"b"}, 0}, P{{"c", "f"}, 3}, P{{"a"}, 2});
        CHECK(score(s, path(p.path)).points == p.points);
        CHECK(max_points(s) == 3);
    }
    SECTION("a cap on the good end changes the best path and the max") {
        s.nodes[3].cap = 2;  // end_good: a,d = min(3, 2) = 2; c,f = 2
        CHECK(max_points(s) == 2);
        CHECK(score(s, path({"a", "d"})).points == 2);
        CHECK(score(s, path({"a", "d"})).correct());
        CHECK(score(s, path({"a", "e"})).points == 2);  // 2 collected, the bad end has no cap
    }
    SECTION("cap 0") {
        s.nodes[4].cap = 0;
        CHECK(score(s, path({"a", "e"})).points == 0);
    }
}

TEST_CASE("fraction: an item's result in [0, 1] of its own max") {
    CHECK(ItemScore{0, 3}.fraction() == 0.0);
    CHECK(ItemScore{2, 3}.fraction() == Approx(2.0 / 3));
    CHECK(ItemScore{3, 3}.fraction() == 1.0);
    CHECK(ItemScore{5, 3}.fraction() == 1.0);
    CHECK(ItemScore{0, 0}.fraction() == 0.0);
}

TEST_CASE("missed clauses: only what was got wrong, with the option's clauses or else the item's main clause") {
    Scenario s = fx::multiple("m", {"5.2", "4.1", "6.1"});
    s.options[0].clauses = {"4.1"};  // a, correct
    s.options[2].clauses = {"6.1"};  // c, wrong
    Option e = fx::opt("e", false);
    e.acceptable = true;
    e.clauses = {"4.5"};
    s.options.push_back(e);
    const MissRow row = GENERATE(MissRow{"all right", {"a", "b"}, {}}, MissRow{"all right plus acceptable", {"a", "b", "e"}, {}},
                                 MissRow{"missed a", {"b"}, {"4.1"}}, MissRow{"missed b (no clauses)", {"a"}, {"5.2"}},
                                 MissRow{"chose c", {"a", "b", "c"}, {"6.1"}}, MissRow{"chose d (no clauses)", {"a", "b", "d"}, {"5.2"}},
                                 MissRow{"nothing", {}, {"4.1", "5.2"}});
    INFO(row.what);
    CHECK(missed_clauses(s, sel(row.ids)) == row.missed);
}

TEST_CASE("missed clauses, classify: the wrongly chosen and the missed kinds, a wrong none gives the main clause") {
    Scenario s = fx::classify("c", {"5.4.a", "5.4.b"});
    s.acceptable_kinds = {"5.4.c"};
    const MissRow row = GENERATE(MissRow{"right", {"5.4.a", "5.4.b"}, {}}, MissRow{"right plus acceptable", {"5.4.a", "5.4.b", "5.4.c"}, {}},
                                 MissRow{"missed b, chose d", {"5.4.a", "5.4.d"}, {"5.4.b", "5.4.d"}},
                                 MissRow{"none", {"none"}, {"5.4.a", "5.4.b", "5.4"}});
    INFO(row.what);
    CHECK(missed_clauses(s, sel(row.ids)) == row.missed);
}

TEST_CASE("missed clauses, branching: the choices taken that scored below the best choice at their node") {
    Scenario s = fx::branching("b", {"6.1", "6.2"});
    s.nodes[0].choices[1].clauses = {"6.2"};  // b: 0 points to the bad end
    s.nodes[1].choices[1].clauses = {"6.3"};  // e: 0 points to the bad end
    const MissRow row = GENERATE(MissRow{"best path", {"a", "d"}, {}}, MissRow{"the other best path", {"c", "f"}, {}},
                                 MissRow{"wrong second step", {"a", "e"}, {"6.3"}}, MissRow{"wrong first step", {"b"}, {"6.2"}});
    Response r;
    r.path = row.ids;
    INFO(row.what);
    CHECK(missed_clauses(s, r) == row.missed);
}
