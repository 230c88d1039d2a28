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

void add(std::map<std::string, ClauseMastery>& by_id, const std::string& id, int points, int max) {
    auto& m = by_id[id];
    m.clause_id = id;
    m.points += points;
    m.max += max;
}

} // namespace

AttemptResult compute_result(const Course& course, const Guideline& guideline, const std::vector<const Scenario*>& items,
                             const std::vector<std::optional<ItemScore>>& answers) {
    AttemptResult r;
    const GuidelineOrder order(guideline);
    std::map<std::string, ClauseMastery> clauses, sections;
    std::set<std::string> missed;
    bool all_answered = !items.empty();

    for (std::size_t i = 0; i < items.size(); ++i) {
        const Scenario& s = *items[i];
        const std::optional<ItemScore> answer = i < answers.size() ? answers[i] : std::nullopt;
        if (!answer) all_answered = false;
        // An unanswered item still counts at its full weight: it was part of the attempt.
        const int max = answer ? answer->max : max_points(s);
        const int points = answer ? std::clamp(answer->points, 0, max) : 0;
        r.points += points;
        r.max += max;

        std::set<std::string> item_clauses(s.clauses.begin(), s.clauses.end());  // a clause tagged twice counts once
        for (const auto& c : item_clauses) {
            add(clauses, c, points, max);
            if (points < max) missed.insert(c);
        }
        if (!s.clauses.empty()) add(sections, section_of_clause(guideline, s.primary_clause()), points, max);
    }

    r.completed = all_answered;
    r.percent = r.max > 0 ? 100.0 * r.points / r.max : 0.0;
    // Integer comparison: 80 % of 15 points is exactly 12, whatever floating point makes of 12/15.
    r.passed = r.completed && r.max > 0 && static_cast<long long>(r.points) * 100 >= static_cast<long long>(course.pass_percent) * r.max;
    r.clauses = ordered(clauses, order);
    r.sections = ordered(sections, order);
    r.missed_clauses.assign(missed.begin(), missed.end());
    std::sort(r.missed_clauses.begin(), r.missed_clauses.end(), order);
    return r;
}

} // namespace kiosk
