// `kiosk author [FILE|DIR]`: the trainers' authoring window (windowed, mouse and keyboard) for one scenario file.
#include "commands.hpp"
#include "run_kiosk.hpp"

namespace kiosk::app {

namespace {

struct AuthorOptions {
    std::string path = "scenarios";
    KioskOptions kiosk;
};

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<AuthorOptions>();
    sub.add_option("path", o->path, "the scenario file to edit (created when missing), or a folder to create a new one in");
    sub.add_option("--type", o->kiosk.author_type, "template of a new file: single, multiple, hottext, classify, branching")
        ->check(CLI::IsMember({"single", "multiple", "hottext", "classify", "branching"}));
    sub.add_option("--windowed", o->kiosk.windowed, "window size WxH (default 1600x900)");
    sub.add_option("--lang", o->kiosk.lang, "ja or en")->check(CLI::IsMember({"ja", "en"}));
    sub.add_option("--screenshot-dir", o->kiosk.screenshot_dir, "F12 saves a numbered PNG of the window here");
    sub.add_flag("--trace-ui", o->kiosk.trace_ui, "tests: print the rectangle of every tappable widget");
    sub.add_option("--exit-after", o->kiosk.exit_after, "quit after this many seconds");
    return [o, &global] {
        o->kiosk.author_path = o->path;
        return run_kiosk(global, o->kiosk);
    };
}

const bool registered = register_command({"author", "edit a scenario file in forms, beside the learner's view (undo, autosave)", setup});

} // namespace

} // namespace kiosk::app
