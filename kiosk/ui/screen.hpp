// A screen of the kiosk: one file each in kiosk/ui; screens change only between frames, through UiContext::go.
#pragma once

namespace kiosk::ui {

class UiContext;

enum class ScreenId { attract, signin, home, question, feedback, results, guideline, preview, admin };

class Screen {
public:
    virtual ~Screen() = default;
    // Called when the screen becomes current (after the previous one's frame ended).
    virtual void on_enter(UiContext&) {}
    // Draws the screen's content area (the shell draws the top bar and overlays).
    virtual void draw(UiContext& ctx) = 0;
    // Forget everything about the person who used it (sign-out, idle timeout).
    virtual void forget() {}
    // Seconds until the screen must redraw by itself (e.g. to look for a changed file); < 0 when nothing is due.
    virtual double seconds_until_due() const { return -1.0; }
};

} // namespace kiosk::ui
