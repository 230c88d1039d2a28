// Applies a core Palette and the font scale to ImGui's style; colour helpers for widgets.
#pragma once
#include "core/palette.hpp"

#include <imgui.h>

namespace kiosk::ui {

inline ImVec4 to_imgui(Rgb c, float a = 1.0f) { return {c.r, c.g, c.b, a}; }
inline ImU32 to_u32(Rgb c, float a = 1.0f) { return ImGui::ColorConvertFloat4ToU32(to_imgui(c, a)); }

// `scale` = font scale × monitor content scale; sizes (padding, rounding, touch targets) follow it.
void apply_theme(const Palette& p, float scale);

// Minimum touch target: 44 px at 96 dpi, scaled with the monitor and the font scale.
float touch_target(float scale);

} // namespace kiosk::ui
