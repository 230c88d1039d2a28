// Scoring: one pure function per item type. Scores decide compliance, so they are exact integers and explainable.
#pragma once
#include "model.hpp"

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
};

// The most an item can give: single = points; multiple/hottext/classify = sum of correct weights; branching = best path.
int max_points(const Scenario& s);

ItemScore score_single(const Scenario& s, const Response& r);
ItemScore score_multiple(const Scenario& s, const Response& r);   // also hottext and classify (options = spans / kinds)
ItemScore score_branching(const Scenario& s, const Response& r);
// Dispatches on s.type. Unknown option ids score nothing; duplicates count once; always 0 <= points <= max.
ItemScore score(const Scenario& s, const Response& r);

// The option ids that make full marks (single/multiple/hottext/classify), or the best path (branching).
std::vector<std::string> correct_answer(const Scenario& s);

} // namespace kiosk
