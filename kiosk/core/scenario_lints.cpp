// Tag lints: how many clauses an item is tagged with, and whether the item's own rationales cite each of them.
#include "scenario_lints.hpp"

#include <algorithm>
#include <set>

namespace kiosk {

namespace {

// The clauses an item's own answers cite.
std::set<std::string> cited_clauses(const Scenario& s) {
    std::set<std::string> out;
    if (s.type == ItemType::classify) {
        // The loader gives every generated kind option its own kind as clause: only what the author wrote counts.
        out.insert(s.kinds.begin(), s.kinds.end());
        out.insert(s.acceptable_kinds.begin(), s.acceptable_kinds.end());
        for (const auto& [kind, text] : s.kind_rationale) out.insert(kind);
        return out;
    }
    // An answer without `clauses` stands for the item's main clause (it is what a learner who gets it wrong is sent
    // back to), so it cites that one.
    bool uncited_answer = false;
    for (const auto& o : s.options) {
        out.insert(o.clauses.begin(), o.clauses.end());
        uncited_answer = uncited_answer || o.clauses.empty();
    }
    for (const auto& n : s.nodes)
        for (const auto& c : n.choices) {
            out.insert(c.clauses.begin(), c.clauses.end());
            uncited_answer = uncited_answer || c.clauses.empty();
        }
    if (uncited_answer && !s.clauses.empty()) out.insert(s.primary_clause());
    return out;
}

bool cites(const std::set<std::string>& cited, const std::string& tag) {
    if (cited.count(tag)) return true;
    const std::string prefix = tag + ".";
    return std::any_of(cited.begin(), cited.end(), [&](const std::string& c) { return c.rfind(prefix, 0) == 0; });
}

} // namespace

std::vector<Lint> tag_lints(const Scenario& s) {
    std::vector<Lint> out;
    if (s.clauses.size() > kMaxItemClauses)
        out.push_back({"/clauses", "the item is tagged with " + std::to_string(s.clauses.size()) + " clauses; at most " +
                                       std::to_string(kMaxItemClauses) + " are allowed",
                       "keep the clause the item is about first, then only the ones its answers cite"});
    const auto cited = cited_clauses(s);
    for (std::size_t i = 0; i < s.clauses.size(); ++i)
        if (!cites(cited, s.clauses[i]))
            out.push_back({"/clauses/" + std::to_string(i),
                           "clause `" + s.clauses[i] + "` is tagged on the item but no " +
                               (s.type == ItemType::classify ? std::string("kind or kind_rationale") : std::string("option, span or choice")) +
                               " of it cites it",
                           "add it to the `clauses` of the answer whose rationale rests on its words, or remove the tag"});
    return out;
}

} // namespace kiosk
