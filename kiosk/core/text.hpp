// Bilingual text: every human-readable value in content and scenarios is Japanese first, English second.
#pragma once
#include <string>

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

} // namespace kiosk
