// Tests of the scenario loader: good files of every type load into the model; checks across files; never a throw.
#include "core/hash.hpp"
#include "core/scenario_loader.hpp"

#include "../fuzz/guideline_for_tests.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

const std::string kFixtures = std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/scenarios";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A temporary directory that removes itself.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("kiosk-loader-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
    std::string write(const std::string& name, const std::string& text) const {
        const auto p = (path / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
};

std::string errors_of(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.format() + "\n";
    return out;
}

Scenario load_one(const std::string& name) {
    const auto g = testing::guideline_for_tests();
    Scenario s;
    std::vector<Diagnostic> ds;
    const auto path = kFixtures + "/" + name;
    INFO(path);
    const bool ok = parse_scenario(read_file(path), path, g, s, ds);
    INFO(errors_of(ds));
    REQUIRE(ok);
    CHECK(ds.empty());
    return s;
}

} // namespace

TEST_CASE("a single item loads with every field") {
    const auto s = load_one("fx-single-photo.json");
    CHECK(s.id == "fx-single-photo");
    CHECK(s.type == ItemType::single);
    CHECK(s.role == Role::organization);
    CHECK(s.audience == std::vector<std::string>{"orientation", "refresher"});
    CHECK(s.primary_clause() == "5.2");
    CHECK(s.situation.where.en == "The ward's official account");
    CHECK(s.points == 1);
    REQUIRE(s.options.size() == 3);
    CHECK(s.options[0].correct);
    CHECK_FALSE(s.options[1].correct);
    CHECK(s.options[2].rationale.ja == "個人でも同じ留意点が適用されます（６）。");
    CHECK(s.content_hash == sha256_hex(read_file(kFixtures + "/fx-single-photo.json")));
    CHECK_FALSE(s.post.has_value());
}

TEST_CASE("a multiple item keeps weights, scoring and option clauses") {
    const auto s = load_one("fx-multiple-policy.json");
    CHECK(s.type == ItemType::multiple);
    CHECK(s.scoring == Scoring::partial);
    REQUIRE(s.option("owner"));
    CHECK(s.option("owner")->weight == 2);
    CHECK(s.option("name")->weight == 1);
    CHECK(s.option("password")->clauses == std::vector<std::string>{"4.2"});
}

TEST_CASE("a hottext item's spans are its options") {
    const auto s = load_one("fx-hottext-event.json");
    REQUIRE(s.post);
    CHECK(s.post->official);
    CHECK(s.post->account == "chiyoda_city");
    REQUIRE(s.options.size() == 3);
    CHECK(s.options[1].text.ja == "全員に記念品をプレゼント");
    CHECK(s.options[1].correct);
}

TEST_CASE("a classify item gets the nine kinds and a pinned `none`") {
    const auto s = load_one("fx-classify-reply.json");
    REQUIRE(s.options.size() == 10);
    CHECK(s.options[0].id == "5.4.a");
    CHECK(s.options[0].text.ja == "中傷・誹謗");  // the clause's short title from the guideline
    CHECK(s.options[0].correct);
    CHECK(s.options[0].rationale.en == "It belittles a particular person.");
    CHECK_FALSE(s.options[3].correct);
    CHECK(s.options[3].rationale.ja == "中立性の問題ではありません。");
    CHECK(s.options[7].correct);
    CHECK(s.options[8].id == "5.4.i");
    CHECK(s.options[9].id == "none");
    CHECK(s.options[9].pinned);
    CHECK_FALSE(s.options[9].correct);
    CHECK(s.kinds == std::vector<std::string>{"5.4.a", "5.4.h"});
}

TEST_CASE("a classify item where no kind applies makes `none` the answer") {
    auto text = read_file(kFixtures + "/fx-classify-reply.json");
    text.replace(text.find("[\"5.4.a\", \"5.4.h\"]"), 18, "[]");
    Scenario s;
    std::vector<Diagnostic> ds;
    REQUIRE(parse_scenario(text, "fx-classify-reply.json", testing::guideline_for_tests(), s, ds));
    CHECK(s.option("none")->correct);
    for (const auto& o : s.options)
        if (o.id != "none") CHECK_FALSE(o.correct);
}

