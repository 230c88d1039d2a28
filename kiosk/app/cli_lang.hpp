// The language of command-line messages: Japanese when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English.
#pragma once
#include "core/text.hpp"

#include <cstdlib>
#include <string>

namespace kiosk::app {

inline Lang cli_lang() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::string(v).rfind("ja", 0) == 0 ? Lang::ja : Lang::en;
    }
    return Lang::en;
}

} // namespace kiosk::app
