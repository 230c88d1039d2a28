// Tests of what trainers see for their typical mistakes: every file of tests/fixtures/mistakes/ gives exactly the
// diagnostics listed in its expected.txt (severity, line, column, message, hint), plus generated huge and hostile files.
#include "core/guideline.hpp"
#include "core/json_location.hpp"
#include "core/scenario_loader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

const std::string kSource = KIOSK_SOURCE_DIR;
const std::string kMistakes = kSource + "/tests/fixtures/mistakes";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
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

// One line of expected.txt: `FILE:LINE:COL: SEVERITY: MESSAGE [| HINT]`, or `FILE: ok`.
struct Expected {
    std::string file;
    int line = 0;
    int column = 0;
    Severity severity = Severity::error;
    std::string message;
    std::string hint;
    std::string source;  // the manifest line, for failure messages
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

// The manifest by file; files marked `ok` map to an empty list.
std::map<std::string, std::vector<Expected>> read_manifest() {
    std::map<std::string, std::vector<Expected>> out;
    std::istringstream in(read_file(kMistakes + "/expected.txt"));
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        INFO("expected.txt:" << number << ": " << line);
        const auto json_end = line.find(".json:");
        REQUIRE(json_end != std::string::npos);
        Expected e;
        e.file = line.substr(0, json_end + 5);
        e.source = line;
        std::string rest = line.substr(json_end + 6);
        if (rest == " ok") {
            out[e.file];
            continue;
        }
        // LINE:COL: severity: …
        const auto c1 = rest.find(':');
        const auto c2 = rest.find(':', c1 + 1);
        REQUIRE(c2 != std::string::npos);
        e.line = std::stoi(rest.substr(0, c1));
        e.column = std::stoi(rest.substr(c1 + 1, c2 - c1 - 1));
        rest = rest.substr(c2 + 1);
        if (rest.rfind(" error: ", 0) == 0) {
            e.severity = Severity::error;
            rest = rest.substr(8);
        } else {
            REQUIRE(rest.rfind(" warning: ", 0) == 0);
            e.severity = Severity::warning;
            rest = rest.substr(10);
        }
        const auto bar = rest.find(" | ");
        e.message = replace_all(rest.substr(0, bar), "{dir}", kMistakes);
        if (bar != std::string::npos) e.hint = rest.substr(bar + 3);
        out[e.file].push_back(std::move(e));
    }
    return out;
}

bool matches(const Expected& e, const Diagnostic& d) {
    return d.severity == e.severity && d.line == e.line && d.column == e.column && d.message.find(e.message) != std::string::npos &&
           d.hint.find(e.hint) != std::string::npos;
}

std::string relative(const std::string& path) { return fs::path(path).lexically_relative(kMistakes).generic_string(); }

// A temporary directory that removes itself.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("kiosk-mistakes-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
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

// A valid single item, for the generated files.
std::string valid_single(const std::string& id, const std::string& extra = "") {
    return R"({"schema": 1, "id": ")" + id + R"(", "type": "single", "role": "organization", "audience": ["refresher"],
 "difficulty": 1, "clauses": ["5.2"], "title": {"ja": "題", "en": "Title"},
 "situation": {"who": {"ja": "職員", "en": "Staff"}, "text": {"ja": "状況", "en": "Situation"}},
 "prompt": {"ja": "問い", "en": "Question"}, "explanation": {"ja": "解説", "en": "Explanation"},)" +
           extra + R"(
 "options": [
  {"id": "a", "text": {"ja": "あ", "en": "A"}, "correct": true, "rationale": {"ja": "正", "en": "Right"}},
  {"id": "b", "text": {"ja": "い", "en": "B"}, "correct": false, "rationale": {"ja": "誤", "en": "Wrong"}},
  {"id": "c", "text": {"ja": "う", "en": "C"}, "correct": false, "rationale": {"ja": "誤", "en": "Wrong"}}]}
)";
}

} // namespace

