// The course file: the shipped courses as specified, and every kind of mistake in a course file reported with its place.
#include "core/courses.hpp"
#include "engine_fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace kiosk;
namespace fx = kiosk::fixtures;
namespace fs = std::filesystem;

namespace {

const std::string kShipped = std::string(KIOSK_SOURCE_DIR) + "/content/courses.json";

const Course& find(const std::vector<Course>& cs, const std::string& id) {
    for (const auto& c : cs)
        if (c.id == id) return c;
    FAIL("no course " << id);
    throw std::logic_error("unreachable");
}

// A course file written to a fresh temporary directory.
struct TempCourseFile {
    fs::path dir;
    std::string path;
    explicit TempCourseFile(const std::string& text) {
        dir = fs::temp_directory_path() / ("kiosk-courses-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::create_directories(dir);
        path = (dir / "courses.json").string();
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempCourseFile() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

bool has_diag(const std::vector<Diagnostic>& ds, Severity s, const std::string& pointer, const std::string& words) {
    for (const auto& d : ds)
        if (d.severity == s && d.pointer == pointer && d.message.find(words) != std::string::npos) return true;
    return false;
}

std::string dump(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.pointer + ": " + d.message + "\n";
    return out;
}

} // namespace

TEST_CASE("the shipped courses load without problems and say what the course descriptions promise") {
    std::vector<Diagnostic> diags;
    const auto courses = load_courses(kShipped, fx::guideline(), diags);
    INFO(dump(diags));
    CHECK(diags.empty());
    REQUIRE(courses.size() >= 4);

    const Course& o = find(courses, "orientation");
    CHECK(o.title.ja == "新任職員研修");
    CHECK(o.title.en == "New-hire orientation");
    CHECK(o.feedback == FeedbackMode::learning);
    CHECK(o.audience == "orientation");
    CHECK(o.draw == 0);
    CHECK(o.pass_percent == 80);
    CHECK(o.valid_days == 0);
    CHECK(o.records_completion);

    const Course& r = find(courses, "refresher");
    CHECK(r.title.ja == "年次確認");
    CHECK(r.feedback == FeedbackMode::exam);
    CHECK(r.audience == "refresher");
    CHECK(r.draw == 12);
    CHECK(r.stratify == std::vector<std::string>{"4", "5", "6"});
    CHECK(r.pass_percent == 80);
    CHECK(r.valid_days == 365);
    CHECK(r.records_completion);

    const Course& op = find(courses, "operator");
    CHECK(op.title.ja == "公式アカウント運用担当者研修");
    CHECK(op.feedback == FeedbackMode::learning);
    CHECK(op.audience == "operator");
    CHECK(op.sections == std::vector<std::string>{"4", "5"});
    CHECK(op.valid_days == 365);

    const Course& p = find(courses, "practice");
    CHECK(p.title.ja == "自己診断");
    CHECK(p.draw == 10);
    CHECK(p.audience.empty());
    CHECK(p.feedback == FeedbackMode::learning);
    CHECK_FALSE(p.records_completion);

    for (const auto& c : courses) {
        INFO(c.id);
        CHECK_FALSE(c.title.ja.empty());
        CHECK_FALSE(c.title.en.empty());
        CHECK_FALSE(c.description.ja.empty());
        CHECK_FALSE(c.description.en.empty());
    }
}

TEST_CASE("a missing or broken course file is reported, never thrown") {
    std::vector<Diagnostic> diags;
    CHECK(load_courses("/nonexistent/courses.json", fx::guideline(), diags).empty());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == Severity::error);

    TempCourseFile broken("{\n  \"schema\": 1,\n  \"courses\": [\n    {\"id\": \"x\",, }\n  ]\n}\n");
    diags.clear();
    CHECK(load_courses(broken.path, fx::guideline(), diags).empty());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 4);
    CHECK(diags[0].column > 1);
}

TEST_CASE("mistakes in a course are reported at their JSON Pointer; a bad course is not offered") {
    const std::string good = R"({"id": "good", "title": {"ja": "良い", "en": "Good"}, "description": {"ja": "説明", "en": "About"},
                                 "feedback": "exam", "pass_percent": 70, "draw": 3, "stratify": ["4", "5"]})";
    struct Case {
        const char* what;
        std::string course;
        std::string pointer;
        std::string words;
        bool offered;
    };
    const Case c = GENERATE_COPY(
        Case{"unknown feedback", R"({"id": "a", "title": "A", "description": "d", "feedback": "quiz", "pass_percent": 80})", "/courses/1/feedback", "learning", false},
        Case{"missing feedback", R"({"id": "a", "title": "A", "description": "d", "pass_percent": 80})", "/courses/1", "feedback", false},
        Case{"pass mark out of range", R"({"id": "a", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 120})", "/courses/1/pass_percent", "0 to 100", false},
        Case{"unknown section", R"({"id": "a", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 80, "sections": ["9"]})", "/courses/1/sections/0", "not a top-level section", false},
        Case{"section given as an item", R"({"id": "a", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 80, "draw": 2, "stratify": ["5.4"]})", "/courses/1/stratify/0", "not a top-level section", false},
        Case{"stratify larger than the draw", R"({"id": "a", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 80, "draw": 2, "stratify": ["4", "5", "6"]})", "/courses/1/stratify", "cannot cover", false},
        Case{"duplicate id", R"({"id": "good", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 80})", "/courses/1/id", "used twice", false},
        Case{"bad id", R"({"id": "Good Course", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 80})", "/courses/1/id", "a-z", false},
        Case{"wrong type", R"({"id": "a", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 80, "records_completion": "no"})", "/courses/1/records_completion", "true or false", false},
        Case{"unknown key is only a warning", R"({"id": "a", "title": "A", "description": "d", "feedback": "exam", "pass_percent": 80, "pass_mark": 3})", "/courses/1/pass_mark", "unknown key", true},
        Case{"English missing is only a warning", R"({"id": "a", "title": "Ａ", "description": "d", "feedback": "exam", "pass_percent": 80})", "/courses/1/title", "English", true});
    INFO(c.what);
    TempCourseFile f("// comments are allowed\n{\"schema\": 1, \"courses\": [" + good + ",\n" + c.course + "]}");
    std::vector<Diagnostic> diags;
    const auto courses = load_courses(f.path, fx::guideline(), diags);
    INFO(dump(diags));
    CHECK(has_diag(diags, c.offered ? Severity::warning : Severity::error, c.pointer, c.words));
    CHECK(courses.size() == (c.offered ? 2u : 1u));
    CHECK(courses.front().id == "good");
    CHECK(courses.front().draw == 3);
    CHECK(courses.front().pass_percent == 70);
    CHECK(courses.front().feedback == FeedbackMode::exam);
}

TEST_CASE("sections of clauses come from the guideline, or from the clause id when the guideline does not know it") {
    const Guideline g = fx::guideline();
    CHECK(section_of_clause(g, "5.4.a") == "5");
    CHECK(section_of_clause(g, "6") == "6");
    CHECK(section_of_clause(g, "preamble") == "preamble");
    CHECK(section_of_clause(Guideline{}, "6.3.b") == "6");
}
