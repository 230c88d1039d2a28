// Helpers of the table-driven scoring tests: a response from option ids or a branching path, and one table row.
#pragma once
#include "core/scoring.hpp"

#include <string>
#include <vector>

namespace kiosk::fixtures {

inline Response sel(std::vector<std::string> ids) {
    Response r;
    r.selected = std::move(ids);
    return r;
}
inline Response path(std::vector<std::string> ids) {
    Response r;
    r.path = std::move(ids);
    return r;
}
struct Row {
    const char* what;
    std::vector<std::string> ids;
    int points;
};

} // namespace kiosk::fixtures
