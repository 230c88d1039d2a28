// Runs the full-screen kiosk: loads configuration, content and records, then hands them to the window loop.
#pragma once
#include "commands.hpp"

#include <string>

namespace kiosk::app {

struct KioskOptions {
    std::string windowed;       // "WxH": a window instead of full screen (development)
    std::string screenshot;     // save a PNG of the settled UI and exit
    std::string screenshot_dir; // F12 saves numbered PNGs here (tests, documentation)
    int frames = 0;             // with --screenshot: after this many frames instead of when settled
    bool stats = false;         // print start-up and frame statistics on exit
    double exit_after = 0;      // quit after this many seconds (measurements, tests)
    bool allow_quit = false;    // development: Escape twice quits (in kiosk mode quitting is an admin action)
    std::string lang;           // ja | en: overrides the terminal configuration
    int font_scale = 0;         // 100 | 125 | 150 | 200: overrides the terminal configuration
    bool high_contrast = false;
    bool trace_ui = false;      // tests: print tappable widgets' rectangles
    int idle_seconds = 0;       // overrides the terminal configuration (tests)
    int warning_seconds = 0;
    std::string preview_file;   // set by `kiosk preview`: show one scenario file and reload it on change
    std::string author_path;    // set by `kiosk author`: the file (or folder for a new file) the authoring window edits
    std::string author_type = "single";  // the template of a new file
    std::string open_admin;     // development: open the admin screen on this tab (only on a database without a PIN)
};

void add_kiosk_options(CLI::App& cli, KioskOptions& o);
int run_kiosk(const GlobalOptions& global, const KioskOptions& o);

} // namespace kiosk::app
