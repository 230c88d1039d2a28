// Implementation of the kiosk widgets; all text goes through TextUnformatted-style calls.
#include "widgets.hpp"

#include <imgui_internal.h>

#include "theme.hpp"
#include "ui_trace.hpp"
#include "wrapped_text.hpp"

#include "core/glyph_text.hpp"
#include "core/line_break.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace kiosk::ui {

namespace {
Palette& palette_storage() {
    static Palette p = standard_palette();  // the shell sets it each frame; widgets only read it
    return p;
}

// Next UTF-8 code point length.
std::size_t utf8_len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) return 2;
    if ((c >> 4) == 0xe) return 3;
    if ((c >> 3) == 0x1e) return 4;
    return 1;
}

} // namespace

void set_widget_palette(const Palette& p) { palette_storage() = p; }
const Palette& widget_palette() { return palette_storage(); }

// From the body font (font 0), not the current one: a heading font pushed around a button must not make its minimum
// size or spacing grow.
// Tests see a control only when the whole of it is on screen (not scrolled away or half hidden), as a person would.
static void trace_if_whole(const std::string& label, ImVec2 min, ImVec2 max) {
    if (!trace_enabled()) return;
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    const float slack = 1.0f;
    if (min.x >= clip.Min.x - slack && min.y >= clip.Min.y - slack && max.x <= clip.Max.x + slack && max.y <= clip.Max.y + slack)
        trace_item(label, min.x, min.y, max.x, max.y);
}

float unit() {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return (atlas->Fonts.Size > 0 ? atlas->Fonts[0]->FontSize : ImGui::GetFontSize()) / 24.0f;
}
namespace {
float g_display_scale = 1.0f;
}

void set_display_scale(float scale) { g_display_scale = scale > 0 ? scale : 1.0f; }

// 44 px at 96 dpi, scaled with the monitor (WCAG 2.5.5), not with the text size: large text makes controls larger
// through their labels, and a short screen at 200 % keeps room for content.
float min_target() { return 44.0f * g_display_scale; }

float big_button_height() {
    return std::max(min_target() * 1.4f, ImGui::GetFontSize() + ImGui::GetStyle().FramePadding.y * 2 + 8 * unit());
}

float wrapped_height(const std::string& s, float width, ImFont* font) {
    if (font) ImGui::PushFont(font);
    const float h = wrapped_text_size(s, width).y;
    if (font) ImGui::PopFont();
    return h;
}

namespace {
struct ViewClock {
    double born = -1.0;           // ImGui time of the view's first frame
    double last_accepted = -1.0;  // ImGui time of the last accepted guarded tap
    bool first_frame = false;
};
ViewClock& view_clock() {
    static ViewClock c;  // one ImGui context per process; reset with each view
    return c;
}
} // namespace

void start_view() {
    ViewClock& c = view_clock();
    c.born = ImGui::GetTime();
    c.first_frame = true;
}

void end_frame_of_view() { view_clock().first_frame = false; }

bool tap_accepted(bool pressed) {
    if (!pressed) return false;
    ViewClock& c = view_clock();
    const double now = ImGui::GetTime();
    const bool young = c.born >= 0 && now - c.born < kTapGuardSeconds;
    const bool bounce = c.last_accepted >= 0 && now - c.last_accepted < kTapGuardSeconds;
    if (young || bounce) {
        std::printf("TAP ignored %s\n", young ? "young-view" : "bounce");  // test hook
        std::fflush(stdout);
        return false;
    }
    c.last_accepted = now;
    return true;
}

void touch_scroll() {
    if (view_clock().first_frame) ImGui::SetScrollY(0.0f);
    const ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows)) return;
    if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left, 10 * unit()) || io.MouseDelta.y == 0.0f) return;
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    if (ImGui::IsAnyItemActive()) ImGui::ClearActiveID();
}

bool compact_layout() {
    const float body = unit() * 24.0f;
    return ImGui::GetMainViewport()->WorkSize.y < 22.0f * body;
}

