// The guideline content: the shipped file is complete and faithful to the source text; the loader's tree and diagnostics.
#include "core/guideline.hpp"
#include "core/hash.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

const std::string shipped_path = std::string(KIOSK_SOURCE_DIR) + "/content/guideline.json";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A temp directory of this test process; each test writes its own file names.
std::string write_temp(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / ("kiosk-guideline-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

// Length in bytes of the whitespace code point at s[i], or 0: ASCII whitespace, NBSP, U+2000–U+200B, U+3000, BOM.
std::size_t whitespace_at(const std::string& s, std::size_t i) {
    const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    if (b(0) == ' ' || b(0) == '\t' || b(0) == '\n' || b(0) == '\r' || b(0) == '\f' || b(0) == '\v') return 1;
    if (b(0) == 0xC2 && b(1) == 0xA0) return 2;
    if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
    if (b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0x80 && b(2) <= 0x8B) return 3;
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;
    return 0;
}

std::string without_whitespace(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = whitespace_at(s, i)) {
            i += n;
        } else {
            out += s[i];
            ++i;
        }
    }
    return out;
}

// The source with every line trimmed and the lines joined: what a paragraph of the JSON must be a piece of.
std::string source_lines_joined(const std::string& source) {
    std::string out;
    std::istringstream lines(source);
    std::string line;
    while (std::getline(lines, line)) {
        std::size_t a = 0, b = line.size();
        while (a < b && whitespace_at(line, a)) a += whitespace_at(line, a);
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\r' || line[b - 1] == '\t')) --b;
        out += line.substr(a, b - a);
    }
    return out;
}

std::vector<std::string> paragraphs(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string p;
    while (std::getline(in, p, '\n')) out.push_back(p);
    return out;
}

// "5" → "５": the guideline writes its numbers full-width.
std::string full_width(const std::string& digits) {
    static const char* fw[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
    std::string out;
    for (const char c : digits) out += (c >= '0' && c <= '9') ? fw[c - '0'] : std::string(1, c);
    return out;
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

const std::vector<std::string> operative_ids = {
    "3.1",   "3.2",   "4.1",   "4.2",   "4.3",   "4.4",   "4.5",   "5.1",   "5.2",   "5.3",
    "5.4",   "5.4.a", "5.4.b", "5.4.c", "5.4.d", "5.4.e", "5.4.f", "5.4.g", "5.4.h", "5.4.i",
    "5.5",   "5.6",   "6.1",   "6.2",   "6.3",   "6.3.a", "6.3.b", "6.3.c", "6.3.d", "6.4"};

std::string describe(const std::vector<Diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags)
        out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
               (d.severity == Severity::error ? "error: " : "warning: ") + d.message + " (" + d.pointer + ")\n";
    return out;
}

// A small valid guideline for the error tests; `clauses` is spliced into the array.
std::string tiny_guideline(const std::string& clauses) {
    return "{\n"
           "  \"title\": {\"ja\": \"ガイドライン\", \"en\": \"Guideline\"},\n"
           "  \"effective_date\": \"2013-10-28\",\n"
           "  \"effective_label\": {\"ja\": \"施行\", \"en\": \"In force\"},\n"
           "  \"separator\": \"記\",\n"
           "  \"clauses\": [" +
           clauses + "]\n}\n";
}

std::string tiny_clause(const std::string& id, const std::string& children = "") {
    return "{\"id\": \"" + id + "\", \"label\": \"" + full_width(id) +
           "\", \"mark\": \"\", \"title\": {\"ja\": \"見出し\", \"en\": \"Heading\"}, "
           "\"short_title\": {\"ja\": \"短い\", \"en\": \"Short\"}, \"operative\": false, "
           "\"text\": {\"ja\": \"本文\", \"en\": \"Text\"}, \"children\": [" +
           children + "]}";
}

} // namespace

TEST_CASE("the shipped guideline loads with no diagnostics") {
    std::vector<Diagnostic> diags;
    const Guideline g = load_guideline(shipped_path, diags);
    INFO(describe(diags));
    CHECK(diags.empty());
    CHECK(g.title.ja == "千代田区ソーシャルメディア活用ガイドライン");
    CHECK_FALSE(g.title.en.empty());
    CHECK(g.effective_date == "2013-10-28");
    CHECK(g.effective_label.ja == "平成25年10月28日施行");
    CHECK_FALSE(g.effective_label.en.empty());
    CHECK(g.separator == "記");
    CHECK(g.hash == sha256_hex(read_file(shipped_path)));
    CHECK(g.hash.size() == 64);
}

