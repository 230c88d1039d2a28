// A problem found in a content or scenario file, located precisely enough for a trainer to fix it.
#pragma once
#include <string>
#include <vector>

namespace kiosk {

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;     // path as given to the loader
    int line = 0;         // 1-based; 0 when the problem concerns the whole file
    int column = 0;       // 1-based, counted in Unicode code points
    std::string pointer;  // JSON Pointer of the value concerned, e.g. /options/2/correct
    std::string message;  // plain words: what is wrong
    std::string hint;     // what to do about it (may be empty)

    // "file:line:col: error: message [pointer] (hint: …)", the format editors and CI understand.
    std::string format() const;
};

inline bool has_errors(const std::vector<Diagnostic>& ds) {
    for (const auto& d : ds)
        if (d.severity == Severity::error) return true;
    return false;
}

} // namespace kiosk