// The chrome never draws smaller than the 100 % body size of the monitor: a person who chose 200 % still reads it.
float chrome_font_scale() { return compact_layout() ? std::clamp(24.0f * g_display_scale / (unit() * 24.0f), 0.5f, 1.0f) : 1.0f; }
float footer_font_scale() { return compact_layout() ? std::clamp(1.25f * chrome_font_scale(), 0.6f, 1.0f) : 1.0f; }

void trace_reading_area() {
    if (!trace_enabled()) return;
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    trace_item("##reading_area", w->Pos.x, w->Pos.y, w->Pos.x + w->Size.x, w->Pos.y + w->Size.y);
}

float keypad_default_key() { return std::max(88.0f * unit(), min_target()); }

ImFont* heading_font() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : atlas->Fonts[0];
}

// Under a pushed wrap position the text wraps with the Japanese line-breaking rules, not ImGui's.
void text(const std::string& s) {
    if (ImGui::GetCurrentWindow()->DC.TextWrapPos >= 0.0f) wrapped_text_item(s);
    else ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
}

// Wraps at the wrap position the caller pushed, or at the window's edge when none is set (as ImGui::TextWrapped does,
// but without a printf format: data text is shown exactly as written, `%` included, at any length), breaking lines
// by the Japanese rules (core/line_break).
void text_wrapped(const std::string& s) { wrapped_text_item(s); }

void text_coloured(const std::string& s, Rgb colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_imgui(colour));
    text_wrapped(s);
    ImGui::PopStyleColor();
}

void heading(const std::string& s) {
    ImGui::PushFont(heading_font());
    text_wrapped(s);
    ImGui::PopFont();
}

void muted(const std::string& s) { text_coloured(s, widget_palette().text_muted); }

bool button(const std::string& label, ButtonKind kind, float width, float height) {
    const Palette& p = widget_palette();
    Rgb bg = p.button, fg = p.button_text;
    if (kind == ButtonKind::primary) { bg = p.accent; fg = p.accent_text; }
    if (kind == ButtonKind::danger) { bg = p.wrong; fg = p.accent_text; }
    ImGui::PushStyleColor(ImGuiCol_Button, to_imgui(bg));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_imgui(bg, 0.88f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, to_imgui(bg, 0.75f));
    ImGui::PushStyleColor(ImGuiCol_Text, to_imgui(fg));
    const ImVec2 text_size = ImGui::CalcTextSize(label.c_str(), nullptr, true);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = std::max({width, text_size.x + st.FramePadding.x * 2, min_target()});
    const float h = std::max({height, text_size.y + st.FramePadding.y * 2, min_target()});
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(w, h));
    trace_if_whole(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleColor(4);
    return pressed;
}

