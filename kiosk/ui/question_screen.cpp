// Question: one item of the attempt, progress, confirm before submitting; the answer is saved before the screen moves on.
#include "question_view.hpp"
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

#include "core/session.hpp"

#include <chrono>
#include <cstdio>

namespace kiosk::ui {

namespace {

class QuestionScreen final : public Screen {
public:
    void on_enter(UiContext& ctx) override {
        error_.clear();
        sync(ctx, /*force=*/true);
    }
    void forget() override {
        draft_ = {};
        error_.clear();
        saved_.clear();
        shown_ = -1;
        attempt_.clear();
        confirm_ = false;
    }

    void draw(UiContext& ctx) override {
        Session* session = ctx.person.session.get();
        if (!session || session->state() != Session::State::item) {
            ctx.go(session && session->state() == Session::State::finished ? ScreenId::results : ScreenId::home);
            return;
        }
        sync(ctx, false);
        const Scenario& item = session->current_item();
        const Palette& p = ctx.palette();
        const float u = unit();

        const std::size_t index = session->current_index();
        // On a short screen with large text (compact_layout) the course header scrolls away with the item and the button
        // row is drawn smaller, so that the reading area keeps at least half the screen.
        const bool compact = compact_layout();
        if (!compact) draw_progress(ctx, *session);
        const float fs = footer_font_scale();
        const float button_h = std::max(min_target(), big_button_height() * fs);
        const std::string& note = error_.empty() ? saved_ : error_;
        const float bottom_h = button_h + 24 * u * fs +
                               (note.empty() ? 0 : wrapped_height(note, ImGui::GetContentRegionAvail().x / fs) * fs + ImGui::GetStyle().ItemSpacing.y);
        ImGui::BeginChild("##item", ImVec2(0, -bottom_h), false);
        touch_scroll();
        trace_reading_area();
        if (compact) draw_progress(ctx, *session);
        ImGui::PushTextWrapPos(0.0f);
        const QuestionAction act = draw_question(ctx, item, session->option_order(index), draft_);
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        if (act == QuestionAction::submit && item.type == ItemType::branching) confirm_ = true;
        FooterScale footer(fs);

        if (!error_.empty()) text_coloured(error_, p.wrong);
        else if (!saved_.empty()) text_coloured(saved_, p.correct);
        const bool ready = item.type == ItemType::branching ? draft_.branch_finished(item) : true;
        // The way back to the menu: the attempt is suspended (every answer given is already saved) and can be resumed.
        if (button(ctx.tr("question.to_menu") + "##to_menu", ButtonKind::secondary, 0, button_h)) {
            to_menu(ctx, *session);
            return;
        }
        ImGui::SameLine(0, 24 * u);
        if (session->can_go_back()) {
            if (button(ctx.tr("question.previous") + "##prev", ButtonKind::secondary, 0, button_h)) {
                session->back();
                sync(ctx, true);
                return;
            }
            ImGui::SameLine();
        }
        if (ready) {
            const float bw = std::max(320 * u * fs, ImGui::GetContentRegionAvail().x * 0.35f);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw);
            if (tap_accepted(button(ctx.tr("question.submit") + "##submit", ButtonKind::primary, bw, button_h))) confirm_ = true;
        }
        if (confirm_) {
            ImGui::OpenPopup("##confirm");
            confirm_ = false;
        }
        draw_confirm(ctx, *session, item);
    }

private:
    // Progress: the course, 「3 / 12」 and a thin bar.
    static void draw_progress(UiContext& ctx, Session& session) {
        const Palette& p = ctx.palette();
        const float u = unit();
        const std::size_t total = session.items().size();
        const std::size_t index = session.current_index();
        text_coloured(ctx.trf("question.header", {{"course", ctx.t(session.course().title)},
                                                  {"current", std::to_string(index + 1)},
                                                  {"total", std::to_string(total)}}),
                      p.text_muted);
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, ImVec2(a.x + w, a.y + 6 * u), to_u32(p.button), 3 * u);
        dl->AddRectFilled(a, ImVec2(a.x + w * static_cast<float>(index) / static_cast<float>(total), a.y + 6 * u), to_u32(p.accent), 3 * u);
        ImGui::Dummy(ImVec2(w, 8 * u));
    }

