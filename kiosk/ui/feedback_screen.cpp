// Feedback (learning mode): right or wrong, why for each option, the rule quoted, a link into the guideline.
#include "review_view.hpp"
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

#include "core/session.hpp"

namespace kiosk::ui {

namespace {

class FeedbackScreen final : public Screen {
public:
    void draw(UiContext& ctx) override {
        Session* session = ctx.person.session.get();
        if (!session || session->state() != Session::State::feedback) {
            ctx.go(session && session->state() == Session::State::finished ? ScreenId::results : ScreenId::home);
            return;
        }
        const std::size_t i = session->current_index();
        const Scenario& item = session->current_item();
        const auto& response = session->response(i);
        const auto score = session->item_score(i);
        const float u = unit();
        // As on the question screen: on a short screen with large text the header scrolls away and the button row shrinks.
        const bool compact = compact_layout();
        auto header = [&] {
            muted(ctx.t(session->course().title) + "　" +
                  ctx.trf("question.progress", {{"current", std::to_string(i + 1)}, {"total", std::to_string(session->items().size())}}));
            heading(ctx.t(item.title));
        };
        if (!compact) header();
        const float fs = footer_font_scale();
        const float button_h = std::max(min_target(), big_button_height() * fs);
        ImGui::BeginChild("##review", ImVec2(0, -(button_h + 24 * u * fs)), false);
        touch_scroll();
        trace_reading_area();
        ImGui::PushTextWrapPos(0.0f);
        if (compact) header();
        if (response && score) draw_review(ctx, item, session->option_order(i), *response, *score, true);
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        FooterScale footer(fs);
        const bool last = i + 1 >= session->items().size();
        const float bw = std::max(320 * u * fs, ImGui::GetContentRegionAvail().x * 0.35f);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw);
        if (tap_accepted(button(ctx.tr(last ? "feedback.finish" : "feedback.next") + "##next", ButtonKind::primary, bw, button_h))) {
            try {
                session->next();
            } catch (const StoreError& e) {
                ctx.store_error = ctx.trf("store.error", {{"reason", e.what()}});
                return;
            }
            ctx.go(session->state() == Session::State::finished ? ScreenId::results : ScreenId::question);
        }
    }
};

} // namespace

std::unique_ptr<Screen> make_feedback_screen() { return std::make_unique<FeedbackScreen>(); }

} // namespace kiosk::ui