TEST_CASE("every typical mistake gives exactly the diagnostics listed in expected.txt") {
    const auto manifest = read_manifest();
    const ScenarioLoadResult r = load_scenarios({kMistakes}, guideline());

    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(kMistakes))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.insert(relative(entry.path().string()));
    CHECK(files.size() >= 30);
    CHECK(r.files_read == static_cast<int>(files.size()));

    std::map<std::string, std::vector<const Diagnostic*>> by_file;
    for (const auto& d : r.diagnostics) by_file[relative(d.file)].push_back(&d);
    std::set<std::string> skipped;
    for (const auto& f : r.skipped_files) skipped.insert(relative(f));

    for (const auto& file : files) {
        INFO(file);
        const auto it = manifest.find(file);
        REQUIRE(it != manifest.end());  // every mistake file is described
        std::string actual;
        for (const Diagnostic* d : by_file[file]) actual += "  " + d->format() + "\n";
        INFO("actual diagnostics:\n" << actual);
        std::vector<const Diagnostic*> left = by_file[file];
        bool expects_error = false;
        for (const auto& e : it->second) {
            INFO("expected: " << e.source);
            expects_error = expects_error || e.severity == Severity::error;
            const auto found = std::find_if(left.begin(), left.end(), [&](const Diagnostic* d) { return matches(e, *d); });
            CHECK(found != left.end());
            if (found != left.end()) left.erase(found);
        }
        CHECK(left.empty());  // nothing reported beyond what is listed
        CHECK(skipped.count(file) == (expects_error ? 1u : 0u));
    }
    for (const auto& [file, expected] : manifest) {
        INFO(file);
        CHECK(files.count(file) == 1);  // every manifest entry has its file
    }
}

TEST_CASE("every diagnostic of the mistakes is one line, located, with a hint") {
    const ScenarioLoadResult r = load_scenarios({kMistakes}, guideline());
    REQUIRE_FALSE(r.diagnostics.empty());
    for (const auto& d : r.diagnostics) {
        INFO(d.format());
        CHECK(d.format().find('\n') == std::string::npos);
        CHECK_FALSE(d.hint.empty());
        CHECK(d.line >= 1);  // every mistake of the corpus has a place in its file
        CHECK(d.column >= 1);
    }
}

TEST_CASE("a 5 MB file is refused before it is read, with its size") {
    TempDir dir;
    std::string big = valid_single("big", "\n \"notes\": \"" + std::string(5 * 1024 * 1024, 'x') + "\",");
    const auto path = dir.write("big.json", big);
    const auto r = load_scenarios({path}, guideline());
    REQUIRE(r.diagnostics.size() == 1);
    const auto& d = r.diagnostics[0];
    CHECK(d.severity == Severity::error);
    CHECK(d.line == 0);
    CHECK(d.message.find("too large (5.0 MB)") != std::string::npos);
    CHECK(d.message.find("at most 1 MB") != std::string::npos);
    CHECK(r.skipped_files.size() == 1);

    // The same text handed over directly (as the preview does) gives the same refusal.
    Scenario s;
    std::vector<Diagnostic> ds;
    CHECK_FALSE(parse_scenario(big, "big.json", guideline(), s, ds));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.find("too large") != std::string::npos);
}

TEST_CASE("a hundred thousand nested brackets are refused at the 65th, without recursion") {
    for (const char* open : {"[", "{\"a\":"}) {
        std::string deep = "{\"schema\": 1, \"x\": ";
        for (int i = 0; i < 100'000; ++i) deep += open;  // up to 500 KB, under the size limit
        Scenario s;
        std::vector<Diagnostic> ds;
        CHECK_FALSE(parse_scenario(deep, "deep.json", guideline(), s, ds));
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].message.find("nested deeper than 64 levels") != std::string::npos);
        CHECK(ds[0].line == 1);
        // The brace of the object is level 1, so the 64th opening after it is the first too deep.
        CHECK(ds[0].column == static_cast<int>(std::string("{\"schema\": 1, \"x\": ").size() + 63 * std::string(open).size() + 1));
    }
}

TEST_CASE("a file with hundreds of mistakes shows the first fifty and says how many more there are") {
    std::string clauses = "[";
    for (int i = 0; i < 300; ++i) clauses += std::string(i ? ", " : "") + "\"9." + std::to_string(i) + "\"";
    clauses += "]";
    auto text = valid_single("many");
    text.replace(text.find("[\"5.2\"]"), 7, clauses);
    Scenario s;
    std::vector<Diagnostic> ds;
    CHECK_FALSE(parse_scenario(text, "many.json", guideline(), s, ds));
    REQUIRE(ds.size() == 51);
    CHECK(ds[0].message.find("unknown clause `9.0`") != std::string::npos);
    CHECK(ds[49].message.find("unknown clause `9.49`") != std::string::npos);
    CHECK(ds[50].message == "250 more problem(s) in this file are not shown");
}

