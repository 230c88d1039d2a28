// Tests that scenarios/README.md, the trainers' description of format v1, agrees with the loader: every example loads cleanly.
#include "core/guideline.hpp"
#include "core/scenario_loader.hpp"
#include "core/scoring.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

using namespace kiosk;

namespace {

const std::string kSource = KIOSK_SOURCE_DIR;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The ```jsonc blocks of the README, in order.
std::vector<std::string> examples(const std::string& readme) {
    std::vector<std::string> out;
    const std::string open = "```jsonc\n", close = "\n```";
    for (auto at = readme.find(open); at != std::string::npos; at = readme.find(open, at)) {
        at += open.size();
        const auto end = readme.find(close, at);
        if (end == std::string::npos) break;
        out.push_back(readme.substr(at, end - at + 1));
        at = end;
    }
    return out;
}

const Guideline& guideline() {
    static const Guideline g = [] {
        std::vector<Diagnostic> ds;
        Guideline loaded = load_guideline(kSource + "/content/guideline.json", ds);
        REQUIRE_FALSE(has_errors(ds));
        return loaded;
    }();
    return g;
}

} // namespace

TEST_CASE("every example in scenarios/README.md loads without an error or a warning") {
    const auto readme = read_file(kSource + "/scenarios/README.md");
    const auto blocks = examples(readme);
    REQUIRE(blocks.size() == 10);  // five types, in the Japanese and in the English part
    std::map<ItemType, int> by_type;
    for (const auto& text : blocks) {
        const std::regex id_re("\"id\": \"([a-z0-9-]+)\"");
        std::smatch m;
        REQUIRE(std::regex_search(text, m, id_re));
        const std::string file = m[1].str() + ".json";
        Scenario s;
        std::vector<Diagnostic> ds;
        const bool ok = parse_scenario(text, file, guideline(), s, ds);
        std::string shown;
        for (const auto& d : ds) shown += d.format() + "\n";
        INFO(file << "\n" << shown);
        CHECK(ok);
        CHECK(ds.empty());
        ++by_type[s.type];
    }
    for (const ItemType t : {ItemType::single, ItemType::multiple, ItemType::hottext, ItemType::classify, ItemType::branching}) {
        INFO(to_string(t));
        CHECK(by_type[t] == 2);
    }
}

TEST_CASE("the README's worked scoring examples are what the scorer gives") {
    const auto blocks = examples(read_file(kSource + "/scenarios/README.md"));
    REQUIRE(blocks.size() >= 5);
    std::map<ItemType, Scenario> first;
    for (const auto& text : blocks) {
        Scenario s;
        std::vector<Diagnostic> ds;
        REQUIRE(parse_scenario(text, "", guideline(), s, ds));
        first.try_emplace(s.type, s);
    }
    // 5.2: maximum 3; twofactor + share = 2 - 1; everything = 3 - 2; share alone is clamped to 0.
    const Scenario& multiple = first.at(ItemType::multiple);
    CHECK(max_points(multiple) == 3);
    CHECK(score(multiple, Response{{"twofactor", "share"}, {}}).points == 1);
    CHECK(score(multiple, Response{{"twofactor", "website", "share", "private-phone"}, {}}).points == 1);
    CHECK(score(multiple, Response{{"share"}, {}}).points == 0);
    CHECK(score(multiple, Response{{"twofactor", "website"}, {}}).correct());
    // 5.1: the right option alone scores; together with another it does not.
    const Scenario& single = first.at(ItemType::single);
    CHECK(score(single, Response{{"a"}, {}}).correct());
    CHECK(score(single, Response{{"a", "b"}, {}}).points == 0);
    // 5.4: `none` is the last option and pinned; the kinds are the answer.
    const Scenario& classify = first.at(ItemType::classify);
    CHECK(classify.options.back().id == "none");
    CHECK(classify.options.back().pinned);
    CHECK(correct_answer(classify) == std::vector<std::string>{"5.4.a", "5.4.d"});
    // 5.5: the best path is the maximum.
    const Scenario& branching = first.at(ItemType::branching);
    CHECK(max_points(branching) == 3);
    CHECK(correct_answer(branching) == std::vector<std::string>{"correct-it", "contact"});
    CHECK(score(branching, Response{{}, {"delete-quietly", "late-correction"}}).points == 1);
}

TEST_CASE("the README lists every clause ID of the guideline") {
    const auto readme = read_file(kSource + "/scenarios/README.md");
    for (const auto& c : guideline().clauses) {
        INFO(c.id);
        // Once in the Japanese table and once in the English one.
        const std::string cell = "| `" + c.id + "` |";
        const auto first = readme.find(cell);
        REQUIRE(first != std::string::npos);
        CHECK(readme.find(cell, first + 1) != std::string::npos);
    }
}
