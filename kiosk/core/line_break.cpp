// Japanese line breaking: which pairs of characters may be split across lines, and a greedy fill that honours them.
#include "line_break.hpp"

#include <algorithm>

namespace kiosk {

namespace {

constexpr std::u32string_view kNoLineStart =
    U"、。，．・：；？！゛゜ヽヾゝゞ々〻ー‐–—―…‥〜～"
    U"）］｝」』】〕〉》〙〗〟’”｠»"
    U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    U"％‰℃°′″"
    U"!),.:;?]}%";
constexpr std::u32string_view kNoLineEnd = U"（［｛「『【〔〈《〘〖〝‘“｟«([{¥$£€#＄￥＃";

bool in(std::u32string_view set, std::uint32_t c) { return set.find(static_cast<char32_t>(c)) != std::u32string_view::npos; }
bool is_space(std::uint32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }
bool is_digit(std::uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
bool is_ascii_visible(std::uint32_t c) { return c > 0x20 && c < 0x7f; }
bool is_decimal_mark(std::uint32_t c) { return c == ',' || c == '.' || c == 0xFF0C || c == 0xFF0E; }

struct Unit {
    std::size_t begin, end;  // bytes, spaces that follow included
    std::size_t text_end;    // bytes, without the spaces that follow
};

} // namespace

std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = 0;
    std::size_t len = 1;
    if (c < 0x80) cp = c;
    else if ((c >> 5) == 0x6) { cp = c & 0x1fu; len = 2; }
    else if ((c >> 4) == 0xe) { cp = c & 0x0fu; len = 3; }
    else if ((c >> 3) == 0x1e) { cp = c & 0x07u; len = 4; }
    else { ++i; return 0xFFFD; }
    if (i + len > s.size()) { ++i; return 0xFFFD; }
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc >> 6) != 0x2) { ++i; return 0xFFFD; }
        cp = (cp << 6) | (cc & 0x3fu);
    }
    i += len;
    return cp;
}

bool line_break_allowed(std::uint32_t before2, std::uint32_t before, std::uint32_t after) {
    if (is_space(after)) return false;                 // spaces stay at the end of the line they follow
    if (in(kNoLineStart, after)) return false;         // 。、）」 never start a line
    if (in(kNoLineEnd, before)) return false;          // （「 never end one
    if (is_space(before)) return true;
    if (is_digit(before) && !is_space(after)) return false;                       // 2,000円 / 3.5% / 15日
    if (is_decimal_mark(before) && is_digit(before2) && is_digit(after)) return false;  // 2,0|00 and 3.|5
    if (is_ascii_visible(before) && is_ascii_visible(after)) return false;        // English words, URLs, e-mail
    if ((before == 0x2026 && after == 0x2026) || (before == 0x2025 && after == 0x2025)) return false;
    return true;  // between CJK characters, and between CJK and Latin text
}

std::vector<LineRange> wrap_lines(std::string_view text, float max_width, const MeasureText& width) {
    std::vector<LineRange> lines;
    std::size_t para = 0;
    while (true) {
        const std::size_t nl = std::min(text.find('\n', para), text.size());
        const std::string_view p = text.substr(para, nl - para);
        // Units: runs between break opportunities, each with the spaces that follow it.
        std::vector<Unit> units;
        std::uint32_t b2 = 0, b1 = 0;
        for (std::size_t i = 0; i < p.size();) {
            const std::size_t at = i;
            const std::uint32_t c = next_code_point(p, i);
            if (units.empty() || (b1 != 0 && line_break_allowed(b2, b1, c))) units.push_back(Unit{at, i, i});
            else units.back().end = i;
            if (!is_space(c)) units.back().text_end = i;
            b2 = b1;
            b1 = c;
        }
        if (max_width <= 0.0f || units.empty()) {
            std::size_t end = p.size();
            while (end > 0 && is_space(static_cast<unsigned char>(p[end - 1]))) --end;
            lines.push_back(LineRange{para, para + end});
        } else {
            std::size_t line_begin = 0, line_text_end = 0;
            float line_w = 0.0f;  // with the spaces after the last unit
            bool empty = true;
            auto emit = [&] {
                lines.push_back(LineRange{para + line_begin, para + line_text_end});
                empty = true;
                line_w = 0.0f;
            };
            for (const Unit& u : units) {
                const float text_w = width(p.substr(u.begin, u.text_end - u.begin));
                const float full_w = u.end > u.text_end ? width(p.substr(u.begin, u.end - u.begin)) : text_w;
                if (!empty && line_w + text_w > max_width) emit();
                if (empty && text_w > max_width) {
                    // Wider than a line on its own: break it between code points.
                    std::size_t piece = u.begin;
                    for (std::size_t i = u.begin; i < u.text_end;) {
                        const std::size_t at = i;
                        next_code_point(p, i);
                        if (at > piece && width(p.substr(piece, i - piece)) > max_width) {
                            line_begin = piece;
                            line_text_end = at;
                            emit();
                            piece = at;
                        }
                    }
                    line_begin = piece;
                    line_text_end = u.text_end;
                    line_w = width(p.substr(piece, u.end - piece));
                    empty = false;
                    continue;
                }
                if (empty) line_begin = u.begin;
                line_text_end = u.text_end;
                line_w += full_w;
                empty = false;
            }
            if (!empty) emit();
        }
        if (nl >= text.size()) break;
        para = nl + 1;
    }
    return lines;
}

} // namespace kiosk
