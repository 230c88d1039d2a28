// Wrapped text with Japanese line breaking (core/line_break): every wrapped text the kiosk draws goes through here
// instead of ImGui's own wrap, which breaks anywhere (a line starting with 「。」, 「2,／000円」).
#pragma once
#include <imgui.h>

#include <string_view>

namespace kiosk::ui {

// Size of `s` wrapped at `width` in `font` at `size` (the current font and size when null / 0).
ImVec2 wrapped_text_size(std::string_view s, float width, ImFont* font = nullptr, float size = 0.0f);
// Draws `s` wrapped at `width` with its top-left at `pos`; returns its size.
ImVec2 add_wrapped_text(ImDrawList* dl, ImVec2 pos, ImU32 colour, std::string_view s, float width, ImFont* font = nullptr,
                        float size = 0.0f);
// As an item of the current window, wrapped at the pushed wrap position (the window's edge when none is pushed).
void wrapped_text_item(std::string_view s);

} // namespace kiosk::ui
