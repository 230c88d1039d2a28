// `kiosk preview FILE`: a window (not full screen) showing one scenario as a learner sees it, reloaded when the file is saved.
#include "commands.hpp"
#include "run_kiosk.hpp"

namespace kiosk::app {

namespace {

struct PreviewOptions {
    std::string file;
    KioskOptions kiosk;
};

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<PreviewOptions>();
    sub.add_option("file", o->file, "the scenario file to show")->required();
    sub.add_option("--windowed", o->kiosk.windowed, "window size WxH (default 1280x900)");
    sub.add_option("--lang", o->kiosk.lang, "ja or en")->check(CLI::IsMember({"ja", "en"}));
    sub.add_option("--screenshot-dir", o->kiosk.screenshot_dir, "F12 saves a numbered PNG of the window here");
    sub.add_option("--screenshot", o->kiosk.screenshot, "save a PNG of the settled window and exit (tests, documentation)");
    sub.add_flag("--trace-ui", o->kiosk.trace_ui, "tests: print the rectangle of every tappable widget");
    sub.add_option("--exit-after", o->kiosk.exit_after, "quit after this many seconds");
    return [o, &global] {
        o->kiosk.preview_file = o->file;
        return run_kiosk(global, o->kiosk);
    };
}

const bool registered = register_command({"preview", "show one scenario file in a window, reloading it whenever it is saved", setup});

} // namespace

} // namespace kiosk::app
