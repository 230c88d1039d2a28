// Completion and mastery reports: the same figures for the admin screen and `kiosk report`.
#pragma once
#include "records.hpp"
#include "text.hpp"

#include <map>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

struct Course;
struct Scenario;

// What a report needs to know about a course (from content/courses.json).
struct ReportCourse {
    std::string id;
    Text title;
    int valid_days = 0;  // 0 = a completion does not expire
    // true: everyone must take it (orientation, refresher); false: a course for a role (operator), whose denominator is
    // the people who have started it at least once (the kiosk has no list of who holds the role).
    bool everyone = true;
};
// The courses that record completions (practice does not). A course is for everyone when its audience tag is empty,
// "orientation" or "refresher"; any other audience names a role.
std::vector<ReportCourse> report_courses(const std::vector<Course>& courses);

struct DepartmentCompletion {
    std::string department;  // "" = not known
    int people = 0;
    int completed = 0;  // holding a valid completion on the report date
    double percent() const { return people ? 100.0 * completed / people : 0.0; }
};

struct PersonDue {
    std::string staff_id, name, department;
    EpochMs last_completed = 0;  // 0 = never completed
    EpochMs valid_until = 0;     // of the newest completion; 0 = never completed or no expiry
};

struct MonthCount {
    std::string month;  // "2026-04" (local time)
    int completions = 0;
};

struct CourseCompletionReport {
    ReportCourse course;
    bool roster_denominator = false;  // true: everyone in the roster; false: everyone who has signed in
                                      // (for a role course: of those, the people who have started it)
    int people = 0;
    int completed = 0;
    double percent() const { return people ? 100.0 * completed / people : 0.0; }
    std::vector<DepartmentCompletion> departments;  // by name
    std::vector<PersonDue> overdue;    // no valid completion on the report date (never, or expired), by department then ID
    std::vector<PersonDue> due_soon;   // valid now, expiring within `due_soon_days`, soonest first
    std::vector<MonthCount> trend;     // completions per month, oldest first
};

// A completion is valid on `as_of` when completed_at ≤ as_of and it has not expired: its stored valid_until, or, when that
// is 0 and the course now has a validity, completed_at + valid_days.
std::vector<CourseCompletionReport> completion_report(sqlite3* db, const std::vector<ReportCourse>& courses, EpochMs as_of,
                                                      int due_soon_days = 30);

// Mastery per clause × department: points / max over every response on an item tagged with the clause (an item counts
// for each of its clauses).
struct HeatCell {
    long long points = 0, max_points = 0;
    long long responses = 0;
    double percent() const { return max_points ? 100.0 * static_cast<double>(points) / static_cast<double>(max_points) : 0.0; }
};
struct Heatmap {
    std::vector<std::string> clauses;      // in guideline order (numeric parts compared as numbers)
    std::vector<std::string> departments;  // by name; "" = not known
    std::map<std::pair<std::string, std::string>, HeatCell> cells;  // (clause, department)
    const HeatCell* cell(const std::string& clause, const std::string& department) const;
};
// Item id → its clauses, from the scenario bank (what clause_heatmap needs).
std::map<std::string, std::vector<std::string>> item_clause_map(const std::vector<Scenario>& scenarios);

// item_clauses: item id → its clauses (from the scenario bank). Responses on items not in the bank are left out.
Heatmap clause_heatmap(sqlite3* db, const std::map<std::string, std::vector<std::string>>& item_clauses);

// Orders clause ids such as "4", "4.2", "4.10", "5.4.a" as the guideline does.
bool clause_less(const std::string& a, const std::string& b);

// Indexes the report queries need on a large database; CREATE INDEX IF NOT EXISTS, so harmless when present.
void ensure_report_indexes(sqlite3* db);

// CSV for the command line and exports (UTF-8, header row, CRLF): text cells through record_export.hpp's csv_text_cell
// (quoted, formula cells neutralised), numbers, dates and the row kind bare.
std::string completion_report_csv(const std::vector<CourseCompletionReport>& reports);
std::string heatmap_csv(const Heatmap& heatmap);

} // namespace kiosk
