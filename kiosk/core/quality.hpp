// Cue report (`kiosk coverage --quality`): answer keys a test-wise learner could guess without reading, and tag lints.
#pragma once
#include "model.hpp"
#include "scenario_lints.hpp"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace kiosk {

struct QualityReport {
    // (a) single-choice items whose keyed option is strictly the longest (Japanese text, in code points).
    int single_items = 0;
    int keyed_longest = 0;
    std::vector<std::string> keyed_longest_ids;
    // (b) the keyed option's position in file order, 1st..5th (index 0..4) among single-choice items.
    std::array<int, 5> key_position{};
    // (c) multiple and hottext items by their number of correct options (acceptable ones are not correct).
    int multi_items = 0;
    std::map<int, int> correct_count;
    // Tag lints (scenario_lints.hpp), per item id.
    std::vector<std::pair<std::string, Lint>> lints;

    double keyed_longest_share() const { return single_items ? static_cast<double>(keyed_longest) / single_items : 0.0; }
    double position_share(int index) const { return single_items ? static_cast<double>(key_position.at(static_cast<std::size_t>(index))) / single_items : 0.0; }

    // The targets of issue 14, each in words when missed: (a) ≤ 30 %; (b) positions 1–4 each within 15–35 %;
    // (c) 1, 2, 3 and 4 correct options each at least twice; no tag lint.
    std::vector<std::string> missed_targets() const;
};

QualityReport compute_quality(const std::vector<Scenario>& scenarios);

} // namespace kiosk
