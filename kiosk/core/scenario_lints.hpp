// Lints on a loaded scenario that concern how it is tagged, not whether it can be used: warnings for trainers
// (`kiosk validate`) and counts for the cue report (`kiosk coverage --quality`).
#pragma once
#include "model.hpp"

#include <string>
#include <vector>

namespace kiosk {

inline constexpr std::size_t kMaxItemClauses = 3;

struct Lint {
    std::string pointer;  // JSON Pointer of the value concerned, e.g. /clauses/3
    std::string message;
    std::string hint;
};

// Tag lints: at most kMaxItemClauses item-level clause tags; every item-level tag is cited by the item itself — in the
// `clauses` of an option, span or branching choice, or (classify) as one of `kinds`, `acceptable_kinds` or a
// `kind_rationale` key. A citation of a sub-item (5.4.a) also cites the clause it belongs to (5.4); an answer with no
// `clauses` stands for the item's main (first) clause.
std::vector<Lint> tag_lints(const Scenario& s);

} // namespace kiosk
