// Course state for the home screen and the reports: the latest completion decides, then the due date.
#include "course_status.hpp"

#include "dates.hpp"

namespace kiosk {

CourseStatus course_status(const Course& course, const std::vector<CompletionRecord>& completions,
                           const std::optional<AttemptRecord>& open_attempt, const std::string& hire_date, EpochMs now) {
    CourseStatus st;
    st.open_attempt = open_attempt;
    for (const auto& c : completions) {
        if (c.course_id != course.id || c.completed_at < st.completed_at) continue;
        st.completed_at = c.completed_at;
        st.valid_until = c.valid_until;
    }
    if (!course.records_completion) {
        st.state = open_attempt ? CourseStatus::State::in_progress : CourseStatus::State::practice;
        return st;
    }
    if (st.completed_at > 0) {
        st.due = st.valid_until;  // 0 when the completion never expires
    } else if (course.id == "orientation" && !hire_date.empty()) {
        EpochMs hired = 0;
        if (parse_iso_date(hire_date, hired)) st.due = hired + kOrientationDueDays * kDayMs;
    }

    if (open_attempt) st.state = CourseStatus::State::in_progress;
    else if (st.due > 0 && now >= st.due) st.state = CourseStatus::State::overdue;
    else if (st.due > 0 && now >= st.due - kDueSoonDays * kDayMs) st.state = CourseStatus::State::due_soon;
    else if (st.completed_at > 0) st.state = CourseStatus::State::completed;
    else st.state = CourseStatus::State::not_started;
    return st;
}

} // namespace kiosk
