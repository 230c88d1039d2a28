// Plain-text tables for the terminal: columns aligned by display width, so Japanese names (two cells wide) line up.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Terminal cells taken by UTF-8 text: East Asian wide and full-width characters count 2, combining marks 0, others 1.
std::size_t display_width(std::string_view utf8);

// `text` cut to at most `cells` display cells (whole characters), with "…" when something was cut.
std::string clip_to_width(std::string_view utf8, std::size_t cells);

class TextTable {
public:
    enum class Align { left, right };
    explicit TextTable(std::vector<std::string> header, std::vector<Align> align = {});
    void add_row(std::vector<std::string> cells);
    std::size_t rows() const { return rows_.size(); }
    // Header, a rule, then the rows; every line starts with `indent` and ends with "\n"; no trailing spaces.
    std::string render(std::string_view indent = "") const;

private:
    std::vector<std::string> header_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace kiosk