TEST_CASE("every character of the source text is in the guideline, in order, and nothing else") {
    std::vector<Diagnostic> diags;
    const Guideline g = load_guideline(shipped_path, diags);
    REQUIRE_FALSE(has_errors(diags));
    REQUIRE_FALSE(g.clauses.empty());
    REQUIRE(g.clauses.front().id == "preamble");

    // Rule: depth-first, for each clause its mark, Japanese title and Japanese text; the separator 「記」 follows the
    // preamble. Only whitespace is ignored, so any dropped, added, altered or misplaced character fails.
    std::string joined;
    for (const Clause& c : g.clauses) {
        joined += c.mark + c.title.ja + c.text.ja;
        if (c.id == "preamble") joined += g.separator;
    }
    const std::string source = read_file(KIOSK_GUIDELINE_SOURCE);
    const std::string expected = without_whitespace(source);
    const std::string actual = without_whitespace(joined);
    if (actual != expected) {
        std::size_t i = 0;
        while (i < actual.size() && i < expected.size() && actual[i] == expected[i]) ++i;
        while (i > 0 && (static_cast<unsigned char>(expected[i < expected.size() ? i : expected.size() - 1]) & 0xC0) == 0x80) --i;
        const std::size_t from = i > 60 ? i - 60 : 0;
        INFO("first difference at byte " << i << "\nsource: …" << expected.substr(from, 150) << "\njson:   …" << actual.substr(from, 150));
        CHECK(actual == expected);
    }
    CHECK(actual.size() == expected.size());

    // Line breaks may be joined, but no space may be added: each paragraph is a piece of the source with its lines joined.
    const std::string source_joined = source_lines_joined(source);
    for (const Clause& c : g.clauses) {
        for (const auto& p : paragraphs(c.text.ja)) {
            INFO("clause " << c.id << " paragraph: " << p);
            CHECK_FALSE(p.empty());
            CHECK(source_joined.find(p) != std::string::npos);
        }
    }
}

TEST_CASE("clauses carry the structure and the citation labels the guideline uses") {
    std::vector<Diagnostic> diags;
    const Guideline g = load_guideline(shipped_path, diags);
    REQUIRE_FALSE(has_errors(diags));

    std::vector<std::string> section_ids;
    for (const Clause* s : g.sections()) section_ids.push_back(s->id);
    CHECK(section_ids == std::vector<std::string>{"preamble", "1", "2", "3", "4", "5", "6", "7", "supplementary"});

    CHECK(g.find("preamble")->label == "前文");
    CHECK(g.find("supplementary")->label == "附則");
    CHECK(g.find("supplementary")->title.ja == "附則");
    for (const char* id : {"1", "2", "3", "4", "5", "6", "7"}) {
        const Clause* c = g.find(id);
        REQUIRE(c);
        CHECK(c->label == full_width(id));
        CHECK_FALSE(c->title.ja.empty());
        CHECK_FALSE(c->title.en.empty());
    }
    // An item is cited by its parent's label followed by its own mark: ５（４）ア, ６（３）（エ).
    for (const Clause& c : g.clauses) {
        INFO("clause " << c.id);
        if (c.depth == 0) continue;
        CHECK(c.label == g.find(c.parent)->label + c.mark);
        CHECK(c.title.empty());
    }
    CHECK(g.find("5.4.a")->label == "５（４）ア");
    CHECK(g.find("5.4.i")->label == "５（４）ケ");
    CHECK(g.find("6.3.d")->label == "６（３）（エ）");
    CHECK(g.find("4.2")->label == "４（２）");
    CHECK(g.find("5.4.a")->short_title.ja == "中傷・誹謗");
    CHECK(g.find("5.4.a")->short_title.en == "Defamation");

    const Clause* kinds = g.find("5.4");
    REQUIRE(kinds);
    CHECK(kinds->children ==
          std::vector<std::string>{"5.4.a", "5.4.b", "5.4.c", "5.4.d", "5.4.e", "5.4.f", "5.4.g", "5.4.h", "5.4.i"});
    CHECK(g.find("6.3")->children == std::vector<std::string>{"6.3.a", "6.3.b", "6.3.c", "6.3.d"});
    CHECK(g.find("5")->children == std::vector<std::string>{"5.1", "5.2", "5.3", "5.4", "5.5", "5.6"});
    const Clause* a = g.find("5.4.a");
    CHECK(a->parent == "5.4");
    CHECK(a->section == "5");
    CHECK(a->depth == 2);
    CHECK(g.find("5")->section == "5");
    CHECK(g.find("5")->parent.empty());
    CHECK(g.find("6.4")->depth == 1);

    // Section 6 opens with its own paragraph; sections 3, 4 and 5 go straight to their items.
    CHECK(g.find("6")->text.ja.rfind("千代田区職員が個人として", 0) == 0);
    CHECK(g.find("4")->text.ja.empty());
    CHECK(g.find("5")->text.ja.empty());
    // The source's own wording is kept, typo included.
    CHECK(g.find("6.3")->text.ja.find("次の点ついて") != std::string::npos);
    CHECK(g.find("7")->mark == "7．");

    // Depth-first order: every clause follows its parent, and ids are unique.
    std::set<std::string> seen;
    for (const Clause& c : g.clauses) {
        INFO("clause " << c.id);
        if (!c.parent.empty()) CHECK(seen.count(c.parent) == 1);
        CHECK(seen.insert(c.id).second);
        CHECK_FALSE(c.short_title.ja.empty());
        CHECK_FALSE(c.short_title.en.empty());
        CHECK(code_points(c.short_title.ja) <= 12);
        if (!c.text.ja.empty()) CHECK_FALSE(c.text.en.empty());
        // Paragraphs in both languages are the same in number, so the side-by-side view lines up.
        CHECK(paragraphs(c.text.ja).size() == paragraphs(c.text.en).size());
    }
}

