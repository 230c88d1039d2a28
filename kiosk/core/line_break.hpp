// Japanese line breaking (basic kinsoku shori, after JIS X 4051) for the kiosk's wrapped text: pure UTF-8, no UI.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace kiosk {

// Decodes one code point at `i` and advances `i` past it; a malformed byte yields U+FFFD and advances by one.
std::uint32_t next_code_point(std::string_view s, std::size_t& i);

// Whether a line may break between `before` and `after`; `before2` is the code point before `before` (0 if none), so
// that "2,000" and "3.5" stay whole. Rules: no line starts with closing punctuation, small kana or the prolonged sound
// mark (。、）」』！？ー っ …); no line ends with an opening bracket (（「『); a number stays whole and with the unit or
// word that follows it (2,000円, 3.5%); English words stay whole; a break is allowed between any two CJK characters and
// after a space.
bool line_break_allowed(std::uint32_t before2, std::uint32_t before, std::uint32_t after);

// One line of wrapped text: bytes [begin, end) of the source, trailing spaces and the line feed excluded.
struct LineRange {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// The width of a piece of text (in pixels, or in any unit that adds up piece by piece).
using MeasureText = std::function<float(std::string_view)>;

// Breaks `text` into lines no wider than `max_width` (`max_width` <= 0: only at line feeds). A piece that cannot be
// broken by the rules and is wider than a line (a long URL) is broken between code points rather than overflow.
std::vector<LineRange> wrap_lines(std::string_view text, float max_width, const MeasureText& width);

} // namespace kiosk
