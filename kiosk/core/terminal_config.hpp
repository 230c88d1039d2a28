// Per-terminal settings (one JSON file): terminal ID, idle timing, language, font scale and paths.
#pragma once
#include "diagnostic.hpp"
#include "text.hpp"

#include <string>
#include <vector>

namespace kiosk {

struct TerminalConfig {
    std::string terminal_id;  // empty = the records file's own random ID (made at its first open); leave unset
    int idle_seconds = 90;     // inactivity before the warning appears
    int warning_seconds = 30;  // countdown shown before the session ends (WCAG 2.2.1: at least 20)
    Lang language = Lang::ja;
    int font_scale_percent = 100;  // 100, 125, 150 or 200
    bool high_contrast = false;
    std::string db_path;
    std::string content_dir;
    std::string scenarios_dir;
    std::string server;     // ward records server: a libpq connection string or "service=NAME"; empty = none
    int sync_seconds = 60;  // how often the kiosk pushes new records to `server`
};

struct LoadedTerminalConfig {
    TerminalConfig config;                 // defaults wherever the file is missing or wrong
    std::vector<Diagnostic> diagnostics;   // each bad value, with where it is and what was used instead
    bool file_found = false;
};

// $XDG_CONFIG_HOME/chiyoda-kiosk/config.json (default ~/.config/...).
std::string default_config_path();
// $XDG_DATA_HOME/chiyoda-kiosk/kiosk.db (default ~/.local/share/...).
std::string default_db_path();
// The host name, for records when the config names no terminal.
std::string host_terminal_id();

// A missing file is not an error here: the defaults apply (a --config that names a missing file is, see
// kiosk::app::config_problem). A file that is not a JSON object is an error diagnostic; bad values are warnings and
// replaced by their defaults.
LoadedTerminalConfig load_terminal_config(const std::string& path);

} // namespace kiosk
