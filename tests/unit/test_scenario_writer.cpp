// The authoring window's writer: every shipped scenario survives a write unchanged in meaning, and a file the window
// wrote is byte-identical when saved again; comments are kept in the header or reported; saves go through a side file.
#include "core/guideline.hpp"
#include "core/scenario_loader.hpp"
#include "core/scenario_writer.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

const std::string kSource = KIOSK_SOURCE_DIR;

std::string t(const Text& x) { return "[" + x.ja + "|" + x.en + "]"; }
std::string list(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + ",";
    return s;
}

// Everything the model holds except where it came from, as one string, so two models compare field by field.
std::string describe(const Scenario& s) {
    std::ostringstream o;
    o << s.schema << s.id << to_string(s.type) << to_string(s.role) << list(s.audience) << s.difficulty << list(s.clauses) << t(s.title)
      << t(s.situation.who) << t(s.situation.where) << t(s.situation.when) << t(s.situation.text) << t(s.prompt) << t(s.explanation)
      << s.points << static_cast<int>(s.scoring) << list(s.kinds) << s.start << "\n";
    if (s.post) {
        o << s.post->account << t(s.post->display_name) << s.post->official << t(s.post->text) << t(s.post->image);
        for (const auto& r : s.post->replies) o << r.account << t(r.display_name) << t(r.text);
        o << "\n";
    }
    for (const auto& x : s.options)
        o << x.id << t(x.text) << x.correct << x.weight << t(x.rationale) << list(x.clauses) << x.pinned << "\n";
    for (const auto& [k, v] : s.kind_rationale) o << k << t(v) << "\n";
    for (const auto& n : s.nodes) {
        o << n.id << t(n.text) << n.end << "\n";
        for (const auto& c : n.choices)
            o << c.id << t(c.text) << c.points << c.next << t(c.consequence) << t(c.rationale) << list(c.clauses) << "\n";
    }
    return o.str();
}

const Guideline& guideline() {
    static const Guideline g = [] {
        std::vector<Diagnostic> d;
        return load_guideline(kSource + "/content/guideline.json", d);
    }();
    return g;
}

} // namespace

TEST_CASE("every shipped scenario written by the writer loads as the same model, and a second save is byte-identical") {
    int files = 0;
    for (const auto& e : fs::directory_iterator(kSource + "/scenarios")) {
        if (e.path().extension() != ".json") continue;
        ++files;
        std::string original;
        REQUIRE(read_whole_file(e.path().string(), original));
        Scenario a, b;
        std::vector<Diagnostic> da, db;
        REQUIRE(parse_scenario(original, e.path().string(), guideline(), a, da));
        ScenarioDocument doc;
        std::string error;
        REQUIRE(parse_document(original, doc, error));
        CHECK_FALSE(doc.header.empty());
        const std::string written = render_document(doc);
        INFO(e.path().string());
        REQUIRE(parse_scenario(written, e.path().string(), guideline(), b, db));
        CHECK(describe(a) == describe(b));
        CHECK(written.rfind("// " + doc.header.substr(0, doc.header.find('\n')), 0) == 0);
        ScenarioDocument again;
        REQUIRE(parse_document(written, again, error));
        CHECK(render_document(again) == written);
    }
    CHECK(files >= 100);
}

TEST_CASE("keys are written in the shipped order whatever order the document has them in, unknown keys after") {
    ScenarioDocument doc;
    std::string error;
    REQUIRE(parse_document("// h\n{\"options\": [{\"rationale\": {\"en\": \"E\", \"ja\": \"J\"}, \"id\": \"a\", \"acceptable\": true, \"correct\": false}],"
                           " \"zzz\": 1, \"id\": \"x\", \"schema\": 1}",
                           doc, error));
    CHECK(render_document(doc) ==
          "// h\n{\n  \"schema\": 1,\n  \"id\": \"x\",\n  \"options\": [\n    {\n      \"id\": \"a\",\n      \"correct\": false,\n"
          "      \"acceptable\": true,\n      \"rationale\": {\n        \"ja\": \"J\",\n        \"en\": \"E\"\n      }\n    }\n  ],\n"
          "  \"zzz\": 1\n}\n");
}

TEST_CASE("a header comment is kept; a comment inside the object is reported as one a save would drop") {
    ScenarioDocument doc;
    std::string error;
    REQUIRE(parse_document("// line one\n// line two\n{\"id\": \"x\"}\n", doc, error));
    CHECK(doc.header == "line one\nline two");
    CHECK_FALSE(doc.hand_comments);
    CHECK(render_document(doc).rfind("// line one\n// line two\n{", 0) == 0);
    REQUIRE(parse_document("// h\n{\"id\": \"x\", // trainer's note\n \"url\": \"https://example.org\"}", doc, error));
    CHECK(doc.hand_comments);
    REQUIRE(parse_document("// h\n{\"url\": \"https://example.org/* not a comment */\"}", doc, error));
    CHECK_FALSE(doc.hand_comments);
    CHECK_FALSE(parse_document("// h\n{\"id\": }", doc, error));
    CHECK(error.rfind("2:", 0) == 0);
}

TEST_CASE("a save writes beside the file and renames it, leaving no side file") {
    const fs::path dir = fs::temp_directory_path() / "kiosk-writer-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "item.json").string();
    std::string error;
    REQUIRE(write_file_atomically(path, "one\n", error));
    REQUIRE(write_file_atomically(path, "two\n", error));
    std::string back;
    REQUIRE(read_whole_file(path, back));
    CHECK(back == "two\n");
    CHECK_FALSE(fs::exists(path + ".saving"));
    CHECK(autosave_path(path) == (dir / ".item.json.autosave").string());
    CHECK_FALSE(write_file_atomically((dir / "missing" / "x.json").string(), "x", error));
    CHECK(error.find("missing") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("every template is a document the loader reads, its problems being blanks to fill in, not structure") {
    for (ItemType type : {ItemType::single, ItemType::multiple, ItemType::hottext, ItemType::classify, ItemType::branching}) {
        const ScenarioDocument doc = make_template(type, "new-item");
        const std::string text = render_document(doc);
        Scenario s;
        std::vector<Diagnostic> diags;
        parse_scenario(text, "new.json", guideline(), s, diags);
        INFO(text);
        for (const auto& d : diags) {
            INFO(d.format());
            CHECK(d.message.find("not valid JSON") == std::string::npos);
            CHECK(d.message.find("unknown key") == std::string::npos);
        }
        ScenarioDocument again;
        std::string error;
        REQUIRE(parse_document(text, again, error));
        CHECK(render_document(again) == text);
    }
}
