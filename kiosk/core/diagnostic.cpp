// One line per diagnostic in the `file:line:col: severity: message` form that editors and CI jump to.
#include "diagnostic.hpp"

namespace kiosk {

std::string Diagnostic::format() const {
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) out += ':' + std::to_string(column);
    }
    out += severity == Severity::error ? ": error: " : ": warning: ";
    out += message;
    if (!pointer.empty()) out += " [" + pointer + "]";
    if (!hint.empty()) out += " (hint: " + hint + ")";
    return out;
}

} // namespace kiosk
