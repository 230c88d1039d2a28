// Scoring rules of every item type, table-driven: nothing/everything selected, weights, all-or-nothing, unknown ids,
// duplicates, classify's `none`, branching paths (ties, invalid steps), and the recorded response format.
#include "core/scoring.hpp"
#include "engine_fixtures.hpp"
#include "scoring_rows.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
namespace fx = kiosk::fixtures;

using fx::path;
using fx::Row;
using fx::sel;


TEST_CASE("single: full points for exactly the keyed option, otherwise nothing") {
    Scenario s = fx::single("one", {"4.1"});
    s.points = 3;
    const Row row = GENERATE(Row{"the keyed option", {"a"}, 3}, Row{"nothing", {}, 0}, Row{"a wrong option", {"b"}, 0},
                             Row{"keyed plus a wrong one", {"a", "c"}, 0}, Row{"everything", {"a", "b", "c", "d"}, 0},
                             Row{"the keyed option twice", {"a", "a"}, 3}, Row{"keyed plus an unknown id", {"a", "zz"}, 3},
                             Row{"only unknown ids", {"zz", "yy"}, 0});
    INFO(row.what);
    const ItemScore sc = score(s, sel(row.ids));
    CHECK(sc.points == row.points);
    CHECK(sc.max == 3);
    CHECK(max_points(s) == 3);
}

TEST_CASE("multiple, partial: selected correct weights minus selected wrong weights, clamped to [0, max]") {
    // a (correct, 2), b (correct, 1), c (wrong, 1), d (wrong, 3); max = 3.
    const Scenario s = fx::multiple("m", {"5.2"});
    const Row row = GENERATE(Row{"nothing", {}, 0}, Row{"all correct", {"a", "b"}, 3}, Row{"heavier correct only", {"a"}, 2},
                             Row{"lighter correct only", {"b"}, 1}, Row{"correct and a light wrong", {"a", "b", "c"}, 2},
                             Row{"heavy wrong cancels", {"a", "d"}, 0}, Row{"everything", {"a", "b", "c", "d"}, 0},
                             Row{"only wrong", {"c", "d"}, 0}, Row{"duplicates count once", {"a", "a", "a", "b"}, 3},
                             Row{"duplicated wrong counts once", {"a", "b", "c", "c"}, 2}, Row{"unknown ids ignored", {"a", "x", "y"}, 2});
    INFO(row.what);
    const ItemScore sc = score(s, sel(row.ids));
    CHECK(sc.points == row.points);
    CHECK(sc.max == 3);
    CHECK(sc.correct() == (row.points == 3));
}

TEST_CASE("multiple, all or nothing: max only for exactly the correct set") {
    const Scenario s = fx::multiple("m", {"5.2"}, Scoring::all_or_nothing);
    const Row row = GENERATE(Row{"nothing", {}, 0}, Row{"exact set", {"a", "b"}, 3}, Row{"exact set reordered", {"b", "a"}, 3},
                             Row{"exact set with duplicates", {"b", "a", "b"}, 3}, Row{"exact set and an unknown id", {"a", "b", "q"}, 3},
                             Row{"missing one", {"a"}, 0}, Row{"one too many", {"a", "b", "c"}, 0}, Row{"everything", {"a", "b", "c", "d"}, 0});
    INFO(row.what);
    CHECK(score(s, sel(row.ids)).points == row.points);
    CHECK(max_points(s) == 3);
}

TEST_CASE("hottext is scored like multiple, spans being the options") {
    const Scenario s = fx::hottext("h", {"5.3"});  // s1 (correct 1), s2 (wrong 1), s3 (correct 2)
    const Row row = GENERATE(Row{"nothing", {}, 0}, Row{"both problematic phrases", {"s1", "s3"}, 3}, Row{"one phrase", {"s3"}, 2},
                             Row{"with a harmless phrase", {"s1", "s2", "s3"}, 2}, Row{"only the harmless phrase", {"s2"}, 0});
    INFO(row.what);
    CHECK(score(s, sel(row.ids)).points == row.points);
    CHECK(max_points(s) == 3);
}

TEST_CASE("classify: the kinds that apply are the key; with none applying, `none` is") {
    SECTION("two kinds apply") {
        const Scenario s = fx::classify("c", {"5.4.a", "5.4.c"});
        const Row row = GENERATE(Row{"both kinds", {"5.4.a", "5.4.c"}, 2}, Row{"one kind", {"5.4.c"}, 1},
                                 Row{"one kind and a wrong one", {"5.4.a", "5.4.b"}, 0}, Row{"none", {"none"}, 0},
                                 Row{"nothing", {}, 0}, Row{"both and none", {"5.4.a", "5.4.c", "none"}, 1},
                                 Row{"every option", {"5.4.a", "5.4.b", "5.4.c", "5.4.d", "5.4.e", "5.4.f", "5.4.g", "5.4.h", "5.4.i", "none"}, 0});
        INFO(row.what);
        CHECK(score(s, sel(row.ids)).points == row.points);
        CHECK(max_points(s) == 2);
        CHECK(correct_answer(s) == std::vector<std::string>{"5.4.a", "5.4.c"});
    }
    SECTION("no kind applies") {
        const Scenario s = fx::classify("c0", {});
        const Row row = GENERATE(Row{"none", {"none"}, 1}, Row{"a kind", {"5.4.e"}, 0}, Row{"none and a kind", {"none", "5.4.e"}, 0},
                                 Row{"nothing", {}, 0});
        INFO(row.what);
        CHECK(score(s, sel(row.ids)).points == row.points);
        CHECK(max_points(s) == 1);
        CHECK(correct_answer(s) == std::vector<std::string>{"none"});
    }
    SECTION("the key comes from `kinds` even when the generated options are not flagged") {
        Scenario s = fx::classify("c1", {"5.4.b"});
        for (auto& o : s.options) o.correct = false;
        CHECK(score(s, sel({"5.4.b"})).points == 1);
    }
    SECTION("all or nothing") {
        Scenario s = fx::classify("c2", {"5.4.a", "5.4.c"});
        s.scoring = Scoring::all_or_nothing;
        CHECK(score(s, sel({"5.4.a"})).points == 0);
        CHECK(score(s, sel({"5.4.c", "5.4.a"})).points == 2);
    }
}

