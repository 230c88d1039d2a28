// Attempt results: score, completion and pass kept apart; mastery per clause and per section; missed clauses.
#include "results.hpp"

#include <algorithm>
#include <set>

namespace kiosk {

namespace {

// Position of a clause in the guideline; clauses it does not know sort after, by id.
struct GuidelineOrder {
    explicit GuidelineOrder(const Guideline& g) {
        for (const auto& c : g.clauses) rank.emplace(c.id, rank.size());
    }
    bool operator()(const std::string& a, const std::string& b) const {
        const auto ra = rank_of(a), rb = rank_of(b);
        return ra != rb ? ra < rb : a < b;
    }
    std::size_t rank_of(const std::string& id) const {
        const auto it = rank.find(id);
        return it == rank.end() ? rank.size() : it->second;
    }
    std::map<std::string, std::size_t> rank;
};

std::vector<ClauseMastery> ordered(const std::map<std::string, ClauseMastery>& by_id, const GuidelineOrder& order) {
    std::vector<ClauseMastery> out;
    for (const auto& [id, m] : by_id) out.push_back(m);
    std::sort(out.begin(), out.end(), [&](const ClauseMastery& a, const ClauseMastery& b) { return order(a.clause_id, b.clause_id); });
    return out;
}

void add(std::map<std::string, ClauseMastery>& by_id, const std::string& id, double points, double max) {
    auto& m = by_id[id];
    m.clause_id = id;
    m.points += points;
    m.max += max;
}

} // namespace

bool reaches_pass_mark(double earned, double max_marks, int pass_percent) {
    if (!(max_marks > 0)) return false;
    // Relative tolerance far below one mark in a million: sums of thirds must not fail an exact 80 %.
    return earned * 100.0 >= static_cast<double>(pass_percent) * max_marks - 1e-9 * max_marks;
}

AttemptResult compute_result(const Course& course, const Guideline& guideline, const std::vector<const Scenario*>& items,
                             const std::vector<std::optional<ItemScore>>& answers, const std::vector<double>& marks,
                             const std::vector<std::optional<Response>>& responses) {
    AttemptResult r;
    const GuidelineOrder order(guideline);
    std::map<std::string, ClauseMastery> clauses, sections;
    std::set<std::string> missed;
    bool all_answered = !items.empty();

    for (std::size_t i = 0; i < items.size(); ++i) {
        const Scenario& s = *items[i];
        const std::optional<ItemScore> answer = i < answers.size() ? answers[i] : std::nullopt;
        if (!answer) all_answered = false;
        // An unanswered item still counts at its full mark: it was part of the attempt.
        const int max = answer ? answer->max : max_points(s);
        const int points = answer ? std::clamp(answer->points, 0, max) : 0;
        const double mark = i < marks.size() && marks[i] > 0 ? marks[i] : item_mark(course, s);
        const double earned = (answer ? answer->fraction() : 0.0) * mark;
        r.points += points;
        r.max += max;
        r.marks += earned;
        r.max_marks += mark;

        std::set<std::string> item_clauses(s.clauses.begin(), s.clauses.end());  // a clause tagged twice counts once
        for (const auto& c : item_clauses) add(clauses, c, earned, mark);
        if (!s.clauses.empty()) add(sections, section_of_clause(guideline, s.primary_clause()), earned, mark);

        const std::optional<Response> response = i < responses.size() ? responses[i] : std::nullopt;
        if (answer && response) {
            for (const auto& c : missed_clauses(s, *response)) missed.insert(c);
        } else if (points < max && !s.clauses.empty()) {
            missed.insert(s.primary_clause());
        }
    }

    r.completed = all_answered;
    r.percent = r.max_marks > 0 ? 100.0 * r.marks / r.max_marks : 0.0;
    r.passed = r.completed && reaches_pass_mark(r.marks, r.max_marks, course.pass_percent);
    r.clauses = ordered(clauses, order);
    r.sections = ordered(sections, order);
    r.missed_clauses.assign(missed.begin(), missed.end());
    std::sort(r.missed_clauses.begin(), r.missed_clauses.end(), order);
    return r;
}

} // namespace kiosk
