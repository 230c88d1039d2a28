// Composition root of the kiosk window: configuration, content, records, UI and platform wired together.
#include "run_kiosk.hpp"

#include "core/admin_pin.hpp"
#include "core/clock.hpp"
#include "core/content.hpp"
#include "core/glyph_text.hpp"
#include "core/record_chain.hpp"
#include "core/sqlite_db.hpp"
#include "core/strings.hpp"
#include "core/terminal_config.hpp"
#include "platform/frame_loop.hpp"
#include "platform/window.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/widgets.hpp"
#include "ui/author_screen.hpp"
#include "ui/preview_screen.hpp"
#include "ui/ui_trace.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <iostream>

namespace kiosk::app {

namespace {

// What the worker prepares while the window opens.
struct Prepared {
    Content content;
    StringTable strings;
    bool usable = false;                // the content can be taught from
    std::vector<std::string> messages;  // diagnostics, printed by the main thread
    platform::FontRequest request;      // what the atlas was built from: every character the UI and the content may draw
    std::unique_ptr<platform::FontAtlas> atlas = std::make_unique<platform::FontAtlas>();
    platform::FontStats font_stats;
    double content_ms = 0, fonts_ms = 0;  // since the process started
};

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// The atlas is built before the window exists, so for a monitor scale of 1 (a 1920x1080 kiosk screen).
float body_px_guess(const TerminalConfig& config) { return ui::body_px_for(1.0f, config.font_scale_percent); }

// Names and departments in the records (the sign-in confirmation, the admin tables), read on their own read-only
// connection so that the atlas holds their characters from the first frame. Nothing when there is no records file yet.
std::string record_glyph_text(const std::string& db_path) {
    std::error_code ec;
    if (db_path.empty() || !std::filesystem::exists(db_path, ec)) return {};
    try {
        const sql::Connection conn = open_records_read_only(db_path);
        std::string out;
        sql::Statement st(conn.get(), "SELECT name, department FROM learners");
        while (st.step()) {
            out += st.text(0);
            out += st.text(1);
        }
        return out;
    } catch (const StoreError&) {
        return {};  // the main thread opens the file too and reports what is wrong with it
    }
}

// Loads the content and the strings and builds the font atlas from every character they hold. Touches no ImGui context
// (none exists yet), so it runs beside the window's creation.
Prepared prepare_content_and_fonts(const std::string& content_dir, const std::string& scenarios_dir, const std::string& db_path,
                                   float body_px, std::chrono::steady_clock::time_point started) {
    Prepared p;
    p.content = load_content(content_dir, scenarios_dir);
    for (const auto& d : p.content.diagnostics) p.messages.push_back(d.format());
    if (!p.content.skipped_files.empty())
        p.messages.push_back("kiosk: " + std::to_string(p.content.skipped_files.size()) +
                             " scenario file(s) skipped because of errors; learners do not see them");
    std::vector<Diagnostic> string_diags;
    p.strings.load(content_dir + "/strings", string_diags);
    for (const auto& d : string_diags) p.messages.push_back(d.format());
    p.usable = !has_errors(string_diags) && !p.content.guideline.clauses.empty();
    p.content_ms = ms_since(started);
    if (!p.usable) return p;

    GlyphText glyphs = content_glyph_text(p.content, p.strings.all_text() + ui::kUiLiteralGlyphs + record_glyph_text(db_path));
    // Without a Japanese font the atlas stays unbuilt; the frame loop reports why.
    platform::FontFace face;
    std::string error;
    p.request.body_px = body_px;
    p.request.heading_px = ui::heading_px_for(body_px);
    p.request.body_text = std::move(glyphs.body);
    p.request.heading_text = std::move(glyphs.heading);
    if (platform::find_cjk_font(face, error) && !p.atlas->build(face, p.request, p.font_stats, error))
        p.messages.push_back("kiosk: " + error);
    p.fonts_ms = ms_since(started);
    return p;
}

} // namespace

void add_kiosk_options(CLI::App& cli, KioskOptions& o) {
    cli.add_option("--windowed", o.windowed, "run in a window of WxH pixels instead of full screen (development)");
    cli.add_option("--screenshot", o.screenshot, "save a PNG of the settled UI (or of frame --frames) and exit");
    cli.add_option("--frames", o.frames, "with --screenshot: capture this frame instead of the settled UI");
    cli.add_option("--screenshot-dir", o.screenshot_dir, "F12 saves a numbered PNG of the screen into this directory");
    cli.add_flag("--stats", o.stats, "print time to first frame, glyph count, atlas size and frames drawn on exit");
    cli.add_option("--exit-after", o.exit_after, "quit after this many seconds (measurements and tests)")->check(CLI::Range(0.1, 86400.0));
    cli.add_flag("--allow-quit", o.allow_quit, "development: Escape twice quits (in kiosk mode quitting is an admin action)");
    cli.add_option("--lang", o.lang, "ja or en (overrides the terminal configuration)")->check(CLI::IsMember({"ja", "en"}));
    cli.add_option("--font-scale", o.font_scale, "100, 125, 150 or 200")->check(CLI::IsMember({100, 125, 150, 200}));
    cli.add_flag("--high-contrast", o.high_contrast, "start with the high-contrast theme");
    cli.add_flag("--trace-ui", o.trace_ui, "tests: print the rectangle of every tappable widget when the screen changes");
    cli.add_option("--idle-seconds", o.idle_seconds, "seconds of inactivity before the warning")->check(CLI::Range(5, 3600));
    cli.add_option("--warning-seconds", o.warning_seconds, "seconds of countdown in the warning")->check(CLI::Range(3, 600));
    cli.add_option("--open-admin", o.open_admin,
                   "development and screenshots: open the admin screen on a tab without a PIN; refused when the database has an admin PIN")
        ->check(CLI::IsMember({"dashboard", "items", "heatmap", "attestations", "maintenance"}));
}

int run_kiosk(const GlobalOptions& global, const KioskOptions& o) {
    const auto started = std::chrono::steady_clock::now();

    const std::string config_path = global.config_path.empty() ? default_config_path() : global.config_path;
    auto loaded = load_terminal_config(config_path);
    for (const auto& d : loaded.diagnostics) std::cerr << d.format() << "\n";
    // A configuration that cannot be used is shown to the admin, and nothing is recorded: the defaults would send the
    // records to another database than the configured one (only an explicit --db names the database then).
    const std::string config_error = config_problem(global);
    if (!config_error.empty() && loaded.diagnostics.empty()) std::cerr << config_error << "\n";
    TerminalConfig config = loaded.config;
    if (!o.lang.empty()) config.language = o.lang == "en" ? Lang::en : Lang::ja;
    if (o.font_scale) config.font_scale_percent = o.font_scale;
    if (o.high_contrast) config.high_contrast = true;
    if (o.idle_seconds) config.idle_seconds = o.idle_seconds;
    if (o.warning_seconds) config.warning_seconds = o.warning_seconds;

    platform::WindowOptions wo;
    if (!o.windowed.empty()) {
        if (std::sscanf(o.windowed.c_str(), "%dx%d", &wo.width, &wo.height) != 2 || wo.width < 320 || wo.height < 240) {
            std::cerr << "kiosk: --windowed expects WIDTHxHEIGHT, e.g. 1280x720\n";
            return 2;
        }
    }
    const bool authoring = !o.author_path.empty();
    if ((!o.preview_file.empty() || authoring) && wo.width == 0) {
        wo.width = authoring ? 1600 : 1280;
        wo.height = 900;
    }
    if (!o.preview_file.empty()) wo.title = "Scenario preview — " + o.preview_file;
    if (authoring) wo.title = "Scenario author — " + o.author_path;

    // Start-up in two halves at once: a worker loads the content and builds the font atlas while this thread opens the
    // window and the OpenGL context (GLFW wants the main thread), which takes about as long.
    const std::string content_dir = resolve_content_dir(global);
    const std::string scenarios_dir = resolve_scenarios_dir(global);
    // Records. A database that cannot be written is reported on screen; the kiosk still teaches but records nothing.
    const std::string db_path = config_error.empty() || !global.db_path.empty() ? db_path_for_writing(global) : resolve_db_path(global);
    std::future<Prepared> preparing = std::async(std::launch::async, [&] {
        return prepare_content_and_fonts(content_dir, scenarios_dir, o.preview_file.empty() ? db_path : std::string(), body_px_guess(config), started);
    });

    std::unique_ptr<AttemptStore> store;
    std::string store_problem;
    if (o.preview_file.empty() && !authoring && !config_error.empty() && global.db_path.empty()) {
        store_problem = "the terminal configuration cannot be used, so nothing is recorded: " + config_error;
        std::cerr << "kiosk: " << store_problem << "\n";
    } else if (o.preview_file.empty() && !authoring) {
        store = std::make_unique<AttemptStore>(db_path, config.terminal_id);
        if (!store->status().ok || store->status().read_only) {
            store_problem = store->status().message;
            std::cerr << "kiosk: " << db_path << ": " << store_problem << "\n";
            store.reset();
        } else {
            config.terminal_id = store->terminal_id();  // unset in the configuration: the file's own random ID
        }
    }
    SystemClock clock;
    if (!o.open_admin.empty()) {
        // Never a way around a real PIN: a database that has one is refused.
        if (!store || AdminPin(store->handle(), clock, config.terminal_id).is_set()) {
            std::cerr << "kiosk: --open-admin is for development databases without an admin PIN"
                      << (store ? "; this one has a PIN: sign in on the admin screen instead" : " (the database cannot be opened)") << "\n";
            return 2;
        }
    }

    try {
        std::unique_ptr<platform::Window> window;
        std::string window_error;
        try {
            window = std::make_unique<platform::Window>(wo);
        } catch (const std::exception& e) {
            window_error = e.what();
        }
        const double window_ms = ms_since(started);
        Prepared ready = preparing.get();
        for (const auto& line : ready.messages) std::cerr << line << "\n";
        if (!ready.usable) {
            std::cerr << "kiosk: the content in " << content_dir << " cannot be used; see the errors above\n";
            return 2;
        }
        if (!window) throw std::runtime_error(window_error);
        if (o.stats) {  // where start-up time goes, for the benchmarks
            std::printf("STARTUP content_loaded_ms=%.1f fonts_ready_ms=%.1f window_ms=%.1f\n", ready.content_ms, ready.fonts_ms, window_ms);
            std::fflush(stdout);
        }
        Content& content = ready.content;
        StringTable& strings = ready.strings;

        ui::UiContext ctx(content, strings, store.get(), clock, config);
        ctx.can_reload_content = o.preview_file.empty() && !authoring;
        if (!o.open_admin.empty()) {
            ctx.admin_dev_tab = o.open_admin;
            ctx.go(ui::ScreenId::admin);
        }
        if (!store_problem.empty()) ctx.store_error = strings.get(config.language, "store.unavailable") + " " + store_problem;
        ctx.content_scale = window->content_scale();
        std::vector<bool> font_cover;
        if (std::string cover_error; ready.atlas->built() && platform::font_coverage(ready.atlas->face(), font_cover, cover_error))
            ctx.font_has = [&font_cover](std::uint32_t c) { return c < font_cover.size() && font_cover[c]; };
        ui::enable_trace(o.trace_ui);
        ui::KioskUi ui(ctx, o.allow_quit || !o.preview_file.empty() || authoring);
        // The atlas was built for a monitor scale of 1; on another monitor the first frame asks for it again.
        if (ready.atlas->built()) ui.fonts_rebuilt(ready.request.body_px);
        // After the line above: the preview asks for its file's characters when it opens, and that request must stand.
        if (!o.preview_file.empty()) ui.set_preview(ui::make_preview_screen(o.preview_file, content_dir));
        if (authoring) ui.set_preview(ui::make_author_screen(o.author_path, o.author_type));

        platform::FrameHooks hooks;
        hooks.draw = [&] {
            ui.frame();
            if (ctx.reload_content_requested) {
                // Between frames, from the admin screen (reachable only when nobody is signed in): no screen holds a scenario.
                content = load_content(content_dir, resolve_scenarios_dir(global));
                for (const auto& d : content.diagnostics) std::cerr << d.format() << "\n";
                std::string more, more_heading;
                for (const auto& s : content.scenarios) append_glyph_text(s, more, more_heading);
                ctx.add_glyphs(more + more_heading);
                ctx.reload_content_requested = false;
                ctx.new_view();  // drawn at once, with no input
                std::printf("CONTENT RELOADED scenarios=%zu skipped=%zu\n", content.scenarios.size(), content.skipped_files.size());
                std::fflush(stdout);
            }
        };
        // --exit-after is one more timer: the loop wakes for it like for the idle countdown.
        const auto deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(o.exit_after));
        auto seconds_to_deadline = [&] { return std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count(); };
        hooks.seconds_until_due = [&] {
            const double due = ui.seconds_until_due();
            if (o.exit_after <= 0) return due;
            const double exit_due = std::max(0.0, seconds_to_deadline());
            return due < 0 ? exit_due : std::min(due, exit_due);
        };
        hooks.quit_requested = [&] { return ui.quit_requested() || (o.exit_after > 0 && seconds_to_deadline() <= 0); };
        hooks.font_request = [&](platform::FontRequest& r) {
            if (!ui.fonts_dirty()) return false;
            r.body_px = ui.body_px();
            r.heading_px = ui.heading_px();
            r.body_text = ready.request.body_text + ctx.extra_glyphs;
            r.heading_text = ready.request.heading_text;
            ui.fonts_rebuilt(r.body_px);
            return true;
        };
        hooks.fonts_built = [&](const platform::FontStats& s) {
            if (!s.missing.empty()) {
                std::cerr << "kiosk: the font " << s.font_file << " has no glyph for " << s.missing.size() << " character(s):";
                for (std::size_t i = 0; i < s.missing.size() && i < 20; ++i) std::fprintf(stderr, " U+%04X", s.missing[i]);
                std::cerr << " — they are left out, not drawn as boxes\n";
            }
        };
        hooks.frames_wanted = [&] { return ui.frames_wanted(); };
        hooks.present = [&] { return ui.present(); };
        hooks.screenshot_saved = [&](const std::string& path) {
            std::printf("SCREENSHOT %s\n", path.c_str());
            std::fflush(stdout);
        };

        platform::FrameOptions fo;
        fo.screenshot = o.screenshot;
        fo.frames = o.frames;
        fo.screenshot_dir = o.screenshot_dir;
        fo.started = started;
        fo.print_stats = o.stats;
        platform::FrameStats stats;
        stats.fonts = ready.font_stats;
        const int rc = platform::run_frame_loop(*window, *ready.atlas, hooks, fo, stats);
        if (o.stats) {
            const double wall = ms_since(started);
            std::printf("STATS first_frame_ms=%.1f frames_drawn=%ld glyphs=%d atlas=%dx%d atlas_build_ms=%.1f missing_glyphs=%zu wall_ms=%.0f\n",
                        stats.first_frame_ms, stats.frames_drawn, stats.fonts.glyphs, stats.fonts.atlas_width, stats.fonts.atlas_height,
                        stats.fonts.build_ms, stats.fonts.missing.size(), wall);
        }
        return rc;
    } catch (const std::exception& e) {
        std::cerr << "kiosk: " << e.what() << "\n";
        return 1;
    }
}

} // namespace kiosk::app
