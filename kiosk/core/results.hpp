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
    int points = 0;  // points on items tagged with this clause
    int max = 0;
    double ratio() const { return max > 0 ? static_cast<double>(points) / max : 0.0; }
};

struct AttemptResult {
    int points = 0;
    int max = 0;
    double percent = 0.0;  // 0..100
    bool passed = false;     // percent >= the course's pass mark (and completed)
    bool completed = false;  // every item answered
    std::vector<ClauseMastery> clauses;   // every clause tagged on an item of the attempt, guideline order
    std::vector<ClauseMastery> sections;  // per top-level section, guideline order
    std::vector<std::string> missed_clauses;  // clauses of items not answered with full marks, guideline order
};

// `answers[i]` is the score of items[i], or empty when not answered.
AttemptResult compute_result(const Course& course, const Guideline& guideline, const std::vector<const Scenario*>& items,
                             const std::vector<std::optional<ItemScore>>& answers);

} // namespace kiosk
