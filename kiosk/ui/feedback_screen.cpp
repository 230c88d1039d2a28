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
        muted(ctx.t(session->course().title) + "　" +
              ctx.trf("question.progress", {{"current", std::to_string(i + 1)}, {"total", std::to_string(session->items().size())}}));
        heading(ctx.t(item.title));
        ImGui::BeginChild("##review", ImVec2(0, -(big_button_height() + 24 * u)), false);
        touch_scroll();
        ImGui::PushTextWrapPos(0.0f);
        if (response && score) draw_review(ctx, item, session->option_order(i), *response, *score, true);
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        const bool last = i + 1 >= session->items().size();
        const float bw = std::max(320 * u, ImGui::GetContentRegionAvail().x * 0.35f);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw);
        if (button(ctx.tr(last ? "feedback.finish" : "feedback.next") + "##next", ButtonKind::primary, bw, big_button_height())) {
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
