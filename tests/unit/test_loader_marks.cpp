// The scoring keys of the format: item `mark`, `acceptable` options and spans, classify `acceptable_kinds`, branching
// end `cap` — each loads when right and is a clear error (or warning) when wrong.
#include "core/scenario_loader.hpp"
#include "core/scoring.hpp"

#include "../fuzz/guideline_for_tests.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace kiosk;

namespace {

const std::string kFixtures = std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/scenarios";

std::string fixture(const std::string& name) {
    std::ifstream in(kFixtures + "/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The fixture with the first `what` replaced by `with`.
std::string edited(const std::string& name, const std::string& what, const std::string& with) {
    std::string text = fixture(name);
    const auto at = text.find(what);
    REQUIRE(at != std::string::npos);
    return text.replace(at, what.size(), with);
}

struct Loaded {
    bool ok = false;
    Scenario s;
    std::vector<Diagnostic> ds;
    std::string all() const {
        std::string out;
        for (const auto& d : ds) out += d.format() + "\n";
        return out;
    }
};

Loaded load(const std::string& text, const std::string& name) {
    Loaded l;
    l.ok = parse_scenario(text, name, testing::guideline_for_tests(), l.s, l.ds);
    return l;
}

} // namespace

TEST_CASE("item `mark`: a number greater than 0, default 1") {
    CHECK(load(fixture("fx-single-photo.json"), "fx-single-photo.json").s.mark == 1.0);
    const auto two = load(edited("fx-single-photo.json", "\"type\"", "\"mark\": 2.5, \"type\""), "fx-single-photo.json");
    INFO(two.all());
    CHECK(two.ok);
    CHECK(two.s.mark == 2.5);
    for (const char* bad : {"0", "-1", "\"2\"", "1000"}) {
        const auto l = load(edited("fx-single-photo.json", "\"type\"", std::string("\"mark\": ") + bad + ", \"type\""), "fx-single-photo.json");
        INFO(bad << "\n" << l.all());
        CHECK_FALSE(l.ok);
        CHECK(l.all().find("`mark` must be a number greater than 0") != std::string::npos);
        CHECK(l.all().find("fx-single-photo.json:") != std::string::npos);
    }
}

TEST_CASE("`acceptable` on a multiple option: neutral when correct is false, an error together with correct: true") {
    const auto ok = load(edited("fx-multiple-policy.json", "\"correct\": false,", "\"correct\": false, \"acceptable\": true,"), "fx-multiple-policy.json");
    INFO(ok.all());
    REQUIRE(ok.ok);
    CHECK(ok.s.option("password")->acceptable);
    const auto max = max_points(ok.s);
    Response r;
    r.selected = correct_answer(ok.s);
    r.selected.push_back("password");
    CHECK(score(ok.s, r).points == max);  // choosing it takes nothing away

    const auto bad = load(edited("fx-multiple-policy.json", "\"correct\": true,", "\"correct\": true, \"acceptable\": true,"), "fx-multiple-policy.json");
    CHECK_FALSE(bad.ok);
    CHECK(bad.all().find("cannot be both correct and acceptable") != std::string::npos);
}

TEST_CASE("classify `acceptable_kinds`: never one of `kinds`, a warning without a kind_rationale") {
    const auto ok = load(edited("fx-classify-reply.json", "\"kinds\":", "\"acceptable_kinds\": [\"5.4.c\"], \"kinds\":"), "fx-classify-reply.json");
    INFO(ok.all());
    REQUIRE(ok.ok);
    CHECK(ok.s.acceptable_kinds == std::vector<std::string>{"5.4.c"});
    CHECK(ok.s.option("5.4.c")->acceptable);
    CHECK(ok.all().find("acceptable kind `5.4.c` has no `kind_rationale`") != std::string::npos);

    const auto overlap = load(edited("fx-classify-reply.json", "\"kinds\":", "\"acceptable_kinds\": [\"5.4.h\"], \"kinds\":"), "fx-classify-reply.json");
    CHECK_FALSE(overlap.ok);
    CHECK(overlap.all().find("kind `5.4.h` is in both `kinds` and `acceptable_kinds`") != std::string::npos);
    const auto unknown = load(edited("fx-classify-reply.json", "\"kinds\":", "\"acceptable_kinds\": [\"5.4.z\"], \"kinds\":"), "fx-classify-reply.json");
    CHECK_FALSE(unknown.ok);
}

TEST_CASE("branching `cap`: only on an end node, a whole number from 0 to the item's best score") {
    const std::string end = R"({"id": "bad-end", "end": true,)";
    const auto ok = load(edited("fx-branching-leak.json", end, R"({"id": "bad-end", "end": true, "cap": 0,)"), "fx-branching-leak.json");
    INFO(ok.all());
    REQUIRE(ok.ok);
    REQUIRE(ok.s.node("bad-end")->cap);
    CHECK(*ok.s.node("bad-end")->cap == 0);
    Response r;
    r.path = {"delete-only", "deny"};
    CHECK(score(ok.s, r).points == 0);  // 1 collected, capped at 0

    const auto high = load(edited("fx-branching-leak.json", end, R"({"id": "bad-end", "end": true, "cap": 5,)"), "fx-branching-leak.json");
    CHECK_FALSE(high.ok);
    CHECK(high.all().find("`cap` is 5, more than the item's best score 2") != std::string::npos);
    const auto step = load(edited("fx-branching-leak.json", R"({"id": "notice",)", R"({"id": "notice", "cap": 1,)"), "fx-branching-leak.json");
    CHECK_FALSE(step.ok);
    CHECK(step.all().find("only an end node can have a `cap`") != std::string::npos);
}