TEST_CASE("a branching item keeps its graph") {
    const auto s = load_one("fx-branching-leak.json");
    CHECK(s.start == "notice");
    REQUIRE(s.nodes.size() == 5);
    REQUIRE(s.node("screenshot"));
    CHECK(s.node("screenshot")->choices[1].points == 0);
    CHECK(s.node("bad-end")->end);
    CHECK(s.node("notice")->choices[0].next == "good-end");
    CHECK(s.prompt.empty());
}

TEST_CASE("a directory loads good files even when others fail, sorted by id") {
    TempDir dir;
    fs::copy(kFixtures, dir.path / "bank", fs::copy_options::recursive);
    dir.write("bank/broken.json", "{ \"schema\": 1, ");
    const auto r = load_scenarios({(dir.path / "bank").string()}, testing::guideline_for_tests());
    CHECK(r.files_read == 6);
    REQUIRE(r.scenarios.size() == 5);
    CHECK(r.scenarios.front().id == "fx-branching-leak");
    CHECK(r.scenarios.back().id == "fx-single-photo");
    REQUIRE(r.skipped_files.size() == 1);
    CHECK(fs::path(r.skipped_files[0]).filename() == "broken.json");
    CHECK(has_errors(r.diagnostics));
}

TEST_CASE("the second file with an id already used is an error naming the first") {
    TempDir dir;
    const auto text = read_file(kFixtures + "/fx-single-photo.json");
    const auto first = dir.write("a/fx-single-photo.json", (fs::create_directories(dir.path / "a"), text));
    const auto second = dir.write("b/fx-single-photo.json", (fs::create_directories(dir.path / "b"), text));
    const auto r = load_scenarios({dir.path.string()}, testing::guideline_for_tests());
    REQUIRE(r.scenarios.size() == 1);
    CHECK(r.scenarios[0].file == first);
    REQUIRE(r.diagnostics.size() == 1);
    const auto& d = r.diagnostics[0];
    CHECK(d.file == second);
    CHECK(d.severity == Severity::error);
    CHECK(d.line == 4);
    CHECK(d.column == 9);
    CHECK(d.message.find(first) != std::string::npos);
}

TEST_CASE("a file named differently from its id loads with a warning") {
    TempDir dir;
    const auto path = dir.write("photo.json", read_file(kFixtures + "/fx-single-photo.json"));
    const auto r = load_scenarios({path}, testing::guideline_for_tests());
    CHECK(r.scenarios.size() == 1);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].severity == Severity::warning);
    CHECK(r.diagnostics[0].message.find("does not match the id") != std::string::npos);
}

TEST_CASE("a path that does not exist is reported, not thrown") {
    const auto r = load_scenarios({"/nonexistent/kiosk/scenarios"}, testing::guideline_for_tests());
    CHECK(r.files_read == 0);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "no such file or directory");
}

TEST_CASE("diagnostics format as file:line:col: severity: message [pointer] (hint: …)") {
    Diagnostic d{Severity::error, "s.json", 3, 7, "/options/0/correct", "`correct` is missing", "add it"};
    CHECK(d.format() == "s.json:3:7: error: `correct` is missing [/options/0/correct] (hint: add it)");
    Diagnostic w{Severity::warning, "s.json", 0, 0, "", "too large", ""};
    CHECK(w.format() == "s.json: warning: too large");
}

TEST_CASE("an unclosed /* comment is named as a comment, at the place it opens") {
    TempDir dir;
    dir.write("open-comment.json", "{\n  \"id\": \"x\", /* the trainer's note\n  \"type\": \"single\"\n}\n");
    const auto result = load_scenarios({dir.path.string()}, testing::guideline_for_tests());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].line == 2);
    CHECK(result.diagnostics[0].column == 14);
    CHECK(result.diagnostics[0].message.find("comment /*") != std::string::npos);
    CHECK(result.diagnostics[0].message.find("`{`") == std::string::npos);
}
