// Coverage: counts items per clause. An item counts for the clause it names first and, when that clause is a
// sub-item (5.4.a), not for its parent; a heading's own count is what is filed directly under it.
#include "coverage.hpp"

#include <set>

namespace kiosk {

std::vector<const ClauseCoverage*> Coverage::below_minimum() const {
    std::vector<const ClauseCoverage*> out;
    for (const auto& r : rows)
        if (r.clause->operative && r.primary < minimum) out.push_back(&r);
    return out;
}

Coverage compute_coverage(const Guideline& g, const std::vector<Scenario>& scenarios, int minimum) {
    Coverage cov;
    cov.minimum = minimum;
    cov.rows.reserve(g.clauses.size());
    for (const auto& c : g.clauses) cov.rows.push_back(ClauseCoverage{&c, 0, 0, {}, {}});
    auto row = [&](const std::string& id) -> ClauseCoverage* {
        for (auto& r : cov.rows)
            if (r.clause->id == id) return &r;
        return nullptr;
    };
    for (const auto& s : scenarios) {
        if (s.clauses.empty()) continue;
        if (auto* r = row(s.primary_clause())) {
            ++r->primary;
            for (size_t a = 0; a < coverage_audiences.size(); ++a)
                if (s.has_audience(coverage_audiences[a])) ++r->by_audience[a];
            ++r->by_type[static_cast<size_t>(s.type)];
        }
        std::set<std::string> cited(s.clauses.begin(), s.clauses.end());
        for (const auto& o : s.options) cited.insert(o.clauses.begin(), o.clauses.end());
        for (const auto& n : s.nodes)
            for (const auto& o : n.choices) cited.insert(o.clauses.begin(), o.clauses.end());
        for (const auto& k : s.kinds) cited.insert(k);
        for (const auto& id : cited)
            if (auto* r = row(id)) ++r->cited;
    }
    return cov;
}

} // namespace kiosk