TEST_CASE("exactly the rules staff must follow are operative, each with English and short titles") {
    std::vector<Diagnostic> diags;
    const Guideline g = load_guideline(shipped_path, diags);
    REQUIRE_FALSE(has_errors(diags));
    for (const auto& id : operative_ids) {
        INFO("clause " << id);
        const Clause* c = g.find(id);
        REQUIRE(c);
        CHECK(c->operative);
        CHECK_FALSE(c->text.ja.empty());
        CHECK_FALSE(c->text.en.empty());
        CHECK_FALSE(c->short_title.ja.empty());
        CHECK_FALSE(c->short_title.en.empty());
    }
    std::vector<std::string> operative;
    for (const Clause* c : g.operative_clauses()) operative.push_back(c->id);
    CHECK(operative == operative_ids);
}

TEST_CASE("within() follows the clause tree") {
    std::vector<Diagnostic> diags;
    const Guideline g = load_guideline(shipped_path, diags);
    REQUIRE_FALSE(has_errors(diags));
    CHECK(g.within("5.4.a", "5"));
    CHECK(g.within("5.4.a", "5.4"));
    CHECK(g.within("5.4.a", "5.4.a"));
    CHECK(g.within("6.3.d", "6"));
    CHECK(g.within("3", "3"));
    CHECK_FALSE(g.within("5.4.a", "6"));
    CHECK_FALSE(g.within("5.4.a", "5.4.b"));
    CHECK_FALSE(g.within("5", "5.4"));
    CHECK_FALSE(g.within("6.3.a", "5"));
    CHECK_FALSE(g.within("5.9", "5"));  // unknown ids are within nothing
    CHECK_FALSE(g.within("5.4.a", ""));
    CHECK(g.find("5.9") == nullptr);
}