    // A new item (or another attempt) starts with an empty draft.
    void sync(UiContext& ctx, bool force) {
        Session* s = ctx.person.session.get();
        if (!s || s->state() != Session::State::item) return;
        const int idx = static_cast<int>(s->current_index());
        if (force || idx != shown_ || attempt_ != s->attempt().uuid) {
            if (idx != shown_ || attempt_ != s->attempt().uuid) {
                error_.clear();
                saved_.clear();  // "saved" belongs to the item it was said of, not to the next one
            }
            shown_ = idx;
            attempt_ = s->attempt().uuid;
            draft_.reset(s->current_item());
            if (const auto& r = s->response(s->current_index())) draft_.selected = r->selected;
            shown_at_ = std::chrono::steady_clock::now();
            ctx.new_view();  // opens at the top, laid out before it is shown
            // Test hook: which item is on screen, so end-to-end tests can look up its answer key.
            std::printf("QUESTION %d/%zu id=%s\n", idx + 1, s->items().size(), s->current_item().id.c_str());
            std::fflush(stdout);
        }
    }

    void draw_confirm(UiContext& ctx, Session& session, const Scenario& item) {
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        const float u = unit();
        const float w = std::min(vp->WorkSize.x * 0.8f, 760 * u);
        ImGui::SetNextWindowSize(ImVec2(w, 0));
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        if (!ImGui::BeginPopupModal("##confirm", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                               ImGuiWindowFlags_NoSavedSettings))
            return;
        ImGui::PushTextWrapPos(0.0f);
        heading(ctx.tr("question.confirm_title"));
        if (item.type != ItemType::branching && draft_.selected.empty()) text_coloured(ctx.tr("question.none_selected_ok"), ctx.palette().wrong);
        muted(ctx.tr(session.can_go_back() ? "question.confirm_body_back" : "question.confirm_body"));
        const bool exam_end = session.course().feedback == FeedbackMode::exam && session.current_index() + 1 >= session.items().size();
        if (exam_end) draw_summary(ctx, session);
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        const float bw = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        if (button(ctx.tr("common.cancel") + "##confirm_no", ButtonKind::secondary, bw, min_target() * 1.3f)) ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        const bool yes = tap_accepted(button(ctx.tr("question.confirm_yes") + "##confirm_yes", ButtonKind::primary, bw, min_target() * 1.3f));
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
        if (yes) {
            ImGui::CloseCurrentPopup();
            submit(ctx, session);
        }
        ImGui::EndPopup();
    }

    // Before an exam is finished, as Moodle does: which items are answered and which are not yet.
    void draw_summary(UiContext& ctx, Session& session) const {
        const Palette& p = ctx.palette();
        const std::size_t total = session.items().size(), current = session.current_index();
        std::size_t answered = 0;
        std::string list;
        for (std::size_t i = 0; i < total; ++i) {
            const bool done = i == current ? !draft_.selected.empty() || !draft_.path.empty() : session.response(i).has_value();
            answered += done ? 1 : 0;
            if (!list.empty()) list += "　";
            list += ctx.trf(done ? "question.summary_answered" : "question.summary_open", {{"n", std::to_string(i + 1)}});
        }
        ImGui::Spacing();
        text_coloured(ctx.tr("question.summary_title"), p.accent);
        text_coloured(ctx.trf("question.summary_counts", {{"answered", std::to_string(answered)},
                                                          {"open", std::to_string(total - answered)},
                                                          {"total", std::to_string(total)}}),
                      answered < total ? p.wrong : p.text);
        muted(list);
    }

    void to_menu(UiContext& ctx, Session& session) {
        try {
            session.suspend();
        } catch (const StoreError& e) {
            error_ = ctx.trf("store.error", {{"reason", e.what()}});
            return;
        }
        std::printf("SUSPENDED %s\n", session.attempt().uuid.c_str());
        std::fflush(stdout);
        ctx.person.session.reset();
        ctx.go(ScreenId::home);
    }

    void submit(UiContext& ctx, Session& session) {
        Response r;
        r.selected = draft_.selected;
        r.path = draft_.path;
        const std::size_t index = session.current_index();
        try {
            session.answer(r);  // committed to disk before it returns
        } catch (const StoreError& e) {
            error_ = ctx.trf("question.saving_failed", {{"reason", e.what()}});
            saved_.clear();
            std::printf("SAVE failed\n");
            std::fflush(stdout);
            return;
        }
        error_.clear();
        saved_ = ctx.tr("question.saved");
        std::printf("SAVED %zu\n", index);
        std::fflush(stdout);
        switch (session.state()) {
        case Session::State::feedback: ctx.go(ScreenId::feedback); break;
        case Session::State::finished: ctx.go(ScreenId::results); break;
        case Session::State::item: sync(ctx, true); break;
        default: ctx.go(ScreenId::home); break;
        }
    }

    AnswerDraft draft_;
    std::string error_;
    std::string saved_;
    int shown_ = -1;
    std::string attempt_;
    bool confirm_ = false;
    std::chrono::steady_clock::time_point shown_at_;
};

} // namespace

std::unique_ptr<Screen> make_question_screen() { return std::make_unique<QuestionScreen>(); }

} // namespace kiosk::ui
