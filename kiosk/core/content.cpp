// Loads everything the kiosk teaches (guideline, courses, scenarios) and checks them against each other, never throwing.
#include "content.hpp"

#include "scenario_loader.hpp"

#include <filesystem>
#include <set>

namespace kiosk {

const Scenario* Content::scenario(std::string_view id) const {
    for (const auto& s : scenarios)
        if (s.id == id) return &s;
    return nullptr;
}

const Course* Content::course(std::string_view id) const {
    for (const auto& c : courses)
        if (c.id == id) return &c;
    return nullptr;
}

namespace {

Diagnostic problem(Severity s, const std::string& file, const std::string& pointer, std::string message, std::string hint = "") {
    Diagnostic d;
    d.severity = s;
    d.file = file;
    d.pointer = pointer;
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

// Checks that need both the courses and the scenarios: fixed item lists, and courses that would present nothing.
void cross_check(Content& c, const std::string& courses_file) {
    for (std::size_t i = 0; i < c.courses.size(); ++i) {
        const Course& course = c.courses[i];
        const std::string at = "/courses/" + std::to_string(i);
        for (std::size_t k = 0; k < course.items.size(); ++k)
            if (!c.scenario(course.items[k]))
                c.diagnostics.push_back(problem(Severity::error, courses_file, at + "/items/" + std::to_string(k),
                                                "course \"" + course.id + "\" lists item \"" + course.items[k] + "\", which is not in the scenario bank",
                                                "the item is skipped; fix its file or remove it from the list"));
        for (const auto& [id, mark] : course.marks)
            if (!c.scenario(id))
                c.diagnostics.push_back(problem(Severity::warning, courses_file, at + "/marks/" + id,
                                                "course \"" + course.id + "\" gives a mark to item \"" + id + "\", which is not in the scenario bank",
                                                "check the item id, or remove the entry"));
        if (!c.scenarios.empty() && draw_items(course, c.scenarios, c.guideline, {}, 0).empty())
            c.diagnostics.push_back(problem(Severity::warning, courses_file, at,
                                            "course \"" + course.id + "\" has no eligible item in the scenario bank",
                                            "add scenarios with audience \"" + course.audience + "\" or change the course's rules"));
        if (course.draw > 0) {
            for (const auto& sec : course.stratify) {
                bool found = false;
                Course whole = course;
                whole.draw = 0;  // every eligible item: does any lie in this section?
                for (const auto* s : draw_items(whole, c.scenarios, c.guideline, {}, 0))
                    found = found || section_of_clause(c.guideline, s->primary_clause()) == sec;
                if (!found && !c.scenarios.empty())
                    c.diagnostics.push_back(problem(Severity::warning, courses_file, at + "/stratify",
                                                    "course \"" + course.id + "\" should always include section " + sec + ", but no eligible item lies there"));
            }
        }
    }
}

} // namespace

Content load_content(const std::string& content_dir, const std::string& scenarios_dir) {
    Content c;
    const std::string guideline_file = (std::filesystem::path(content_dir) / "guideline.json").string();
    const std::string courses_file = (std::filesystem::path(content_dir) / "courses.json").string();
    try {
        c.guideline = load_guideline(guideline_file, c.diagnostics);
        c.courses = load_courses(courses_file, c.guideline, c.diagnostics);
        ScenarioLoadResult loaded = load_scenarios({scenarios_dir}, c.guideline);
        c.scenarios = std::move(loaded.scenarios);
        c.diagnostics.insert(c.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
        c.skipped_files = std::move(loaded.skipped_files);
        cross_check(c, courses_file);
    } catch (const std::exception& e) {
        // A loader bug must not take the kiosk down: report it and keep what was loaded.
        c.diagnostics.push_back(problem(Severity::error, content_dir, "", std::string("content could not be loaded: ") + e.what()));
    }
    return c;
}

} // namespace kiosk