TEST_CASE("a file that is not valid JSON is reported at its line and column") {
    // Missing comma after the title: the error is at the string "separator" that follows, line 3, column 3.
    const std::string path = write_temp("broken.json",
                                        "{\n"
                                        "  \"title\": {\"ja\": \"千代田区\", \"en\": \"Chiyoda\"}\n"
                                        "  \"separator\": \"記\"\n"
                                        "}\n");
    std::vector<Diagnostic> diags;
    const Guideline g = load_guideline(path, diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == Severity::error);
    CHECK(diags[0].file == path);
    CHECK(diags[0].line == 3);
    CHECK(diags[0].column == 3);
    CHECK(diags[0].message.find("not valid JSON") != std::string::npos);
    CHECK(g.clauses.empty());
    CHECK(g.hash == sha256_hex(read_file(path)));

    // Columns count code points, not bytes: 「記記記」 is three columns.
    const std::string path2 = write_temp("broken2.json", "// comment line\n{\"separator\": \"記記記\" x}\n");
    diags.clear();
    load_guideline(path2, diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 2);
    CHECK(diags[0].column == 21);
}

TEST_CASE("duplicate ids and missing fields are errors; a missing file is reported") {
    SECTION("duplicate id") {
        const std::string path = write_temp("duplicate.json", tiny_guideline(tiny_clause("1") + ",\n" + tiny_clause("1")));
        std::vector<Diagnostic> diags;
        const Guideline g = load_guideline(path, diags);
        INFO(describe(diags));
        REQUIRE(has_errors(diags));
        bool reported = false;
        for (const auto& d : diags)
            reported = reported || (d.severity == Severity::error && d.pointer == "/clauses/1/id" &&
                                    d.message.find("duplicate") != std::string::npos && d.file == path);
        CHECK(reported);
    }
    SECTION("duplicate id between a section and a nested item") {
        const std::string path =
            write_temp("duplicate-nested.json", tiny_guideline(tiny_clause("2") + ",\n" + tiny_clause("3", tiny_clause("2"))));
        std::vector<Diagnostic> diags;
        load_guideline(path, diags);
        INFO(describe(diags));
        bool reported = false;
        for (const auto& d : diags)
            reported = reported || (d.pointer == "/clauses/1/children/0/id" && d.message.find("duplicate") != std::string::npos);
        CHECK(reported);
    }
    SECTION("a valid small file loads with its tree") {
        const std::string path =
            write_temp("valid.json", tiny_guideline(tiny_clause("1") + ",\n" + tiny_clause("2", tiny_clause("2.1"))));
        std::vector<Diagnostic> diags;
        const Guideline g = load_guideline(path, diags);
        INFO(describe(diags));
        CHECK(diags.empty());
        REQUIRE(g.clauses.size() == 3);
        CHECK(g.clauses[2].id == "2.1");
        CHECK(g.clauses[2].parent == "2");
        CHECK(g.within("2.1", "2"));
        CHECK(g.sections().size() == 2);
    }
    SECTION("operative must be given as a boolean") {
        std::string clause = tiny_clause("1");
        clause.replace(clause.find("\"operative\": false"), 18, "\"operative\": \"yes\"");
        const std::string path = write_temp("operative.json", tiny_guideline(clause));
        std::vector<Diagnostic> diags;
        load_guideline(path, diags);
        INFO(describe(diags));
        bool reported = false;
        for (const auto& d : diags) reported = reported || (d.severity == Severity::error && d.pointer == "/clauses/0/operative");
        CHECK(reported);
    }
    SECTION("a clause without an id or a short title") {
        std::string clause = tiny_clause("1");
        clause.replace(clause.find("\"id\": \"1\", "), 11, "");
        clause.replace(clause.find("\"short_title\""), 13, "\"shorttitle\"");
        const std::string path = write_temp("missing.json", tiny_guideline(clause));
        std::vector<Diagnostic> diags;
        load_guideline(path, diags);
        INFO(describe(diags));
        int id_missing = 0, short_missing = 0, unknown_key = 0;
        for (const auto& d : diags) {
            id_missing += d.message.find("`id` is missing") != std::string::npos;
            short_missing += d.message.find("`short_title` is missing") != std::string::npos;
            unknown_key += d.severity == Severity::warning && d.pointer == "/clauses/0/shorttitle";
        }
        CHECK(id_missing == 1);
        CHECK(short_missing == 1);
        CHECK(unknown_key == 1);
    }
    SECTION("missing file") {
        std::vector<Diagnostic> diags;
        const Guideline g = load_guideline("/nonexistent/content/guideline.json", diags);
        REQUIRE(diags.size() == 1);
        CHECK(diags[0].severity == Severity::error);
        CHECK(g.clauses.empty());
        CHECK(g.hash.empty());
    }
}