bool option_card(const std::string& id, const std::string& label, bool selected, Mark mark, float width) {
    const Palette& p = widget_palette();
    const ImGuiStyle& st = ImGui::GetStyle();
    const float mark_w = mark == Mark::none ? 0.0f : ImGui::GetFontSize() * 1.6f;
    const float pad = st.FramePadding.x;
    const float wrap = width - pad * 2 - mark_w;
    const ImVec2 ts = wrapped_text_size(label, wrap);
    const float h = std::max(ts.y + st.FramePadding.y * 2.4f, min_target() * 1.2f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(id.c_str());
    const bool pressed = tap_accepted(ImGui::InvisibleButton("##card", ImVec2(width, h)));
    trace_if_whole(label, pos, ImVec2(pos.x + width, pos.y + h));
    const bool hovered = ImGui::IsItemHovered();
    const bool focused = ImGui::IsItemFocused();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + width, pos.y + h);
    const Rgb bg = selected ? p.selected : p.surface;
    const Rgb fg = selected ? p.selected_text : p.text;
    dl->AddRectFilled(pos, end, to_u32(bg, hovered && !selected ? 0.92f : 1.0f), st.FrameRounding);
    dl->AddRect(pos, end, to_u32(selected ? p.accent : p.border), st.FrameRounding, 0, selected ? 3.0f * unit() : 1.0f * unit());
    if (focused) dl->AddRect(ImVec2(pos.x - 3 * unit(), pos.y - 3 * unit()), ImVec2(end.x + 3 * unit(), end.y + 3 * unit()), to_u32(p.focus), st.FrameRounding, 0, 3.0f * unit());
    if (mark != Mark::none) {
        const float r = ImGui::GetFontSize() * 0.45f;
        const ImVec2 c(pos.x + pad + r, pos.y + h * 0.5f);
        if (mark == Mark::radio) {
            dl->AddCircle(c, r, to_u32(fg), 24, 2.0f * unit());
            if (selected) dl->AddCircleFilled(c, r * 0.55f, to_u32(p.accent), 24);
        } else {
            dl->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), to_u32(fg), 3 * unit(), 0, 2.0f * unit());
            if (selected) {
                dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), to_u32(p.accent), 3 * unit());
                dl->AddLine(ImVec2(c.x - r * 0.55f, c.y), ImVec2(c.x - r * 0.1f, c.y + r * 0.45f), to_u32(p.accent_text), 3 * unit());
                dl->AddLine(ImVec2(c.x - r * 0.1f, c.y + r * 0.45f), ImVec2(c.x + r * 0.6f, c.y - r * 0.5f), to_u32(p.accent_text), 3 * unit());
            }
        }
    }
    add_wrapped_text(dl, ImVec2(pos.x + pad + mark_w, pos.y + (h - ts.y) * 0.5f), to_u32(fg), label, wrap);
    return pressed;
}

