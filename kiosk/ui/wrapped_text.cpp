// Measures and draws text line by line as core/line_break lays it out; ImGui draws each line unwrapped.
#include "wrapped_text.hpp"

#include "core/line_break.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <vector>

namespace kiosk::ui {

namespace {

struct Layout {
    std::vector<LineRange> lines;
    std::vector<float> widths;
    ImVec2 size{0, 0};
};

Layout lay_out(std::string_view s, float width, ImFont* font, float size) {
    const auto measure = [&](std::string_view piece) {
        return font->CalcTextSizeA(size, FLT_MAX, 0.0f, piece.data(), piece.data() + piece.size()).x;
    };
    Layout l;
    l.lines = wrap_lines(s, width, measure);
    for (const LineRange& r : l.lines) {
        l.widths.push_back(measure(s.substr(r.begin, r.end - r.begin)));
        l.size.x = std::max(l.size.x, l.widths.back());
    }
    l.size.y = size * static_cast<float>(l.lines.size());
    return l;
}

void resolve(ImFont*& font, float& size) {
    if (!font) font = ImGui::GetFont();
    if (size <= 0.0f) size = font == ImGui::GetFont() ? ImGui::GetFontSize() : font->FontSize;
}

void draw(ImDrawList* dl, const Layout& l, std::string_view s, ImVec2 pos, ImU32 colour, ImFont* font, float size) {
    const ImVec4 clip = dl->_ClipRectStack.Size ? dl->_ClipRectStack.back() : ImVec4(-FLT_MAX, -FLT_MAX, FLT_MAX, FLT_MAX);
    for (std::size_t i = 0; i < l.lines.size(); ++i) {
        const float y = pos.y + size * static_cast<float>(i);
        if (y + size < clip.y || y > clip.w) continue;  // long texts in a scrolling child: draw only what shows
        const LineRange& r = l.lines[i];
        dl->AddText(font, size, ImVec2(pos.x, y), colour, s.data() + r.begin, s.data() + r.end);
    }
}

} // namespace

ImVec2 wrapped_text_size(std::string_view s, float width, ImFont* font, float size) {
    resolve(font, size);
    return lay_out(s, width, font, size).size;
}

ImVec2 add_wrapped_text(ImDrawList* dl, ImVec2 pos, ImU32 colour, std::string_view s, float width, ImFont* font, float size) {
    resolve(font, size);
    const Layout l = lay_out(s, width, font, size);
    draw(dl, l, s, pos, colour, font, size);
    return l.size;
}

void wrapped_text_item(std::string_view s) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    const float wrap_pos = std::max(window->DC.TextWrapPos, 0.0f);
    const float width = std::max(ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos), 1.0f);
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const Layout l = lay_out(s, width, font, size);
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + l.size.x, pos.y + l.size.y));
    ImGui::ItemSize(l.size, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return;
    draw(window->DrawList, l, s, pos, ImGui::GetColorU32(ImGuiCol_Text), font, size);
}

} // namespace kiosk::ui
