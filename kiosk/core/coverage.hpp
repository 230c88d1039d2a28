// The clause × scenario matrix: how many items test each clause of the guideline, by audience and item type.
#pragma once
#include "guideline.hpp"
#include "model.hpp"

#include <array>
#include <string>
#include <vector>

namespace kiosk {

struct ClauseCoverage {
    const Clause* clause = nullptr;
    int primary = 0;  // items whose first clause is this one (or a sub-item of it, for headings)
    int cited = 0;    // items that cite it anywhere (clauses, option rationales, kinds)
    std::array<int, 3> by_audience{};  // primary items per audience: orientation, refresher, operator
    std::array<int, 5> by_type{};      // primary items per ItemType
};

struct Coverage {
    std::vector<ClauseCoverage> rows;  // every clause of the guideline, source order
    int minimum = 3;                   // operative clauses need at least this many primary items
    std::vector<const ClauseCoverage*> below_minimum() const;  // operative clauses under `minimum`
};

Coverage compute_coverage(const Guideline& g, const std::vector<Scenario>& scenarios, int minimum = 3);

inline constexpr std::array<const char*, 3> coverage_audiences{"orientation", "refresher", "operator"};

} // namespace kiosk
