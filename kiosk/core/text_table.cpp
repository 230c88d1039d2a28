// Display width of UTF-8 text (after Unicode's East Asian Width property, coarse ranges) and aligned text tables.
#include "text_table.hpp"

#include <algorithm>

namespace kiosk {

namespace {

// Decodes one UTF-8 sequence at `i`; malformed bytes decode as themselves, one byte each.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

int cells_of(char32_t c) {
    if (c == 0) return 0;
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x3099 && c <= 0x309A) || c == 0x200B || (c >= 0xFE00 && c <= 0xFE0F)) return 0;
    const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
                      (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                      (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
                      (c >= 0x20000 && c <= 0x3FFFD);
    return wide ? 2 : 1;
}

} // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < utf8.size();) w += static_cast<std::size_t>(cells_of(next_code_point(utf8, i)));
    return w;
}

std::string clip_to_width(std::string_view utf8, std::size_t cells) {
    if (display_width(utf8) <= cells) return std::string(utf8);
    if (cells == 0) return {};
    std::string out;
    std::size_t w = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t start = i;
        const int c = cells_of(next_code_point(utf8, i));
        if (w + static_cast<std::size_t>(c) + 1 > cells) break;  // keep one cell for the ellipsis
        w += static_cast<std::size_t>(c);
        out.append(utf8.substr(start, i - start));
    }
    return out + "…";
}

TextTable::TextTable(std::vector<std::string> header, std::vector<Align> align) : header_(std::move(header)), align_(std::move(align)) {
    align_.resize(header_.size(), Align::left);
}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(header_.size());
    // A value with a line break (a quoted CSV name) stays on its row.
    for (auto& c : cells)
        for (char& ch : c)
            if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    rows_.push_back(std::move(cells));
}

std::string TextTable::render(std::string_view indent) const {
    std::vector<std::size_t> width(header_.size(), 0);
    for (std::size_t c = 0; c < header_.size(); ++c) width[c] = display_width(header_[c]);
    for (const auto& r : rows_)
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], display_width(r[c]));

    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out(indent);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = width[c] - display_width(cells[c]);
            if (c) out += "  ";
            if (align_[c] == Align::right) out.append(pad, ' ');
            out += cells[c];
            if (align_[c] == Align::left) out.append(pad, ' ');
        }
        while (out.size() > indent.size() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(header_);
    std::size_t total = 0;
    for (std::size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 2 : 0);
    out += std::string(indent) + std::string(total, '-') + "\n";
    for (const auto& r : rows_) out += line(r);
    return out;
}

} // namespace kiosk
