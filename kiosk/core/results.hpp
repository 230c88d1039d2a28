// Results of an attempt: score, completion and pass kept apart (as SCORM 2004 does), mastery per clause and per section.
#pragma once
#include "content.hpp"
#include "scoring.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct ClauseMastery {
    std::string clause_id;
    double points = 0;  // marks earned on items tagged with this clause (Σ fraction × mark)
    double max = 0;     // Σ mark of those items
    double ratio() const { return max > 0 ? static_cast<double>(points) / max : 0.0; }
};

struct AttemptResult {
    int points = 0;  // Σ points of the items, each on its own scale (kept for the records; not what passes)
    int max = 0;     // Σ max points
    double marks = 0.0;      // Σ fraction × mark: what the attempt earned
    double max_marks = 0.0;  // Σ mark: the attempt's maximum, the same whichever item types were drawn
    double percent = 0.0;  // 0..100 = marks / max_marks
    bool passed = false;     // percent >= the course's pass mark (and completed)
    bool completed = false;  // every item answered
    std::vector<ClauseMastery> clauses;   // every clause tagged on an item of the attempt, guideline order
    std::vector<ClauseMastery> sections;  // per top-level section, guideline order
    // The clauses of what the learner got wrong (scoring's missed_clauses), guideline order; for an item answered
    // without a recorded response, or not answered, its main clause.
    std::vector<std::string> missed_clauses;
};

// `answers[i]` is the score of items[i], or empty when not answered. `marks[i]` is the mark items[i] carries in this
// attempt (item_mark(course, item) when `marks` is shorter); `responses[i]` what was answered (for missed clauses).
AttemptResult compute_result(const Course& course, const Guideline& guideline, const std::vector<const Scenario*>& items,
                             const std::vector<std::optional<ItemScore>>& answers, const std::vector<double>& marks = {},
                             const std::vector<std::optional<Response>>& responses = {});

// Whether `earned` of `max_marks` reaches `pass_percent`, tolerant of the rounding in sums of fractions
// (8 of 10 marks against 80 % passes).
bool reaches_pass_mark(double earned, double max_marks, int pass_percent);

} // namespace kiosk
