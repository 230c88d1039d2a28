// ImGui style from the palette: large paddings and rounded cards suited to a touch kiosk.
#include "theme.hpp"

namespace kiosk::ui {

float touch_target(float scale) { return 44.0f * scale; }

void apply_theme(const Palette& p, float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(24 * scale, 20 * scale);
    style.FramePadding = ImVec2(16 * scale, 10 * scale);
    style.ItemSpacing = ImVec2(14 * scale, 12 * scale);
    style.ItemInnerSpacing = ImVec2(10 * scale, 8 * scale);
    style.ScrollbarSize = 22 * scale;
    style.GrabMinSize = 22 * scale;
    style.WindowRounding = 0;
    style.ChildRounding = 10 * scale;
    style.FrameRounding = 8 * scale;
    style.PopupRounding = 8 * scale;
    style.ScrollbarRounding = 10 * scale;
    style.GrabRounding = 8 * scale;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.FrameBorderSize = 1;
    style.TouchExtraPadding = ImVec2(4 * scale, 4 * scale);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = to_imgui(p.text);
    c[ImGuiCol_TextDisabled] = to_imgui(p.text_muted);
    c[ImGuiCol_WindowBg] = to_imgui(p.background);
    c[ImGuiCol_ChildBg] = to_imgui(p.surface);
    c[ImGuiCol_PopupBg] = to_imgui(p.surface);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
    c[ImGuiCol_Border] = to_imgui(p.border);
    c[ImGuiCol_FrameBg] = to_imgui(p.surface);
    c[ImGuiCol_FrameBgHovered] = to_imgui(p.selected, 0.6f);
    c[ImGuiCol_FrameBgActive] = to_imgui(p.selected);
    c[ImGuiCol_Button] = to_imgui(p.button);
    c[ImGuiCol_ButtonHovered] = to_imgui(p.selected);
    c[ImGuiCol_ButtonActive] = to_imgui(p.selected);
    c[ImGuiCol_CheckMark] = to_imgui(p.accent);
    c[ImGuiCol_Header] = to_imgui(p.selected);
    c[ImGuiCol_HeaderHovered] = to_imgui(p.selected, 0.8f);
    c[ImGuiCol_HeaderActive] = to_imgui(p.selected);
    c[ImGuiCol_ScrollbarBg] = to_imgui(p.background);
    c[ImGuiCol_ScrollbarGrab] = to_imgui(p.border);
    c[ImGuiCol_ScrollbarGrabHovered] = to_imgui(p.text_muted);
    c[ImGuiCol_ScrollbarGrabActive] = to_imgui(p.text_muted);
    c[ImGuiCol_NavHighlight] = to_imgui(p.focus);
    c[ImGuiCol_Separator] = to_imgui(p.border);
    c[ImGuiCol_TableHeaderBg] = to_imgui(p.button);
    c[ImGuiCol_TableBorderStrong] = to_imgui(p.border);
    c[ImGuiCol_TableBorderLight] = to_imgui(p.border, 0.5f);
    c[ImGuiCol_TableRowBg] = to_imgui(p.surface);
    c[ImGuiCol_TableRowBgAlt] = to_imgui(p.background);
    c[ImGuiCol_PlotHistogram] = to_imgui(p.accent);
    ImGui::GetStyle() = style;
}

} // namespace kiosk::ui