TEST_CASE("branching: points along the path taken; invalid steps end the path; max is the best path") {
    const Scenario s = fx::branching("b");
    const Row row = GENERATE(Row{"best path via n2", {"a", "d"}, 3}, Row{"best path via n3 (a tie)", {"c", "f"}, 3},
                             Row{"good start, bad end", {"a", "e"}, 2}, Row{"straight to the bad end", {"b"}, 0},
                             Row{"empty path", {}, 0}, Row{"valid prefix only", {"a"}, 2},
                             Row{"invalid step stops scoring", {"a", "f", "d"}, 2}, Row{"unknown first step", {"zz", "a", "d"}, 0},
                             Row{"steps after the end are ignored", {"a", "d", "a", "d"}, 3}, Row{"repeated step is not a choice", {"a", "a"}, 2});
    INFO(row.what);
    const ItemScore sc = score(s, path(row.ids));
    CHECK(sc.points == row.points);
    CHECK(sc.max == 3);
}

TEST_CASE("branching: correct_answer is a best path and scores max; ties resolve to the first choice") {
    const Scenario s = fx::branching("b");
    CHECK(correct_answer(s) == std::vector<std::string>{"a", "d"});
    CHECK(score(s, path(correct_answer(s))).correct());
    // A heavier branch further down wins over a heavy first step.
    Scenario deep = s;
    deep.nodes[2].choices[0].points = 5;  // c (1) + f (5) = 6
    CHECK(max_points(deep) == 6);
    CHECK(correct_answer(deep) == std::vector<std::string>{"c", "f"});
}

TEST_CASE("branching: a graph with a cycle still has a finite best simple path, and a looping path is clamped to it") {
    Scenario s = fx::branching("loop");
    // n2 gains a choice back to n1 worth 1: a,loop,a,d would sum 6 but the best simple path stays 3.
    Choice back;
    back.id = "loop";
    back.points = 1;
    back.next = "n1";
    s.nodes[1].choices.push_back(back);
    CHECK(max_points(s) == 3);
    const ItemScore sc = score(s, path({"a", "loop", "a", "d"}));
    CHECK(sc.points == 3);
    CHECK(sc.max == 3);
}

TEST_CASE("options and keys of the other types") {
    CHECK(correct_answer(fx::single("one", {"4.1"})) == std::vector<std::string>{"a"});
    CHECK(correct_answer(fx::multiple("m", {"5.2"})) == std::vector<std::string>{"a", "b"});
    CHECK(score(fx::single("one", {"4.1"}), sel(correct_answer(fx::single("one", {"4.1"})))).correct());
    // An item worth nothing is never "correct", whatever the answer.
    Scenario zero = fx::single("z", {"4.1"});
    zero.points = 0;
    CHECK_FALSE(score(zero, sel({"a"})).correct());
}

TEST_CASE("responses round-trip through their recorded JSON form") {
    const Response r = sel({"b", "a"});
    CHECK(r.to_json() == R"({"selected":["b","a"]})");
    Response back;
    REQUIRE(Response::from_json(r.to_json(), back));
    CHECK(back.selected == r.selected);
    CHECK(back.path.empty());

    const Response p = path({"a", "d"});
    CHECK(p.to_json() == R"({"path":["a","d"]})");
    REQUIRE(Response::from_json(p.to_json(), back));
    CHECK(back.path == p.path);
    CHECK(back.selected.empty());

    CHECK(Response{}.to_json() == R"({"selected":[]})");

    // Ids with characters JSON must escape survive the round trip.
    const Response odd = sel({"quote\"back\\slash", "tab\tnew\nline", "日本語"});
    REQUIRE(Response::from_json(odd.to_json(), back));
    CHECK(back.selected == odd.selected);

    const char* bad = GENERATE("", "[]", "{", R"({"selected":"a"})", R"({"selected":[1]})", R"({"other":[]})", "null", R"({"path":[null]})");
    Response untouched = sel({"keep"});
    CHECK_FALSE(Response::from_json(bad, untouched));
    CHECK(untouched.selected == std::vector<std::string>{"keep"});
}
