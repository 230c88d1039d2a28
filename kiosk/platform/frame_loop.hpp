// The main loop: ImGui frames drawn only when something changed (input, a due timer, a font rebuild).
#pragma once
#include "font_atlas.hpp"
#include "window.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace kiosk::platform {

struct FrameHooks {
    std::function<void()> draw;                      // build this frame's UI (between NewFrame and Render)
    std::function<double()> seconds_until_due;      // < 0 when no timer is pending
    std::function<bool()> quit_requested;
    std::function<bool(FontRequest&)> font_request;  // true when the atlas must be (re)built with this request
    std::function<void(const FontStats&)> fonts_built;
    std::function<void(const std::string&)> screenshot_saved;
    // Asked after every frame: more frames needed at once (the screen changed in it, its layout is settling)…
    std::function<int()> frames_wanted;
    // …and whether the frame just drawn may be shown (false while a new screen's layout settles).
    std::function<bool()> present;
};

struct FrameOptions {
    std::string screenshot;      // save the settled UI (or frame `frames`) to this PNG, then stop
    int frames = 0;
    std::string screenshot_dir;  // F12 saves a numbered PNG here (tests and documentation)
    bool print_stats = false;    // print a FRAME line for every frame drawn (benchmarks)
    std::chrono::steady_clock::time_point started;  // process start, for time to first frame
};

struct FrameStats {
    long frames_drawn = 0;
    double first_frame_ms = 0.0;
    FontStats fonts;
};

// Runs the ImGui context on `atlas`. An atlas already built (on a worker thread while the window opened; its figures in
// stats.fonts) is used as it is; hooks.font_request asks for every (re)build. Returns the process exit code. Throws
// std::runtime_error when fonts cannot be set up.
int run_frame_loop(Window& window, FontAtlas& atlas, FrameHooks& hooks, const FrameOptions& options, FrameStats& stats);

} // namespace kiosk::platform
