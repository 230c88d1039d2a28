// Maps byte offsets and JSON Pointers in a JSON text back to line and column, for precise diagnostics.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

struct TextLocation {
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based, in code points
};

// Location of the byte at `offset` (clamped to the text).
TextLocation offset_to_location(std::string_view text, std::size_t offset);

// Location of the value that `pointer` (RFC 6901, e.g. "/options/2/correct") designates in `text`,
// which may contain // comments. Returns {0,0} when the pointer is not found; "" is the whole document.
TextLocation locate_pointer(std::string_view text, std::string_view pointer);

// Location of the KEY (its opening quote) whose value `pointer` designates, e.g. the `"corect"` in
// /options/0/corect; for an array element, the element itself. {0,0} when not found or for "".
TextLocation locate_key(std::string_view text, std::string_view pointer);

// Byte offsets for the same lookups; std::string_view::npos when not found.
std::size_t pointer_value_offset(std::string_view text, std::string_view pointer);
std::size_t pointer_key_offset(std::string_view text, std::string_view pointer);

// Appends one reference token to a JSON Pointer, escaping '~' and '/' (RFC 6901).
std::string pointer_append(std::string_view pointer, std::string_view token);

} // namespace kiosk
