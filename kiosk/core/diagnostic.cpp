// One line per diagnostic in the `file:line:col: severity: message` form that editors and CI jump to.
#include "diagnostic.hpp"

#include <cstdio>

namespace kiosk {

namespace {

// Control characters (a line break inside a quoted id, say) are written as escapes, so a diagnostic stays one line.
void append_one_line(std::string& out, const std::string& s) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c != 0x7F) {
            out.push_back(ch);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04X", static_cast<unsigned>(c));
            out += esc;
        }
    }
}

} // namespace

std::string Diagnostic::format() const {
    std::string out;
    append_one_line(out, file);
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) out += ':' + std::to_string(column);
    }
    out += severity == Severity::error ? ": error: " : ": warning: ";
    append_one_line(out, message);
    if (!pointer.empty()) {
        out += " [";
        append_one_line(out, pointer);
        out += "]";
    }
    if (!hint.empty()) {
        out += " (hint: ";
        append_one_line(out, hint);
        out += ")";
    }
    return out;
}

} // namespace kiosk
