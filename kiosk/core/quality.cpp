// The cue figures and tag lints of the scenario bank, and which of their targets are missed.
#include "quality.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk {

namespace {

// Length as a reader sees it: UTF-8 code points (a kanji is one, not three bytes).
std::size_t length_of(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", 100.0 * share);
    return buf;
}

} // namespace

QualityReport compute_quality(const std::vector<Scenario>& scenarios) {
    QualityReport q;
    for (const auto& s : scenarios) {
        for (const auto& lint : tag_lints(s)) q.lints.emplace_back(s.id, lint);
        if (s.type == ItemType::single) {
            const auto key = std::find_if(s.options.begin(), s.options.end(), [](const Option& o) { return o.correct; });
            if (key == s.options.end()) continue;
            ++q.single_items;
            const auto index = static_cast<std::size_t>(key - s.options.begin());
            if (index < q.key_position.size()) ++q.key_position[index];
            const std::size_t key_length = length_of(key->text.ja);
            bool strictly_longest = true;
            for (const auto& o : s.options)
                if (&o != &*key && length_of(o.text.ja) >= key_length) strictly_longest = false;
            if (strictly_longest) {
                ++q.keyed_longest;
                q.keyed_longest_ids.push_back(s.id);
            }
        } else if (s.type == ItemType::multiple || s.type == ItemType::hottext) {
            ++q.multi_items;
            ++q.correct_count[static_cast<int>(std::count_if(s.options.begin(), s.options.end(), [](const Option& o) { return o.correct; }))];
        }
    }
    return q;
}

std::vector<std::string> QualityReport::missed_targets() const {
    std::vector<std::string> out;
    if (keyed_longest_share() > 0.30)
        out.push_back("the keyed option is the longest in " + percent(keyed_longest_share()) + " of single-choice items (target: at most 30 %)");
    for (int i = 0; i < 4; ++i) {
        const double share = position_share(i);
        if (share < 0.15 || share > 0.35)
            out.push_back("the keyed option is in position " + std::to_string(i + 1) + " in " + percent(share) +
                          " of single-choice items (target: 15 % to 35 %)");
    }
    for (int n = 1; n <= 4; ++n) {
        const auto it = correct_count.find(n);
        const int items = it == correct_count.end() ? 0 : it->second;
        if (items < 2)
            out.push_back(std::to_string(items) + " multiple/hottext item(s) have " + std::to_string(n) +
                          " correct option(s) (target: at least 2)");
    }
    if (!lints.empty()) out.push_back(std::to_string(lints.size()) + " tag lint warning(s) (target: none)");
    return out;
}

} // namespace kiosk