TEST_CASE("a branching item with more than 10000 paths is refused") {
    // 40 nodes, each leading to the next four: the paths grow like the tetranacci numbers.
    std::string nodes;
    for (int i = 0; i < 40; ++i) {
        if (i) nodes += ",\n";
        if (i == 39) {
            nodes += R"({"id": "n39", "end": true, "text": {"ja": "終", "en": "End"}})";
            continue;
        }
        nodes += R"({"id": "n)" + std::to_string(i) + R"(", "text": {"ja": "場", "en": "Step"}, "choices": [)";
        for (int j = 1; j <= 4; ++j)
            nodes += std::string(j > 1 ? ", " : "") + R"({"id": "c)" + std::to_string(j) + R"(", "text": {"ja": "選", "en": "Pick"}, "points": )" +
                     std::to_string(j) + R"(, "next": "n)" + std::to_string(std::min(i + j, 39)) +
                     R"(", "consequence": {"ja": "結", "en": "Result"}, "rationale": {"ja": "理", "en": "Why"}})";
        nodes += "]}";
    }
    const std::string text = R"({"schema": 1, "id": "paths", "type": "branching", "role": "organization", "audience": ["operator"],
 "difficulty": 3, "clauses": ["5.5"], "title": {"ja": "道", "en": "Paths"},
 "situation": {"who": {"ja": "職員", "en": "Staff"}, "text": {"ja": "状況", "en": "Situation"}},
 "explanation": {"ja": "解説", "en": "Explanation"}, "start": "n0", "nodes": [
)" + nodes + "]}";
    Scenario s;
    std::vector<Diagnostic> ds;
    CHECK_FALSE(parse_scenario(text, "paths.json", guideline(), s, ds));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "the story has more than 10000 different paths from start to end");
    CHECK(ds[0].pointer == "/nodes");
}

TEST_CASE("duplicate keys are found with the pointer of the second one, through arrays and comments") {
    const std::string text = R"({
  "a": 1, // "a": 2 in a comment is not a key
  "list": [{"x": 1}, {"x": 2, "y": "\"x\": 3", "x": 4}],
  "o": {"k": {"k": 1}, "k": 2},
  "a": 5
})";
    const auto found = find_duplicate_keys(text);
    REQUIRE(found.size() == 3);
    CHECK(found[0].pointer == "/list/1/x");
    CHECK(offset_to_location(text, found[0].offset).line == 3);
    CHECK(offset_to_location(text, found[0].first).column == 23);
    CHECK(found[1].pointer == "/o/k");
    CHECK(found[1].key == "k");
    CHECK(found[2].pointer == "/a");
    CHECK(offset_to_location(text, found[2].first).line == 2);
    CHECK(find_duplicate_keys(R"({"a": {"b": 1}, "c": {"b": 2}})").empty());
    CHECK(find_duplicate_keys(text, 1).size() == 1);
}

TEST_CASE("control characters inside quoted values cannot break a diagnostic over lines") {
    Diagnostic d{Severity::error, "x.json", 2, 3, "/options/0/id", "id `a\nb` is used twice", "hint\twith\x01 controls"};
    CHECK(d.format() == "x.json:2:3: error: id `a\\nb` is used twice [/options/0/id] (hint: hint\\twith\\u0001 controls)");
}

TEST_CASE("texts in messages are cut on a character boundary") {
    auto text = valid_single("cut");
    // 45 Japanese characters where an object is expected: the message shows 40 and an ellipsis, never half a character.
    std::string situation;
    for (int i = 0; i < 45; ++i) situation += "状";
    text.replace(text.find("{\"who\""), text.find("},\n \"prompt\"") + 1 - text.find("{\"who\""), "\"" + situation + "\"");
    Scenario s;
    std::vector<Diagnostic> ds;
    CHECK_FALSE(parse_scenario(text, "cut.json", guideline(), s, ds));
    REQUIRE(ds.size() == 1);
    std::string forty;
    for (int i = 0; i < 40; ++i) forty += "状";
    CHECK(ds[0].message.find("not the text \"" + forty + "…\"") != std::string::npos);
}
