// Keyboard events kept in order between the GLFW callbacks and ImGui: at most one key event reaches ImGui per frame.
#pragma once
#include <cstddef>
#include <deque>

namespace kiosk::platform {

// ImGui 1.86 polls key state once a frame: a key pressed and released between two frames (a card reader types digits
// and Enter a few milliseconds apart) is never seen as pressed. The queue hands ImGui one key event (press or release)
// a frame, with the characters it typed, so every press is down for at least one frame.
struct KeyEvent {
    enum class Kind { key, character } kind = Kind::key;
    int key = 0, scancode = 0, action = 0, mods = 0;  // Kind::key, as GLFW reports them
    unsigned int codepoint = 0;                        // Kind::character
};

class KeyQueue {
public:
    void push(const KeyEvent& e) { events_.push_back(e); }
    bool empty() const { return events_.empty(); }
    std::size_t size() const { return events_.size(); }

    // Applies, in order, the characters before and after the first key event, and that key event; stops before a
    // second key event, which waits for the next frame. Returns how many events were applied.
    template <class Apply>
    std::size_t apply_frame(Apply&& apply) {
        std::size_t applied = 0;
        bool key_applied = false;
        while (!events_.empty()) {
            const KeyEvent e = events_.front();
            if (e.kind == KeyEvent::Kind::key && key_applied) break;
            events_.pop_front();
            apply(e);
            ++applied;
            if (e.kind == KeyEvent::Kind::key) key_applied = true;
        }
        return applied;
    }

    void clear() { events_.clear(); }

private:
    std::deque<KeyEvent> events_;
};

} // namespace kiosk::platform
