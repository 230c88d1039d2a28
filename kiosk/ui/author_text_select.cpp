// Mouse selection over wrapped text: each code point is laid out and measured so that a drag maps to byte offsets.
#include "author_text_select.hpp"

#include "theme.hpp"
#include "widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace kiosk::ui {

namespace {

std::size_t cp_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

struct Glyph {
    std::size_t at;  // byte offset
    std::size_t len;
    ImVec2 pos;      // top-left, screen
    float w;
};

} // namespace

void selectable_text(const char* id, const std::string& text, TextSelection& sel, bool trace) {
    const Palette& p = widget_palette();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 50.0f);
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    std::vector<Glyph> glyphs;
    float x = 0, y = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = std::min(cp_len(static_cast<unsigned char>(text[i])), text.size() - i);
        if (text[i] == '\n') {
            glyphs.push_back({i, n, ImVec2(origin.x + x, origin.y + y), 0});
            x = 0;
            y += line_h;
            i += n;
            continue;
        }
        const float w = ImGui::CalcTextSize(text.data() + i, text.data() + i + n).x;
        if (x + w > width && x > 0) {
            x = 0;
            y += line_h;
        }
        glyphs.push_back({i, n, ImVec2(origin.x + x, origin.y + y), w});
        x += w;
        i += n;
    }
    const float height = y + line_h;
    sel.anchor = std::min(sel.anchor, text.size());
    sel.caret = std::min(sel.caret, text.size());

    ImGui::InvisibleButton(id, ImVec2(width, height));
    auto hit = [&](ImVec2 m) -> std::size_t {
        std::size_t best = text.size();
        for (const Glyph& g : glyphs) {
            if (m.y < g.pos.y || m.y >= g.pos.y + line_h) continue;
            if (m.x < g.pos.x + g.w * 0.5f) return g.at;
            best = g.at + g.len;
        }
        if (!glyphs.empty() && m.y < glyphs.front().pos.y) return 0;
        return best;
    };
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ImGui::IsItemActivated()) {
        sel.anchor = sel.caret = hit(mouse);
        sel.dragging = true;
    }
    if (sel.dragging) {
        sel.caret = hit(mouse);
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) sel.dragging = false;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), to_u32(p.surface), 4.0f);
    for (const Glyph& g : glyphs) {
        const bool in = g.at >= sel.begin() && g.at < sel.end();
        if (in) dl->AddRectFilled(g.pos, ImVec2(g.pos.x + g.w, g.pos.y + line_h), to_u32(p.accent, 0.35f));
        if (g.w > 0) dl->AddText(g.pos, to_u32(p.text), text.data() + g.at, text.data() + g.at + g.len);
    }
    if (trace) {
        std::printf("AUTHOR TEXT %s %.0f %.0f %.0f %.0f %.1f\n", id, origin.x, origin.y, width, height, ImGui::CalcTextSize("\u3042").x);
        std::fflush(stdout);
    }
}

} // namespace kiosk::ui
