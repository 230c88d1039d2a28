// Scoring of every item type, the correct answer key, the recorded response format, and the seeded option order.
#include "scoring.hpp"
#include "session.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <random>
#include <set>

namespace kiosk {

namespace {

using json = nlohmann::json;

// The classify answer options, when a scenario reaches the engine without the loader having generated them.
constexpr std::array<const char*, 10> kClassifyOptionIds = {"5.4.a", "5.4.b", "5.4.c", "5.4.d", "5.4.e",
                                                            "5.4.f", "5.4.g", "5.4.h", "5.4.i", "none"};

// One answerable option as scoring sees it: id, whether it belongs to the key, whether it is neutral, its weight.
struct KeyedOption {
    std::string id;
    bool correct = false;
    bool acceptable = false;
    int weight = 1;
};

// The options with their correctness. For classify the key is `kinds` (or {none}) and the neutral ones are
// `acceptable_kinds`, not the options' own flags, because the format defines it that way and the loader only mirrors it.
std::vector<KeyedOption> keyed_options(const Scenario& s) {
    std::vector<KeyedOption> out;
    if (s.type == ItemType::classify) {
        std::set<std::string> key(s.kinds.begin(), s.kinds.end());
        if (key.empty()) key.insert("none");
        const std::set<std::string> neutral(s.acceptable_kinds.begin(), s.acceptable_kinds.end());
        auto add = [&](const std::string& id, int weight) {
            const bool correct = key.count(id) > 0;
            out.push_back({id, correct, !correct && neutral.count(id) > 0, std::max(1, weight)});
        };
        if (s.options.empty()) {
            for (const char* id : kClassifyOptionIds) add(id, 1);
        } else {
            for (const auto& o : s.options) add(o.id, o.weight);
        }
        return out;
    }
    for (const auto& o : s.options) out.push_back({o.id, o.correct, !o.correct && o.acceptable, std::max(1, o.weight)});
    return out;
}

// The selection reduced to known option ids, each once.
std::set<std::string> known_selection(const std::vector<KeyedOption>& options, const std::vector<std::string>& selected) {
    std::set<std::string> out;
    for (const auto& id : selected)
        for (const auto& o : options)
            if (o.id == id) out.insert(id);
    return out;
}

// A classify item whose key is "none of these" and whose learner chose only acceptable kinds read the case the
// other defensible way: that choice stands for the `none` it excludes.
void credit_none_for_acceptable(const Scenario& s, const std::vector<KeyedOption>& options, std::set<std::string>& chosen) {
    if (s.type != ItemType::classify || !s.kinds.empty() || chosen.count("none")) return;
    bool any_acceptable = false;
    for (const auto& o : options)
        if (chosen.count(o.id)) {
            if (!o.acceptable) return;
            any_acceptable = true;
        }
    if (any_acceptable) chosen.insert("none");
}

const Choice* find_choice(const Node& n, const std::string& id) {
    for (const auto& c : n.choices)
        if (c.id == id) return &c;
    return nullptr;
}

// What a path ending at `end` with `sum` collected points scores: the sum, capped by the end node's `cap`.
int capped(const Node& end, int sum) { return end.cap ? std::min(sum, std::max(0, *end.cap)) : sum; }

// Best score from `node_id` to an end over simple paths, `sum` points collected before it; -1 when no end is
// reachable without revisiting a node. Every path is visited (the loader keeps their number small), because an end
// cap applies to the whole path's total. `path` receives the choice ids of the best path (first best in choice
// order on ties).
int best_from(const Scenario& s, const std::string& node_id, int sum, std::set<std::string>& on_path, std::vector<std::string>& path) {
    const Node* n = s.node(node_id);
    if (!n || on_path.count(node_id)) return -1;
    if (n->end || n->choices.empty()) {
        path.clear();
        return n->end ? capped(*n, sum) : -1;
    }
    on_path.insert(node_id);
    int best = -1;
    std::vector<std::string> best_path;
    for (const auto& c : n->choices) {
        std::vector<std::string> rest;
        const int total = best_from(s, c.next, sum + std::max(0, c.points), on_path, rest);
        if (total > best) {
            best = total;
            best_path.clear();
            best_path.push_back(c.id);
            best_path.insert(best_path.end(), rest.begin(), rest.end());
        }
    }
    on_path.erase(node_id);
    path = std::move(best_path);
    return best;
}

int best_path(const Scenario& s, std::vector<std::string>* path) {
    std::set<std::string> on_path;
    std::vector<std::string> p;
    const int best = best_from(s, s.start, 0, on_path, p);
    if (path) *path = best >= 0 ? p : std::vector<std::string>{};
    return std::max(0, best);
}

int map_response_max(const std::vector<KeyedOption>& options) {
    int max = 0;
    for (const auto& o : options)
        if (o.correct) max += o.weight;
    return max;
}

} // namespace

namespace {

// A JSON string literal. Written by hand because building a json value from strings trips a false
// -Warray-bounds in g++ 12 with JSON_DIAGNOSTICS.
void append_json_string(std::string& out, const std::string& s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += ch;
        }
    }
    out += '"';
}

} // namespace

