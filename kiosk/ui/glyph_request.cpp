// Checks each code point against the body font; only new ones trigger a rebuild (not every sign-in).
#include "glyph_request.hpp"

#include "ui_context.hpp"

#include "core/line_break.hpp"

#include <imgui.h>

namespace kiosk::ui {

bool request_glyphs(UiContext& ctx, std::string_view text) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const ImFont* font = atlas && atlas->Fonts.Size > 0 ? atlas->Fonts[0] : nullptr;
    std::string missing;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const std::uint32_t c = next_code_point(text, i);
        if (c < 0x80 || c > 0xFFFF) continue;  // ASCII is always there; beyond the BMP cannot be (16-bit ImWchar)
        const std::string_view ch = text.substr(at, i - at);
        if (font && font->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
        if (ctx.extra_glyphs.find(ch) != std::string::npos || missing.find(ch) != std::string::npos) continue;  // asked before
        missing.append(ch);
    }
    if (missing.empty()) return false;
    ctx.add_glyphs(missing);
    return true;
}

} // namespace kiosk::ui
