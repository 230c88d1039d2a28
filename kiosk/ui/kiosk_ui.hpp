// The kiosk's UI shell: owns the screens, draws the top bar and the idle warning, applies theme and font scale.
#pragma once
#include "screen.hpp"
#include "ui_context.hpp"

#include "core/idle_guard.hpp"

#include <array>
#include <memory>
#include <string>

namespace kiosk::ui {

// Font sizes in pixels for a monitor content scale and a font scale in percent.
inline float body_px_for(float content_scale, int font_scale_percent) { return 24.0f * content_scale * static_cast<float>(font_scale_percent) / 100.0f; }
inline float heading_px_for(float body_px) { return body_px * 1.45f; }

class KioskUi {
public:
    KioskUi(UiContext& ctx, bool allow_quit);
    ~KioskUi();

    // Draws one frame (between ImGui::NewFrame and ImGui::Render).
    void frame();
    // Seconds until the UI must redraw by itself (idle warning, countdown); < 0 when nothing is due.
    double seconds_until_due() const;
    bool quit_requested() const { return ctx_.quit_requested; }
    // After a frame: frames to draw at once (the screen changed in it, or a new view is still being laid out), and whether
    // the frame may be shown (not while a new view settles: the first frame a person sees has its final layout).
    int frames_wanted() const { return frame_hidden_ ? 1 : 0; }
    bool present() const { return !frame_hidden_; }

    // The atlas must be (re)built when the font size it was built at is not the one needed now (font scale, monitor
    // scale) or when new text needs glyphs.
    bool fonts_dirty() const { return built_body_px_ != body_px() || ctx_.glyphs_changed; }
    // The atlas has been built at `body_px` with every glyph asked for so far.
    void fonts_rebuilt(float body_px) {
        built_body_px_ = body_px;
        ctx_.glyphs_changed = false;
    }
    float body_px() const { return body_px_for(ctx_.content_scale, ctx_.settings.font_scale_percent); }
    float heading_px() const { return heading_px_for(body_px()); }

    void set_preview(std::unique_ptr<Screen> preview);  // `kiosk preview`: starts on the preview screen

private:
    void draw_top_bar();
    void watch_admin_entry(float bar_height);
    void draw_idle_warning();
    void watch_idle(std::int64_t now);
    void draw_input_shield();
    bool apply_transition();  // true when the screen changed
    void sign_out();
    Screen& screen(ScreenId id);

    UiContext& ctx_;
    bool allow_quit_;
    IdleGuard idle_;
    std::array<std::unique_ptr<Screen>, 9> screens_;
    float built_body_px_ = 0.0f;  // 0 until the atlas is first built
    int applied_scale_ = 0;
    bool applied_contrast_ = false;
    float applied_content_scale_ = 0.0f;
    int escape_count_ = 0;
    bool preview_mode_ = false;
    bool warned_ = false;  // the idle warning is showing
    bool warning_drawn_ = false;          // drawn in this frame (its own buttons need the frame of the release)
    std::int64_t shield_until_ms_ = -1;   // after the warning is dismissed, input is eaten until then (and the release)
    bool view_pending_ = false;           // the next frame starts a new view
    int hidden_frames_ = 0;               // frames of a new view still to draw unseen
    bool frame_hidden_ = false;           // the frame just drawn is not to be shown
    std::int64_t corner_press_ms_ = -1;  // when a press on the title corner began (admin entry), -1 = none
};

} // namespace kiosk::ui
