// The fuzzing entry shared by the libFuzzer target and the corpus replay test: arbitrary bytes go through the scenario
// loader, and whatever loads is scored with responses derived from the same bytes; every invariant is checked.
#pragma once
#include "core/hash.hpp"
#include "core/json_location.hpp"
#include "core/scenario_loader.hpp"
#include "core/scoring.hpp"
#include "core/session.hpp"

#include "guideline_for_tests.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::testing {

namespace fuzz_detail {

// SplitMix64: the fuzzer's bytes decide the responses, so a finding replays exactly.
struct Rng {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

inline std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    return h;
}

// Code points per line of `text` (lines split at '\n', as the locator counts them).
inline std::vector<std::size_t> line_lengths(std::string_view text) {
    std::vector<std::size_t> out{0};
    for (const char c : text) {
        if (c == '\n') out.push_back(0);
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++out.back();
    }
    return out;
}

} // namespace fuzz_detail

// Runs one input. Returns "" when every invariant holds, otherwise what broke (the fuzz target aborts on it).
inline std::string fuzz_scenario_bytes(const std::uint8_t* data, std::size_t size) {
    using namespace fuzz_detail;
    static const Guideline guideline = guideline_for_tests();
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string_view body = text;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    Rng rng{fnv1a(text)};

    Scenario s;
    std::vector<Diagnostic> diags;
    bool ok = false;
    try {
        ok = parse_scenario(text, "fuzz.json", guideline, s, diags);
    } catch (const std::exception& e) {
        return std::string("parse_scenario threw: ") + e.what();
    } catch (...) {
        return "parse_scenario threw something that is not a std::exception";
    }
    if (ok == has_errors(diags)) return "the result disagrees with the diagnostics";

    // Diagnostics: one line each, placed inside the text, explained.
    const auto lengths = line_lengths(body);
    for (const auto& d : diags) {
        const std::string shown = d.format();
        if (shown.find('\n') != std::string::npos || shown.find('\r') != std::string::npos) return "a diagnostic spans lines: " + shown;
        if (d.message.empty()) return "a diagnostic without a message";
        if (d.hint.empty()) return "a diagnostic without a hint: " + shown;
        if (d.line < 0 || d.column < 0 || (d.line == 0 && d.column != 0)) return "a diagnostic with an impossible place: " + shown;
        if (d.line > 0) {
            if (static_cast<std::size_t>(d.line) > lengths.size()) return "a diagnostic below the last line: " + shown;
            if (static_cast<std::size_t>(d.column) > lengths[static_cast<std::size_t>(d.line) - 1] + 1)
                return "a diagnostic beyond the end of its line: " + shown;
        }
    }

    // The locator and the duplicate-key scan take any text, valid JSON or not.
    for (int i = 0; i < 4; ++i) {
        std::string pointer;
        const std::size_t depth = rng.below(4);
        for (std::size_t k = 0; k < depth; ++k) {
            static const char* tokens[] = {"options", "0", "1", "nodes", "choices", "text", "ja", "correct", "", "~1", "id"};
            pointer = pointer_append(pointer, tokens[rng.below(std::size(tokens))]);
        }
        const auto loc = locate_pointer(body, pointer);
        const auto key = locate_key(body, pointer);
        if (static_cast<std::size_t>(loc.line) > lengths.size() || static_cast<std::size_t>(key.line) > lengths.size())
            return "the locator answered a line past the end for " + pointer;
    }
    for (const auto& dup : find_duplicate_keys(body))
        if (dup.offset >= body.size() || dup.first >= dup.offset) return "a duplicate key outside the text";

    if (!ok) return "";

    // What the loader accepts is usable.
    if (s.id.empty() || s.clauses.empty() || s.audience.empty() || s.title.ja.empty()) return "a loaded item lacks a required field";
    if (s.content_hash != sha256_hex(text)) return "the content hash is not the file's SHA-256";
    if (s.type != ItemType::branching) {
        if (s.options.empty()) return "a loaded item has no options";
        std::set<std::string> ids;
        for (const auto& o : s.options)
            if (!ids.insert(o.id).second) return "two options share the id " + o.id;
        const auto correct = std::count_if(s.options.begin(), s.options.end(), [](const Option& o) { return o.correct; });
        if (s.type == ItemType::single && correct != 1) return "a loaded single item without exactly one correct option";
        if (correct == 0) return "a loaded item without a correct option";
        if (s.type == ItemType::classify && (s.options.size() != 10 || s.options.back().id != "none" || !s.options.back().pinned))
            return "a classify item without its nine kinds and a pinned none";
    } else {
        if (!s.node(s.start)) return "a loaded branching item whose start does not exist";
        for (const auto& n : s.nodes)
            for (const auto& c : n.choices)
                if (!s.node(c.next)) return "a loaded branching item with a choice leading nowhere";
    }

    // Scoring: the key scores the maximum; every response scores within [0, max].
    const int max = max_points(s);
    if (max < 0) return "a negative maximum";
    const auto key = correct_answer(s);
    Response best;
    (s.type == ItemType::branching ? best.path : best.selected) = key;
    const ItemScore keyed = score(s, best);
    if (keyed.max != max || keyed.points != max) return "the answer key does not score the maximum";
    for (int round = 0; round < 16; ++round) {
        Response r;
        if (s.type == ItemType::branching) {
            const Node* n = s.node(s.start);
            for (std::size_t step = 0; n && !n->end && !n->choices.empty() && step < 64; ++step) {
                const Choice& c = n->choices[rng.below(n->choices.size())];
                r.path.push_back(c.id);
                n = s.node(c.next);
            }
            if (rng.below(4) == 0) r.path.push_back("no-such-choice");
        } else {
            for (const auto& o : s.options)
                if (rng.below(2)) r.selected.push_back(o.id);
            if (rng.below(4) == 0 && !s.options.empty()) r.selected.push_back(s.options[rng.below(s.options.size())].id);  // twice
            if (rng.below(4) == 0) r.selected.push_back("no-such-option");
        }
        const ItemScore got = score(s, r);
        if (got.max != max || got.points < 0 || got.points > max) return "a score outside [0, max]";
        Response back;
        if (!Response::from_json(r.to_json(), back) || back.selected != r.selected || back.path != r.path)
            return "a response does not survive its JSON form";
        if (s.type != ItemType::branching && s.type != ItemType::single && s.scoring == Scoring::partial) {
            // Partial credit is the selected right weights minus the selected wrong ones, clamped; an acceptable option
            // (or classify kind) neither adds nor subtracts, and choosing only acceptable kinds where the key is "none of
            // these" reads the case as "none".
            std::set<std::string> chosen(r.selected.begin(), r.selected.end());
            std::set<std::string> keyed_ids(key.begin(), key.end());
            std::set<std::string> neutral(s.acceptable_kinds.begin(), s.acceptable_kinds.end());
            for (const auto& o : s.options)
                if (o.acceptable && !o.correct) neutral.insert(o.id);
            if (s.type == ItemType::classify && keyed_ids == std::set<std::string>{"none"} && !chosen.empty() &&
                std::all_of(chosen.begin(), chosen.end(), [&](const std::string& id) { return neutral.count(id) > 0; }))
                chosen.insert("none");
            int sum = 0;
            for (const auto& o : s.options)
                if (chosen.count(o.id) && !neutral.count(o.id)) sum += keyed_ids.count(o.id) ? std::max(1, o.weight) : -std::max(1, o.weight);
            if (got.points != std::clamp(sum, 0, max)) return "partial credit differs from map_response";
        }
    }

    // The shuffled order is a permutation that leaves pinned options in place.
    const auto order = option_order(s, rng.next(), rng.below(50));
    if (order.size() != s.options.size()) return "the option order has the wrong length";
    std::vector<bool> seen(order.size(), false);
    for (std::size_t i = 0; i < order.size(); ++i) {
        const int o = order[i];
        if (o < 0 || static_cast<std::size_t>(o) >= order.size() || seen[static_cast<std::size_t>(o)]) return "the option order is not a permutation";
        seen[static_cast<std::size_t>(o)] = true;
        if (s.options[i].pinned && o != static_cast<int>(i)) return "a pinned option moved";
    }
    return "";
}

} // namespace kiosk::testing