int post_card(const Post& post, Lang lang, const std::vector<PostSpan>& spans, bool interactive) {
    const Palette& p = widget_palette();
    const float u = unit();
    const float width = ImGui::GetContentRegionAvail().x;
    const float pad = 18 * u;
    const float avatar = 52 * u;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float text_x = origin.x + pad + avatar + 14 * u;
    const float text_w = origin.x + width - pad - text_x;
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    // Three layers: the card's background (0), the marks of the tappable phrases (1), the text (2). The background is
    // drawn last, when the card's height is known, so it must go under the marks, not over them.
    dl->ChannelsSplit(3);
    dl->ChannelsSetCurrent(2);

    // Header: avatar circle with the first letter, display name, @account, ward badge.
    // Emoji beyond the BMP cannot be in the atlas: shown as bracketed words (core/glyph_text).
    const std::string name = emoji_as_words(post.display_name.get(lang), lang);
    const ImVec2 av_c(origin.x + pad + avatar * 0.5f, origin.y + pad + avatar * 0.5f);
    dl->AddCircleFilled(av_c, avatar * 0.5f, to_u32(post.official ? p.accent : p.text_muted), 40);
    if (!name.empty()) {
        const std::size_t n = utf8_len(static_cast<unsigned char>(name[0]));
        const ImVec2 ls = ImGui::CalcTextSize(name.c_str(), name.c_str() + n);
        dl->AddText(ImVec2(av_c.x - ls.x * 0.5f, av_c.y - ls.y * 0.5f), to_u32(p.accent_text), name.c_str(), name.c_str() + n);
    }
    float y = origin.y + pad;
    dl->AddText(ImVec2(text_x, y), to_u32(p.text), name.c_str(), name.c_str() + name.size());
    float x_after = text_x + ImGui::CalcTextSize(name.c_str(), name.c_str() + name.size()).x + 10 * u;
    if (post.official) {
        const float r = ImGui::GetFontSize() * 0.4f;
        const ImVec2 c(x_after + r, y + ImGui::GetFontSize() * 0.5f);
        dl->AddCircleFilled(c, r, to_u32(p.accent), 20);
        dl->AddLine(ImVec2(c.x - r * 0.45f, c.y), ImVec2(c.x - r * 0.1f, c.y + r * 0.4f), to_u32(p.accent_text), 2 * u);
        dl->AddLine(ImVec2(c.x - r * 0.1f, c.y + r * 0.4f), ImVec2(c.x + r * 0.5f, c.y - r * 0.4f), to_u32(p.accent_text), 2 * u);
        x_after += r * 2 + 10 * u;
    }
    const std::string handle = "@" + post.account;
    dl->AddText(ImVec2(x_after, y), to_u32(p.text_muted), handle.c_str(), handle.c_str() + handle.size());
    y += line_h + 6 * u;

    // Body: laid out token by token so that spans can be highlighted and tapped where they stand.
    const std::string body = emoji_as_words(post.text.get(lang), lang);
    struct Piece { std::size_t begin, end; int span; };
    std::vector<int> owner(body.size(), -1);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::string phrase = emoji_as_words(spans[i].text, lang);
        if (phrase.empty()) continue;
        const std::size_t at = body.find(phrase);
        if (at == std::string::npos) continue;
        for (std::size_t k = at; k < at + phrase.size(); ++k) owner[k] = static_cast<int>(i);
    }
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    float x = text_x;
    int clicked = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool click = interactive && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::IsWindowHovered();
    // Where a line may break (core/line_break: no line starts with 。」, numbers and English words stay whole).
    std::vector<bool> break_before(body.size() + 1, true);
    std::uint32_t prev2 = 0, prev1 = 0;
    for (std::size_t i = 0, at = 0; i < body.size(); at = i) {
        const std::uint32_t c = next_code_point(body, i);
        for (std::size_t k = at + 1; k < i; ++k) break_before[k] = false;
        if (at > 0) break_before[at] = line_break_allowed(prev2, prev1, c) || body[at - 1] == '\n';
        prev2 = prev1;
        prev1 = c;
    }
    for (std::size_t i = 0; i < body.size();) {
        if (body[i] == '\n') { x = text_x; y += line_h; ++i; continue; }
        // A token: from one break opportunity to the next, within one span; a space travels with the text before it.
        std::size_t j = i + utf8_len(static_cast<unsigned char>(body[i]));
        while (j < body.size() && !break_before[j] && body[j] != '\n' && owner[j] == owner[i]) ++j;
        j = std::min(j, body.size());
        const float w = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, body.c_str() + i, body.c_str() + j).x;
        if (x + w > text_x + text_w && x > text_x) { x = text_x; y += line_h; if (body[i] == ' ') { ++i; continue; } }
        const int span = owner[i];
        Rgb fg = p.text;
        if (span >= 0) {
            const bool sel = spans[static_cast<std::size_t>(span)].selected;
            const ImVec2 a(x, y - 2 * u), b(x + w, y + fs + 2 * u);
            dl->ChannelsSetCurrent(1);
            if (sel) dl->AddRectFilled(a, b, to_u32(p.highlight));
            else if (interactive) {
                // A tappable phrase: a light tint and a solid underline, so a learner sees what can be tapped.
                dl->AddRectFilled(a, b, to_u32(p.accent, 0.10f));
                dl->AddLine(ImVec2(a.x, b.y), b, to_u32(p.accent), 2 * u);
            }
            dl->ChannelsSetCurrent(2);
            if (sel) fg = p.highlight_text;
            if (click && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) clicked = span;
        }
        dl->AddText(font, fs, ImVec2(x, y), to_u32(fg), body.c_str() + i, body.c_str() + j);
        x += w;
        i = j;
    }
    y += line_h;

    if (!post.image.empty()) {
        const std::string desc = emoji_as_words(post.image.get(lang), lang);
        const float ih = wrapped_text_size(desc, text_w - 24 * u).y + 24 * u;
        dl->AddRectFilled(ImVec2(text_x, y + 4 * u), ImVec2(text_x + text_w, y + 4 * u + ih), to_u32(p.background), 8 * u);
        dl->AddRect(ImVec2(text_x, y + 4 * u), ImVec2(text_x + text_w, y + 4 * u + ih), to_u32(p.border), 8 * u);
        add_wrapped_text(dl, ImVec2(text_x + 12 * u, y + 16 * u), to_u32(p.text_muted), desc, text_w - 24 * u);
        y += ih + 12 * u;
    }
    for (const auto& r : post.replies) {
        y += 8 * u;
        dl->AddLine(ImVec2(text_x, y), ImVec2(text_x + text_w, y), to_u32(p.border), 1 * u);
        y += 8 * u;
        const std::string who = emoji_as_words(r.display_name.get(lang), lang) + "  @" + r.account;
        dl->AddText(ImVec2(text_x + 20 * u, y), to_u32(p.text_muted), who.c_str(), who.c_str() + who.size());
        y += line_h;
        const std::string rt = emoji_as_words(r.text.get(lang), lang);
        const float rh = add_wrapped_text(dl, ImVec2(text_x + 20 * u, y), to_u32(p.text), rt, text_w - 20 * u).y;
        y += rh + 4 * u;
    }
    const float height = std::max(y - origin.y + pad, avatar + pad * 2);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), to_u32(p.surface), 12 * u);
    dl->AddRect(origin, ImVec2(origin.x + width, origin.y + height), to_u32(p.border), 12 * u, 0, 1.5f * u);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(width, height));
    return clicked;
}

