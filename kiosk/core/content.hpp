// Content: everything the kiosk teaches, loaded once: the guideline, the courses and the scenario bank.
#pragma once
#include "courses.hpp"
#include "diagnostic.hpp"
#include "guideline.hpp"
#include "model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct Content {
    Guideline guideline;
    std::vector<Course> courses;
    std::vector<Scenario> scenarios;        // only files without errors (learners never see a broken item)
    std::vector<Diagnostic> diagnostics;    // guideline, courses and scenario problems, for trainers and the admin screen
    std::vector<std::string> skipped_files; // scenario files not loaded because of errors

    const Scenario* scenario(std::string_view id) const;
    const Course* course(std::string_view id) const;
};

// content_dir holds guideline.json and courses.json; scenarios_dir the scenario files. Never throws on bad input.
Content load_content(const std::string& content_dir, const std::string& scenarios_dir);

} // namespace kiosk