std::string Response::to_json() const {
    const bool is_path = !path.empty();
    std::string out = is_path ? R"({"path":[)" : R"({"selected":[)";
    const auto& ids = is_path ? path : selected;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, ids[i]);
    }
    out += "]}";
    return out;
}

bool Response::from_json(const std::string& text, Response& out) {
    const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return false;
    Response r;
    for (const auto& [key, value] : j.items()) {
        if (key != "selected" && key != "path") return false;
        if (!value.is_array()) return false;
        auto& target = key == "selected" ? r.selected : r.path;
        for (const auto& v : value) {
            if (!v.is_string()) return false;
            target.push_back(v.get<std::string>());
        }
    }
    out = std::move(r);
    return true;
}

int max_points(const Scenario& s) {
    switch (s.type) {
    case ItemType::single: return std::max(0, s.points);
    case ItemType::multiple:
    case ItemType::hottext:
    case ItemType::classify: return map_response_max(keyed_options(s));
    case ItemType::branching: return best_path(s, nullptr);
    }
    return 0;
}

ItemScore score_single(const Scenario& s, const Response& r) {
    const auto options = keyed_options(s);
    ItemScore out{0, std::max(0, s.points)};
    const auto chosen = known_selection(options, r.selected);
    // Full points only for exactly the keyed option: choosing it together with another is not an answer.
    if (chosen.size() == 1) {
        for (const auto& o : options)
            if (o.correct && chosen.count(o.id)) out.points = out.max;
    }
    return out;
}

ItemScore score_multiple(const Scenario& s, const Response& r) {
    const auto options = keyed_options(s);
    auto chosen = known_selection(options, r.selected);
    credit_none_for_acceptable(s, options, chosen);
    ItemScore out{0, map_response_max(options)};
    // Acceptable options are neutral: whether chosen or not, they neither add nor subtract.
    if (s.scoring == Scoring::all_or_nothing) {
        bool exact = true;
        for (const auto& o : options)
            if (!o.acceptable && o.correct != (chosen.count(o.id) > 0)) exact = false;
        out.points = exact ? out.max : 0;
        return out;
    }
    int sum = 0;
    for (const auto& o : options)
        if (chosen.count(o.id) && !o.acceptable) sum += o.correct ? o.weight : -o.weight;
    out.points = std::clamp(sum, 0, out.max);
    return out;
}

namespace {

// Follows a path through the graph, calling visit(node, choice, points collected before it) for each step; the first
// step that is not a choice of the current node ends it. Returns the node reached (null when none) and the sum.
template <class Visit>
std::pair<const Node*, int> walk(const Scenario& s, const std::vector<std::string>& path, Visit&& visit) {
    const Node* n = s.node(s.start);
    int sum = 0;
    for (const auto& id : path) {
        if (!n || n->end) break;
        const Choice* c = find_choice(*n, id);
        if (!c) break;
        visit(*n, *c, sum);
        sum += std::max(0, c->points);
        n = s.node(c->next);
    }
    return {n, sum};
}

} // namespace

