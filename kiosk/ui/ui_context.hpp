// What every screen can reach: content, records, strings, settings, the current person, and screen transitions.
#pragma once
#include "core/attempt_store.hpp"
#include "core/content.hpp"
#include "core/palette.hpp"
#include "core/strings.hpp"
#include "core/terminal_config.hpp"
#include "screen.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {
class Session;
struct Clock;
} // namespace kiosk

namespace kiosk::ui {

struct Settings {
    Lang lang = Lang::ja;
    int font_scale_percent = 100;
    bool high_contrast = false;
};

// Everything about the person at the terminal. Replaced by a fresh value at sign-out, so nothing of them remains.
struct PersonState {
    PersonState();
    ~PersonState();
    PersonState(PersonState&&) noexcept;
    PersonState& operator=(PersonState&&) noexcept;

    bool signed_in = false;
    Learner learner;
    std::unique_ptr<Session> session;
    std::string last_result_attempt;  // attempt shown on the results screen
};

class UiContext {
public:
    UiContext(const Content& content, const StringTable& strings, AttemptStore* store, Clock& clock, TerminalConfig config);

    const Content& content;
    const StringTable& strings;
    AttemptStore* store;  // null when the database could not be opened (the kiosk then explains and records nothing)
    Clock& clock;
    TerminalConfig config;
    Settings settings;
    PersonState person;
    float content_scale = 1.0f;

    const std::string& tr(std::string_view key) const { return strings.get(settings.lang, key); }
    std::string trf(std::string_view key, std::initializer_list<std::pair<std::string_view, std::string>> args) const {
        return strings.format(settings.lang, key, args);
    }
    const std::string& t(const Text& text) const { return text.get(settings.lang); }
    const Palette& palette() const { return palette_; }
    void set_palette(const Palette& p) { palette_ = p; }

    // Screen changes are requested while drawing and carried out after the frame.
    void go(ScreenId s) { pending_ = s; }
    std::optional<ScreenId> take_pending() { auto p = pending_; pending_.reset(); return p; }
    ScreenId current() const { return current_; }
    // The current screen shows something new in place (next item, next branching step, reloaded content): it opens at the
    // top and is laid out before it is shown, like a screen change.
    void new_view() { new_view_ = true; }
    bool take_new_view() { bool r = new_view_; new_view_ = false; return r; }
    void set_current(ScreenId s) { current_ = s; }

    // Opens the guideline browser at a clause; "back" returns to the screen it was opened from.
    void open_guideline(const std::string& clause_id);
    std::string guideline_focus;
    ScreenId guideline_return = ScreenId::home;

    // Ends the person's session: suspends an open attempt (saved), forgets everything, back to the attract screen.
    void request_sign_out() { sign_out_requested_ = true; }
    bool take_sign_out() { bool r = sign_out_requested_; sign_out_requested_ = false; return r; }

    // A message about records that could not be saved (disk full, I/O error); shown until it is resolved.
    std::string store_error;
    // Characters the atlas must also hold (the preview shows a file that may use new ones).
    void add_glyphs(const std::string& text) { extra_glyphs += text; glyphs_changed = true; }
    std::string extra_glyphs;
    bool glyphs_changed = false;
    // Whether an installed font can draw a character (set by the composition root; empty in headless tests).
    std::function<bool(std::uint32_t)> font_has;
    // Development: Escape twice quits. In kiosk mode quitting is an admin action.
    bool quit_requested = false;
    // Admin: the scenario files are read again after this frame, by the composition root when it can.
    bool can_reload_content = false;
    bool reload_content_requested = false;
    // Development only (--open-admin on a database without an admin PIN): the admin screen opens on this tab, no PIN.
    std::string admin_dev_tab;

private:
    Palette palette_;
    std::optional<ScreenId> pending_;
    ScreenId current_ = ScreenId::attract;
    bool sign_out_requested_ = false;
    bool new_view_ = false;
};

} // namespace kiosk::ui
