// Bilingual text: every human-readable value in content and scenarios is Japanese first, English second.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

enum class Lang { ja, en };

inline const char* lang_code(Lang l) { return l == Lang::en ? "en" : "ja"; }

struct Text {
    std::string ja;
    std::string en;

    // English falls back to Japanese so that a missing translation never shows an empty line.
    const std::string& get(Lang l) const { return (l == Lang::en && !en.empty()) ? en : ja; }
    bool empty() const { return ja.empty() && en.empty(); }
    bool operator==(const Text&) const = default;
};

// At most `max_chars` characters of the UTF-8 text `s`, cut on a character boundary with "…" added. Text from the records
// (a name, a department) is drawn whatever its length: one ImGui draw list holds at most 65,536 vertices, four a glyph.
inline std::string clamp_for_display(std::string_view s, std::size_t max_chars = 200) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max_chars) return std::string(s.substr(0, i)) + "\u2026";
    }
    return std::string(s);
}

} // namespace kiosk