ItemScore score_branching(const Scenario& s, const Response& r) {
    ItemScore out{0, best_path(s, nullptr)};
    auto [n, sum] = walk(s, r.path, [](const Node&, const Choice&, int) {});
    if (n && n->end) sum = capped(*n, sum);  // a path that ends in harm scores at most the end's cap
    out.points = std::clamp(sum, 0, out.max);
    return out;
}

ItemScore score(const Scenario& s, const Response& r) {
    switch (s.type) {
    case ItemType::single: return score_single(s, r);
    case ItemType::multiple:
    case ItemType::hottext:
    case ItemType::classify: return score_multiple(s, r);
    case ItemType::branching: return score_branching(s, r);
    }
    return {};
}

std::vector<std::string> missed_clauses(const Scenario& s, const Response& r) {
    std::vector<std::string> out;
    auto add = [&](const std::vector<std::string>& clauses) {
        const std::vector<std::string> main = s.clauses.empty() ? std::vector<std::string>{} : std::vector<std::string>{s.primary_clause()};
        for (const auto& c : clauses.empty() ? main : clauses)
            if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    if (s.type == ItemType::branching) {
        walk(s, r.path, [&](const Node& n, const Choice& c, int sum) {
            // What each choice of this node can still lead to, given the points collected on the way here.
            int best = -1, taken = -1;
            for (const auto& other : n.choices) {
                std::set<std::string> on_path;
                std::vector<std::string> rest;
                const int v = best_from(s, other.next, sum + std::max(0, other.points), on_path, rest);
                best = std::max(best, v);
                if (&other == &c) taken = v;
            }
            if (taken < best) add(c.clauses);
        });
        return out;
    }
    if (score(s, r).correct()) return out;
    const auto options = keyed_options(s);
    auto chosen = known_selection(options, r.selected);
    credit_none_for_acceptable(s, options, chosen);
    for (const auto& o : options) {
        if (o.acceptable || o.correct == (chosen.count(o.id) > 0)) continue;
        if (s.type == ItemType::classify) {
            add(o.id == "none" ? std::vector<std::string>{} : std::vector<std::string>{o.id});
        } else if (const Option* opt = s.option(o.id)) {
            add(opt->clauses);
        }
    }
    return out;
}

std::vector<std::string> correct_answer(const Scenario& s) {
    std::vector<std::string> out;
    if (s.type == ItemType::branching) {
        best_path(s, &out);
        return out;
    }
    for (const auto& o : keyed_options(s))
        if (o.correct) out.push_back(o.id);
    return out;
}

namespace {

// SplitMix64 finaliser: spreads (seed, index) over the generator's seed space.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// Uniform in [0, bound] by rejection: std::uniform_int_distribution differs between standard libraries.
std::uint64_t uniform_up_to(std::mt19937_64& rng, std::uint64_t bound) {
    if (bound == 0) return 0;
    const std::uint64_t range = bound + 1;
    const std::uint64_t limit = range == 0 ? 0 : (~std::uint64_t{0} - range + 1) % range;  // values below are biased
    for (;;) {
        const std::uint64_t v = rng();
        if (v >= limit) return v % range;
    }
}

} // namespace

std::vector<int> option_order(const Scenario& s, std::uint64_t attempt_seed, std::size_t item_index) {
    std::vector<int> order(s.options.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    if (s.type == ItemType::branching) return order;
    // Only the unpinned positions take part in the shuffle; pinned options stay where the author put them.
    std::vector<std::size_t> free_slots;
    for (std::size_t i = 0; i < s.options.size(); ++i)
        if (!s.options[i].pinned) free_slots.push_back(i);
    std::mt19937_64 rng(mix(attempt_seed ^ mix(static_cast<std::uint64_t>(item_index) + 1)));
    for (std::size_t k = free_slots.size(); k > 1; --k) {
        const std::size_t j = static_cast<std::size_t>(uniform_up_to(rng, k - 1));
        std::swap(order[free_slots[k - 1]], order[free_slots[j]]);
    }
    return order;
}

} // namespace kiosk
