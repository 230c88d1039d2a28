// Kiosk widgets on top of ImGui: large touch buttons, wrapped data text, the mock post card, the numeric keypad.
#pragma once
#include "core/model.hpp"
#include "core/palette.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace kiosk::ui {

// Sizes derive from the current font size, which already includes the font scale and the monitor's content scale.
// Punctuation the screens join texts with (full-width space, brackets, separators): always in the font atlas.
inline constexpr const char* kUiLiteralGlyphs = "（）　／・—…○×△";

float unit();            // 1 "design pixel" at the current scale (font size / 24)
void set_display_scale(float scale);  // the monitor's content scale (1 at 96 dpi)
float min_target();
float big_button_height();  // the main action of a screen (footer buttons): a comfortable target that holds its label      // 44 design pixels: the smallest tappable size
// Height of `s` wrapped at `width` in `font` (the current font when null): for layouts that must fit the screen.
float wrapped_height(const std::string& s, float width, ImFont* font = nullptr);
// Call inside a scrolling child: dragging a finger (or the mouse) scrolls it, as on a phone. A drag that began on a
// button scrolls instead of pressing it.
// A new view (screen, item, branching step) opens scrolled to the top: touch_scroll() does it in the view's first frame.
void touch_scroll();

// Taps that land where aimed. start_view() marks the first frame of a new view; tap_accepted(pressed) passes a press on a
// control that toggles or commits (option cards, 回答する, 確定する, 次の問題へ, branching choices) unless it is a bounce:
// within kTapGuardSeconds of the last accepted one, or on a view younger than that. Keypad digits do not use it.
inline constexpr double kTapGuardSeconds = 0.3;
void start_view();
void end_frame_of_view();  // the shell, at the end of every frame
bool tap_accepted(bool pressed);

// Large text on a short screen (200 % at 1280x720): the screen's chrome (top bar, course header, button row) shrinks
// or scrolls away so that the reading area keeps at least half the height. compact_scale() is the font scale the chrome
// is drawn at (1 when not compact); controls stay at least min_target() high.
bool compact_layout();
float chrome_font_scale();   // top bar
float footer_font_scale();   // a screen's button row
// Draws the rest of the current window at `scale` (a screen's button row), back to 1 when it goes out of scope.
struct FooterScale {
    explicit FooterScale(float scale) { ImGui::SetWindowFontScale(scale); }
    ~FooterScale() { ImGui::SetWindowFontScale(1.0f); }
    FooterScale(const FooterScale&) = delete;
    FooterScale& operator=(const FooterScale&) = delete;
};
// The height of the area a screen's text scrolls in, for tests: traced as "##reading_area" with --trace-ui.
void trace_reading_area();

ImFont* heading_font();  // font 1 of the atlas (font 0 when only one was built)

// Data text: never passed through printf formatting (a scenario may contain '%').
void text(const std::string& s);
void text_wrapped(const std::string& s);
void text_coloured(const std::string& s, Rgb colour);
void heading(const std::string& s);
void muted(const std::string& s);

enum class ButtonKind { primary, secondary, danger };
bool button(const std::string& label, ButtonKind kind = ButtonKind::secondary, float width = 0.0f, float height = 0.0f);

// A full-width card with wrapped text that can be selected (radio or checkbox style).
enum class Mark { none, radio, check };
bool option_card(const std::string& id, const std::string& label, bool selected, Mark mark, float width);

// Draws the mock social-media post. For hottext, `spans` are the tappable phrases and `span_selected`
// their state; a tap toggles one and returns its index (or -1).
struct PostSpan {
    std::string text;
    bool selected = false;
};
int post_card(const Post& post, Lang lang, const std::vector<PostSpan>& spans, bool interactive);

// On-screen numeric keypad for the staff ID; returns true when OK was pressed.
// key_height 0 = the comfortable default (88 design pixels); never below the minimum target.
bool keypad(std::string& digits, std::size_t max_length, const std::string& ok_label, const std::string& clear_label,
            float key_height = 0.0f);
float keypad_default_key();  // the comfortable key height at the current scale

// Horizontal bar (0..1) with a label, drawn with the draw list.
void score_bar(const std::string& label, float fraction, const std::string& value_text, Rgb fill);

// Palette used by widgets; set by the shell every frame.
void set_widget_palette(const Palette& p);
const Palette& widget_palette();

} // namespace kiosk::ui