bool keypad(std::string& digits, std::size_t max_length, const std::string& ok_label, const std::string& clear_label,
            float key_height) {
    const float u = unit();
    const float key = key_height > 0 ? std::max(key_height, min_target()) : keypad_default_key();
    const float gap = 12 * u;
    static const char* labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    bool ok = false;
    // Big digits when the keys are tall enough for them; tight padding so a small key still holds its label.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8 * u, 2 * u));
    const bool big = heading_font()->FontSize + 8 * u <= key;
    ImGui::PushFont(big ? heading_font() : ImGui::GetFont());
    for (int row = 0; row < 3; ++row) {
        for (int col = 0; col < 3; ++col) {
            const char* l = labels[row * 3 + col];
            if (col) ImGui::SameLine(0, gap);
            if (button(l, ButtonKind::secondary, key * 1.4f, key) && digits.size() < max_length) digits += l;
        }
    }
    if (button(clear_label, ButtonKind::secondary, key * 1.4f, key)) digits.clear();
    ImGui::SameLine(0, gap);
    if (button("0", ButtonKind::secondary, key * 1.4f, key) && digits.size() < max_length) digits += "0";
    ImGui::SameLine(0, gap);
    if (button(ok_label, ButtonKind::primary, key * 1.4f, key)) ok = true;
    ImGui::PopFont();
    ImGui::PopStyleVar();
    return ok;
}

void score_bar(const std::string& label, float fraction, const std::string& value_text, Rgb fill) {
    const Palette& p = widget_palette();
    const float u = unit();
    const float width = ImGui::GetContentRegionAvail().x;
    const float label_w = width * 0.42f;
    const float bar_w = width - label_w - 120 * u;
    const float h = ImGui::GetFontSize() * 1.2f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 ls = wrapped_text_size(label, label_w - 10 * u);
    const float row_h = std::max(h, ls.y);
    add_wrapped_text(dl, pos, to_u32(p.text), label, label_w - 10 * u);
    const ImVec2 a(pos.x + label_w, pos.y + (row_h - h) * 0.5f);
    dl->AddRectFilled(a, ImVec2(a.x + bar_w, a.y + h), to_u32(p.button), 6 * u);
    dl->AddRectFilled(a, ImVec2(a.x + bar_w * std::clamp(fraction, 0.0f, 1.0f), a.y + h), to_u32(fill), 6 * u);
    dl->AddRect(a, ImVec2(a.x + bar_w, a.y + h), to_u32(p.border), 6 * u);
    dl->AddText(ImVec2(a.x + bar_w + 12 * u, pos.y + (row_h - ImGui::GetFontSize()) * 0.5f), to_u32(p.text), value_text.c_str(),
                value_text.c_str() + value_text.size());
    ImGui::Dummy(ImVec2(width, row_h));
}

} // namespace kiosk::ui
