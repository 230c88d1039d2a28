// Courses (content/courses.json): which items an attempt presents, how feedback is given, pass mark and validity.
#pragma once
#include "attempt_store.hpp"
#include "diagnostic.hpp"
#include "guideline.hpp"
#include "model.hpp"
#include "text.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kiosk {

enum class FeedbackMode { learning, exam };  // after each answer / only at the end

struct Course {
    std::string id;                // "orientation", "refresher", "operator", "practice"
    Text title;
    Text description;
    FeedbackMode feedback = FeedbackMode::learning;
    std::string audience;          // items with this audience tag are eligible ("" = every item)
    std::vector<std::string> sections;  // only items whose primary clause lies in these sections ("" = all)
    std::vector<std::string> items;     // a fixed list (in this order) instead of a draw; empty = use the rule above
    int draw = 0;                  // 0 = every eligible item, grouped by section; N = N items drawn per attempt
    std::vector<std::string> stratify;  // sections that every draw must include (e.g. "4", "5", "6")
    int pass_percent = 80;
    int valid_days = 0;            // 0 = a completion does not expire
    bool records_completion = true;  // false for practice (self-assessment)
    bool allow_back = false;       // learners may go back to an earlier item before submitting the attempt
    std::map<std::string, double> marks;  // item id -> its mark in this course, overriding the item's own `mark`
};

// The mark an item carries in a course: the course's `marks` entry, else the item's own `mark` (default 1).
double item_mark(const Course& course, const Scenario& s);

// Loads and checks content/courses.json against the guideline (section ids exist) and the scenarios (fixed items exist).
std::vector<Course> load_courses(const std::string& path, const Guideline& guideline, std::vector<Diagnostic>& diags);

// The top-level section a clause lies in ("5" for "5.4.a"), from the guideline; from the id's first part when the
// guideline does not know the clause.
std::string section_of_clause(const Guideline& guideline, const std::string& clause_id);

// The items of one attempt, in the order presented. Deterministic given (course, bank, history, seed):
// - eligible items only, no item twice;
// - items on clauses this person missed before come first of all, then items never seen, then the rest;
// - a draw of N covers every section in `stratify` (when the bank has items there), then fills by the priorities above;
// - the seed breaks ties, so a retake with a new seed gets a fresh draw.
// A course with `draw == 0` presents every eligible item grouped by section in guideline order (seed orders within a section).
std::vector<const Scenario*> draw_items(const Course& course, const std::vector<Scenario>& bank, const Guideline& guideline,
                                        const std::vector<PastResponse>& history, std::uint64_t seed);

} // namespace kiosk
