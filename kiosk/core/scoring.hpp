// Scoring: one pure function per item type. Scores decide compliance, so they are exact integers and explainable.
#pragma once
#include "model.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace kiosk {

// What the learner answered. Option ids for single/multiple/hottext/classify; the choice ids taken for branching.
struct Response {
    std::vector<std::string> selected;
    std::vector<std::string> path;

    std::string to_json() const;                         // {"selected":[...]} or {"path":[...]}
    static bool from_json(const std::string& text, Response& out);  // false when malformed
};

struct ItemScore {
    int points = 0;
    int max = 0;
    bool correct() const { return max > 0 && points == max; }
    // The item's result as a fraction in [0, 1] of its own max; an attempt weighs it by the item's mark.
    double fraction() const { return max > 0 ? static_cast<double>(std::clamp(points, 0, max)) / max : 0.0; }
};

// The most an item can give: single = points; multiple/hottext/classify = sum of correct weights; branching = best path.
int max_points(const Scenario& s);

ItemScore score_single(const Scenario& s, const Response& r);
ItemScore score_multiple(const Scenario& s, const Response& r);   // also hottext and classify (options = spans / kinds)
ItemScore score_branching(const Scenario& s, const Response& r);
// Dispatches on s.type. Unknown option ids score nothing; duplicates count once; always 0 <= points <= max.
ItemScore score(const Scenario& s, const Response& r);

// The clauses of what the learner got wrong, each once, in the order found: for a wrong option/span (chosen wrong,
// or correct not chosen) its `clauses`, else the item's main clause; for classify the wrongly chosen or missed kinds
// (the main clause for a wrong "none"); for branching the `clauses` of each choice taken that scored below the best
// choice at that node. Acceptable options and kinds are never wrong. Empty for a fully correct answer.
std::vector<std::string> missed_clauses(const Scenario& s, const Response& r);

// The option ids that make full marks (single/multiple/hottext/classify), or the best path (branching).
std::vector<std::string> correct_answer(const Scenario& s);

} // namespace kiosk
