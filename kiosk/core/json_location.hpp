// Maps byte offsets and JSON Pointers in a JSON text back to line and column, for precise diagnostics.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// A key written twice in the same object (nlohmann::json keeps the last one without a word).
struct DuplicateKey {
    std::size_t offset = 0;  // the second occurrence's opening quote
    std::size_t first = 0;   // the first occurrence's opening quote
    std::string key;         // decoded
    std::string pointer;     // JSON Pointer of the second occurrence's value
};

// Every key repeated within one object of `text` (valid JSON, // and /* */ comments allowed), in text order.
// Stops after `limit` findings.
std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, std::size_t limit = 20);

// Appends one reference token to a JSON Pointer, escaping '~' and '/' (RFC 6901).
std::string pointer_append(std::string_view pointer, std::string_view token);

} // namespace kiosk
