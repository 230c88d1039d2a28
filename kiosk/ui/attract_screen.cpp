// Attract screen: what the terminal shows between people. Never anything personal; static, so it costs no frames.
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

#include <algorithm>

namespace kiosk::ui {

namespace {

class AttractScreen final : public Screen {
public:
    void draw(UiContext& ctx) override {
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float u = unit();
        const float w = std::min(avail.x * 0.85f, 1200 * u);
        const float x0 = (avail.x - w) * 0.5f;
        const std::string ward = ctx.tr("attract.ward"), product = ctx.tr("attract.product");
        const std::string title = ctx.t(ctx.content.guideline.title) + "（" + ctx.t(ctx.content.guideline.effective_label) + "）";
        const std::string audience = ctx.tr("attract.audience"), privacy = ctx.tr("attract.privacy");
        const std::string start = ctx.tr("attract.touch_to_start");
        // Lay out to fit without scrolling: the start button and the privacy note always; the other lines while they fit
        // (at 200 % on 1280x720 the audience line and then the guideline's full title give way). The block is centred.
        const float sp = ImGui::GetStyle().ItemSpacing.y;
        const float min_button = min_target() * 1.4f;
        float must_h = wrapped_height(product, w, heading_font()) + wrapped_height(privacy, w) + sp * 4 + 8 * u + min_button;
        const float ward_h = wrapped_height(ward, w) + sp, title_h = wrapped_height(title, w) + sp * 2,
                    audience_h = wrapped_height(audience, w) + sp * 2;
        const bool show_ward = must_h + ward_h <= avail.y;
        if (show_ward) must_h += ward_h;
        const bool show_title = must_h + title_h <= avail.y;
        if (show_title) must_h += title_h;
        const bool show_audience = must_h + audience_h <= avail.y;
        if (show_audience) must_h += audience_h;
        const float text_h = must_h - min_button;
        const float gap = std::clamp((avail.y - must_h) * 0.08f, 4 * u, 30 * u);
        const float button_h = std::clamp(avail.y - text_h - 2 * gap, min_button, std::max(min_target() * 2.2f, avail.y * 0.18f));
        const float block_h = text_h + 2 * gap + button_h;
        ImGui::SetCursorPos(ImVec2(x0, std::max(0.0f, (avail.y - block_h) * 0.4f)));
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(x0 + w);
        if (show_ward) muted(ward);
        heading(product);
        if (show_title) {
            ImGui::Spacing();
            text_wrapped(title);
        }
        if (show_audience) {
            ImGui::Spacing();
            muted(audience);
        }
        ImGui::PopTextWrapPos();
        ImGui::Dummy(ImVec2(0, gap));
        ImGui::PushFont(heading_font());
        if (button(start, ButtonKind::primary, w, button_h)) ctx.go(ScreenId::signin);
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0, gap));
        ImGui::PushTextWrapPos(x0 + w);
        muted(privacy);
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
