// Attract screen: what the terminal shows between people. Never anything personal; static, so it costs no frames.
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

namespace {

class AttractScreen final : public Screen {
public:
    void draw(UiContext& ctx) override {
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float u = unit();
        const float w = std::min(avail.x * 0.85f, 1200 * u);
        const float x0 = (avail.x - w) * 0.5f;
        ImGui::SetCursorPos(ImVec2(x0, avail.y * 0.12f));
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(x0 + w);
        muted(ctx.tr("attract.ward"));
        heading(ctx.tr("attract.product"));
        ImGui::Spacing();
        text_wrapped(ctx.t(ctx.content.guideline.title) + "（" + ctx.t(ctx.content.guideline.effective_label) + "）");
        ImGui::Spacing();
        muted(ctx.tr("attract.audience"));
        ImGui::PopTextWrapPos();
        ImGui::Dummy(ImVec2(0, 30 * u));
        ImGui::PushFont(heading_font());
        if (button(ctx.tr("attract.touch_to_start"), ButtonKind::primary, w, std::max(min_target() * 2.2f, avail.y * 0.18f)))
            ctx.go(ScreenId::signin);
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0, 20 * u));
        ImGui::PushTextWrapPos(x0 + w);
        muted(ctx.tr("attract.privacy"));
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        // A tap anywhere on the screen starts, as the text says.
        if (ImGui::IsWindowHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !ImGui::IsAnyItemHovered())
            ctx.go(ScreenId::signin);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
            ctx.go(ScreenId::signin);
    }
};

} // namespace

std::unique_ptr<Screen> make_attract_screen() { return std::make_unique<AttractScreen>(); }

} // namespace kiosk::ui
