// UI string tables (content/strings/ja.json, en.json): every word the kiosk itself shows, in both languages.
#pragma once
#include "diagnostic.hpp"
#include "text.hpp"

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk {

class StringTable {
public:
    // Loads <dir>/ja.json and <dir>/en.json (flat objects: key → string). Problems go to `diags`.
    bool load(const std::string& dir, std::vector<Diagnostic>& diags);

    // The string for `key`; a missing key shows as the key itself (and is a test failure, never a crash).
    const std::string& get(Lang lang, std::string_view key) const;
    // Replaces {name} placeholders.
    std::string format(Lang lang, std::string_view key, std::initializer_list<std::pair<std::string_view, std::string>> args) const;

    std::vector<std::string> keys(Lang lang) const;
    // Keys present in one language but not in the other.
    std::vector<std::string> missing_keys() const;
    // All text of both tables, for building the font atlas.
    std::string all_text() const;

private:
    std::map<std::string, std::string, std::less<>> ja_;
    std::map<std::string, std::string, std::less<>> en_;
    mutable std::map<std::string, std::string, std::less<>> unknown_;
};

std::string replace_placeholders(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> args);

} // namespace kiosk
