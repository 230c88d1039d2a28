// IdleGuard: after a quiet period, a warning with a countdown; when it runs out, the session ends (shared-terminal privacy).
#pragma once
#include <cstdint>

namespace kiosk {

class IdleGuard {
public:
    enum class Phase { off, active, warning, expired };

    IdleGuard(int idle_seconds, int warning_seconds) : idle_ms_(idle_seconds * 1000LL), warning_ms_(warning_seconds * 1000LL) {}

    void arm(std::int64_t now_ms) { armed_ = true; last_ms_ = now_ms; }  // someone signed in
    void disarm() { armed_ = false; }                                      // back to the attract screen
    void activity(std::int64_t now_ms) { if (phase(now_ms) != Phase::expired) last_ms_ = now_ms; }

    Phase phase(std::int64_t now_ms) const {
        if (!armed_) return Phase::off;
        const std::int64_t quiet = now_ms - last_ms_;
        if (quiet < idle_ms_) return Phase::active;
        if (quiet < idle_ms_ + warning_ms_) return Phase::warning;
        return Phase::expired;
    }
    // Whole seconds left in the warning countdown (rounded up).
    int seconds_left(std::int64_t now_ms) const {
        const std::int64_t left = idle_ms_ + warning_ms_ - (now_ms - last_ms_);
        return left <= 0 ? 0 : static_cast<int>((left + 999) / 1000);
    }
    // Milliseconds until the screen must change: the warning appears, the countdown ticks, or the session ends.
    // Negative when nothing is due (not armed).
    std::int64_t ms_until_due(std::int64_t now_ms) const {
        switch (phase(now_ms)) {
        case Phase::off: return -1;
        case Phase::active: return idle_ms_ - (now_ms - last_ms_);
        case Phase::warning: {
            const std::int64_t left = idle_ms_ + warning_ms_ - (now_ms - last_ms_);
            const std::int64_t tick = left % 1000;
            return tick == 0 ? 1000 : tick;  // redraw once a second, when the displayed number changes
        }
        case Phase::expired: return 0;
        }
        return -1;
    }
    int warning_seconds() const { return static_cast<int>(warning_ms_ / 1000); }

private:
    std::int64_t idle_ms_;
    std::int64_t warning_ms_;
    std::int64_t last_ms_ = 0;
    bool armed_ = false;
};

} // namespace kiosk
