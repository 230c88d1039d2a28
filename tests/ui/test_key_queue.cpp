// The keyboard queue between GLFW and ImGui: a card reader's burst reaches ImGui one key event a frame, in order.
#include "platform/key_queue.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using kiosk::platform::KeyEvent;
using kiosk::platform::KeyQueue;

namespace {
constexpr int kPress = 1, kRelease = 0;

// A card reader typing "12" and Enter as GLFW reports it: press, character, release for each key.
void type_burst(KeyQueue& q) {
    for (char c : std::string("12")) {
        q.push({KeyEvent::Kind::key, c, 0, kPress, 0, 0});
        q.push({KeyEvent::Kind::character, 0, 0, 0, 0, static_cast<unsigned>(c)});
        q.push({KeyEvent::Kind::key, c, 0, kRelease, 0, 0});
    }
    q.push({KeyEvent::Kind::key, 257, 0, kPress, 0, 0});
    q.push({KeyEvent::Kind::key, 257, 0, kRelease, 0, 0});
}
} // namespace

TEST_CASE("a burst of keys reaches ImGui one key event a frame, characters with their press") {
    KeyQueue q;
    type_burst(q);
    std::vector<std::string> frames;
    while (!q.empty()) {
        std::string frame;
        q.apply_frame([&](const KeyEvent& e) {
            if (e.kind == KeyEvent::Kind::character) frame += "c" + std::string(1, static_cast<char>(e.codepoint));
            else frame += (e.action == kPress ? "+" : "-") + std::to_string(e.key);
        });
        frames.push_back(frame);
    }
    // Every press is down for a whole frame before its release: ImGui 1.86 sees each digit and the Enter.
    CHECK(frames == std::vector<std::string>{"+49c1", "-49", "+50c2", "-50", "+257", "-257"});
}

TEST_CASE("characters typed without a key event pass in the same frame") {
    KeyQueue q;
    q.push({KeyEvent::Kind::character, 0, 0, 0, 0, 'a'});
    q.push({KeyEvent::Kind::character, 0, 0, 0, 0, 'b'});
    std::size_t n = q.apply_frame([](const KeyEvent&) {});
    CHECK(n == 2);
    CHECK(q.empty());
}
