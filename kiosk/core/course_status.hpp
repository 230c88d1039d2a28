// What a course means for one person today: not started, in progress, completed (valid until), due soon, overdue.
#pragma once
#include "attempt_store.hpp"
#include "courses.hpp"

#include <optional>
#include <vector>

namespace kiosk {

struct CourseStatus {
    enum class State { not_started, in_progress, completed, due_soon, overdue, practice };
    State state = State::not_started;
    EpochMs completed_at = 0;  // latest completion, 0 = none
    EpochMs valid_until = 0;   // of the latest completion, 0 = does not expire
    EpochMs due = 0;           // when a (new) completion is due, 0 = no due date
    std::optional<AttemptRecord> open_attempt;  // a suspended or in-progress attempt to resume
};

constexpr int kDueSoonDays = 30;
constexpr int kOrientationDueDays = 90;  // new hires complete the orientation within this many days of their hire date

// `completions` are the person's (any course; only this course's count). `hire_date` is an ISO date or "".
CourseStatus course_status(const Course& course, const std::vector<CompletionRecord>& completions,
                           const std::optional<AttemptRecord>& open_attempt, const std::string& hire_date, EpochMs now);

} // namespace kiosk
