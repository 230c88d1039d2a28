// Text that reaches the screen after start-up (a name looked up at sign-in) asks for its characters before it is drawn.
#pragma once
#include <string_view>

namespace kiosk::ui {

struct UiContext;

// Adds to the atlas request the characters of `text` that the atlas does not hold yet and that were not asked for
// before; true when the atlas will be rebuilt before the next frame (call it a frame before `text` is first drawn).
bool request_glyphs(UiContext& ctx, std::string_view text);

} // namespace kiosk::ui
