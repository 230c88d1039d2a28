// The kiosk's UI shell: owns the screens, draws the top bar and the idle warning, applies theme and font scale.
#pragma once
#include "screen.hpp"
#include "ui_context.hpp"

#include "core/idle_guard.hpp"

#include <array>
#include <memory>
#include <string>

namespace kiosk::ui {

class KioskUi {
public:
    KioskUi(UiContext& ctx, bool allow_quit);
    ~KioskUi();

    // Draws one frame (between ImGui::NewFrame and ImGui::Render).
    void frame();
    // Seconds until the UI must redraw by itself (idle warning, countdown); < 0 when nothing is due.
    double seconds_until_due() const;
    bool quit_requested() const { return ctx_.quit_requested; }

    // The atlas must be rebuilt when the font scale changes.
    bool fonts_dirty() const { return fonts_dirty_ || ctx_.glyphs_changed; }
    void fonts_rebuilt() { fonts_dirty_ = false; ctx_.glyphs_changed = false; }
    float body_px() const;
    float heading_px() const { return body_px() * 1.45f; }

    void set_preview(std::unique_ptr<Screen> preview);  // `kiosk preview`: starts on the preview screen

private:
    void draw_top_bar();
    void watch_admin_entry(float bar_height);
    void draw_idle_warning();
    void apply_transition();
    void sign_out();
    Screen& screen(ScreenId id);

    UiContext& ctx_;
    bool allow_quit_;
    IdleGuard idle_;
    std::array<std::unique_ptr<Screen>, 9> screens_;
    bool fonts_dirty_ = true;
    int applied_scale_ = 0;
    bool applied_contrast_ = false;
    float applied_content_scale_ = 0.0f;
    int escape_count_ = 0;
    bool preview_mode_ = false;
    bool warned_ = false;  // the idle warning is showing
    std::int64_t corner_press_ms_ = -1;  // when a press on the title corner began (admin entry), -1 = none
};

} // namespace kiosk::ui
