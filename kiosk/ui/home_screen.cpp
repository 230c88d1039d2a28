// Home: the courses open to the signed-in person with their state (not started, in progress, completed, due, overdue).
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

#include "core/course_status.hpp"
#include "core/dates.hpp"
#include "core/session.hpp"

#include <random>

namespace kiosk::ui {

namespace {

class HomeScreen final : public Screen {
public:
    void on_enter(UiContext& ctx) override { refresh(ctx); }
    void forget() override {
        ask_start_over_ = false;
        discard_course_ = nullptr;
        discard_attempt_ = {};
        statuses_.clear();
        last_.clear();
        message_.clear();
    }

    void draw(UiContext& ctx) override {
        const Palette& p = ctx.palette();
        const float u = unit();
        heading(ctx.tr("home.title"));
        if (!message_.empty()) text_coloured(message_, p.wrong);
        if (!ctx.store) text_coloured(ctx.tr("home.no_store"), p.wrong);
        ImGui::BeginChild("##courses", ImVec2(0, -(big_button_height() + 16 * u)), false);
        touch_scroll();
        const float w = ImGui::GetContentRegionAvail().x;
        for (std::size_t i = 0; i < ctx.content.courses.size() && i < statuses_.size(); ++i) draw_course(ctx, ctx.content.courses[i], statuses_[i], last_[i], w);
        ImGui::EndChild();
        if (button(ctx.tr("home.guideline") + "##home_gl", ButtonKind::secondary, 0, big_button_height())) ctx.open_guideline("");
        draw_start_over(ctx);
    }

private:
    // 最初からやり直す discards an attempt: only after this question, its two answers on opposite sides.
    void draw_start_over(UiContext& ctx) {
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        const float u = unit();
        if (ask_start_over_) ImGui::OpenPopup("##start_over");
        ask_start_over_ = false;
        ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.85f, 800 * u), 0));
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f), ImGuiCond_Always,
                                ImVec2(0.5f, 0.5f));
        if (!ImGui::BeginPopupModal("##start_over", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                                  ImGuiWindowFlags_NoSavedSettings))
            return;
        std::size_t answered = 0;
        if (ctx.store) {
            try { answered = ctx.store->responses(discard_attempt_.uuid).size(); } catch (const StoreError&) {}
        }
        ImGui::PushTextWrapPos(0.0f);
        heading(ctx.tr("home.start_over_title"));
        text_wrapped(ctx.trf("home.start_over_body", {{"answered", std::to_string(answered)}}));
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        const float bw = ImGui::GetContentRegionAvail().x * 0.4f;
        if (button(ctx.tr("home.start_over_keep") + "##start_over_no", ButtonKind::primary, bw, min_target() * 1.3f)) ImGui::CloseCurrentPopup();
        ImGui::SameLine(ImGui::GetContentRegionMax().x - bw);
        if (tap_accepted(button(ctx.tr("home.start_over_yes") + "##start_over_yes", ButtonKind::danger, bw, min_target() * 1.3f)) &&
            discard_course_) {
            ImGui::CloseCurrentPopup();
            begin(ctx, *discard_course_, &discard_attempt_);
        }
        ImGui::EndPopup();
    }

    void refresh(UiContext& ctx) {
        statuses_.clear();
        last_.clear();
        message_.clear();
        std::vector<CompletionRecord> completions;
        const std::string& staff = ctx.person.learner.staff_id;
        for (const Course& c : ctx.content.courses) {
            std::optional<AttemptRecord> open;
            if (ctx.store) {
                try {
                    if (completions.empty()) completions = ctx.store->completions(staff);
                    open = ctx.store->find_resumable(staff, c.id);
                    last_.push_back(ctx.store->last_finished(staff, c.id));
                } catch (const StoreError& e) {
                    message_ = ctx.trf("store.error", {{"reason", e.what()}});
                }
            }
            statuses_.push_back(course_status(c, completions, open, ctx.person.learner.hire_date, ctx.clock.now()));
            last_.resize(statuses_.size());
        }
    }

    static bool failed_last(const CourseStatus& st, const std::optional<AttemptRecord>& last) {
        return last && !last->passed && !st.open_attempt && st.completed_at < last->finished_at;
    }

    // The last finished attempt: when, the score, passed or not; after a fail, what to do next.
    void draw_last_attempt(UiContext& ctx, const Course& c, const CourseStatus& st, const std::optional<AttemptRecord>& last) const {
        if (!last || last->max_points <= 0) return;
        const Palette& p = ctx.palette();
        const int percent = last->points * 100 / last->max_points;
        const std::string verdict = last->passed ? ctx.tr("home.last_passed")
                                                 : ctx.trf("home.last_failed", {{"pass", std::to_string(c.pass_percent)}});
        text_coloured(ctx.trf("home.last_attempt", {{"date", format_date(last->finished_at, ctx.settings.lang)},
                                                    {"points", std::to_string(last->points)},
                                                    {"max", std::to_string(last->max_points)},
                                                    {"percent", std::to_string(percent)}}) +
                          "　" + verdict,
                      last->passed ? p.correct : p.wrong);
        if (failed_last(st, last)) text_coloured(ctx.tr("home.next_after_fail"), p.text);
    }

    std::string state_text(UiContext& ctx, const Course& c, const CourseStatus& st, const std::optional<AttemptRecord>& last) const {
        using S = CourseStatus::State;
        const Lang l = ctx.settings.lang;
        std::string s;
        switch (st.state) {
        case S::not_started: s = ctx.tr(failed_last(st, last) ? "home.state.not_passed" : "home.state.not_started"); break;
        case S::practice: s = ctx.tr("home.state.practice"); break;
        case S::in_progress: {
            std::size_t answered = 0;
            if (ctx.store && st.open_attempt) {
                try { answered = ctx.store->responses(st.open_attempt->uuid).size(); } catch (const StoreError&) {}
            }
            const std::size_t total = st.open_attempt ? st.open_attempt->item_ids.size() : 0;
            s = ctx.trf("home.state.in_progress", {{"answered", std::to_string(answered)}, {"total", std::to_string(total)}});
            break;
        }
        case S::completed: s = ctx.trf("home.state.completed", {{"date", format_date(st.completed_at, l)}}); break;
        case S::due_soon: s = ctx.trf("home.state.due", {{"date", format_date(st.due, l)}}); break;
        case S::overdue: s = ctx.trf("home.state.overdue", {{"date", format_date(st.due, l)}}); break;
        }
        if (st.completed_at > 0 && st.state != S::completed)
            s += "　" + ctx.trf("home.state.completed", {{"date", format_date(st.completed_at, l)}});
        if (st.valid_until > 0 && c.records_completion)
            s += "　" + ctx.trf("home.state.valid_until", {{"date", format_date(st.valid_until, l)}});
        return s;
    }

    void draw_course(UiContext& ctx, const Course& c, const CourseStatus& st, const std::optional<AttemptRecord>& last, float w) {
        using S = CourseStatus::State;
        const Palette& p = ctx.palette();
        const float u = unit();
        ImGui::PushID(c.id.c_str());
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        // Text on the left, the action buttons on the right, so a card stays short even at 200 % text.
        const ImGuiStyle& style = ImGui::GetStyle();
        const std::string primary_label = st.open_attempt ? ctx.tr("home.resume") : (st.completed_at > 0 || last) ? ctx.tr("home.retake") : ctx.tr("home.start");
        const std::string secondary_label = st.open_attempt ? ctx.tr("home.start_over") : std::string();
        auto width_of = [&](const std::string& l) { return l.empty() ? 0.0f : std::max(ImGui::CalcTextSize(l.c_str()).x + style.FramePadding.x * 2, min_target() * 2.5f); };
        const float buttons_w = std::max(width_of(primary_label), width_of(secondary_label));
        const float text_w = w - buttons_w - 80 * u;
        ImGui::SetCursorScreenPos(ImVec2(start.x + 20 * u, start.y + 16 * u));
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
        heading(ctx.t(c.title));
        text_wrapped(ctx.t(c.description));
        const std::size_t count = c.draw > 0 ? static_cast<std::size_t>(c.draw) : eligible_count(ctx, c);
        muted(ctx.trf("home.items", {{"count", std::to_string(count)}, {"minutes", std::to_string((count * 3 + 1) / 2 + 1)}}));
        const Rgb state_colour = st.state == S::overdue ? p.wrong : st.state == S::completed ? p.correct : p.text;
        text_coloured(state_text(ctx, c, st, last), state_colour);
        draw_last_attempt(ctx, c, st, last);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const float text_h = ImGui::GetItemRectSize().y;
        ImGui::SetCursorScreenPos(ImVec2(start.x + w - buttons_w - 20 * u, start.y + 16 * u));
        ImGui::BeginGroup();
        const bool can_start = ctx.store != nullptr;
        if (st.open_attempt) {
            if (button(primary_label + "##" + c.id, ButtonKind::primary, buttons_w) && can_start) resume(ctx, *st.open_attempt);
            // Well apart from 続きから再開, and asked again before anything is discarded.
            ImGui::Dummy(ImVec2(0, 28 * u));
            if (button(secondary_label + "##" + c.id, ButtonKind::secondary, buttons_w) && can_start) {
                discard_course_ = &c;
                discard_attempt_ = *st.open_attempt;
                ask_start_over_ = true;  // opened beside the modal's Begin, in the same ID scope
            }
        } else {
            if (button(primary_label + "##" + c.id, ButtonKind::primary, buttons_w) && can_start) begin(ctx, c, nullptr);
        }
        ImGui::EndGroup();
        const float buttons_h = ImGui::GetItemRectSize().y;
        const float h = std::max(text_h, buttons_h) + 32 * u;
        dl->ChannelsSetCurrent(0);
        const ImVec2 end(start.x + w, start.y + h);
        dl->AddRectFilled(start, end, to_u32(p.surface), 12 * u);
        dl->AddRect(start, end, to_u32(st.state == S::overdue ? p.wrong : p.border), 12 * u, 0, (st.state == S::overdue ? 3.0f : 1.0f) * u);
        dl->ChannelsMerge();
        ImGui::SetCursorScreenPos(start);
        ImGui::Dummy(ImVec2(w, h));
        ImGui::Spacing();
        ImGui::PopID();
    }

    std::size_t eligible_count(UiContext& ctx, const Course& c) const {
        return draw_items(c, ctx.content.scenarios, ctx.content.guideline, {}, 1).size();
    }

    void begin(UiContext& ctx, const Course& c, const AttemptRecord* replace) {
        try {
            if (replace) {
                std::string error;
                if (auto old = Session::resume(ctx.content, *ctx.store, replace->uuid, ctx.clock, error)) old->abandon();
                else ctx.store->set_attempt_state(replace->uuid, AttemptState::abandoned, ctx.clock.now());
            }
            std::random_device rd;
            const std::uint64_t seed = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
            ctx.person.session = Session::start(ctx.content, c, ctx.person.learner, ctx.store, ctx.clock, seed, ctx.config.terminal_id);
            ctx.go(ScreenId::question);
        } catch (const StoreError& e) {
            message_ = ctx.trf("store.error", {{"reason", e.what()}});
        }
    }

    void resume(UiContext& ctx, const AttemptRecord& a) {
        std::string error;
        try {
            ctx.person.session = Session::resume(ctx.content, *ctx.store, a.uuid, ctx.clock, error);
        } catch (const StoreError& e) {
            error = e.what();
        }
        if (!ctx.person.session) {
            message_ = ctx.trf("home.resume_failed", {{"reason", error}});
            return;
        }
        ctx.go(ctx.person.session->state() == Session::State::feedback ? ScreenId::feedback : ScreenId::question);
    }

    bool ask_start_over_ = false;
    const Course* discard_course_ = nullptr;  // the course whose open attempt 最初からやり直す would discard
    AttemptRecord discard_attempt_;
    std::vector<CourseStatus> statuses_;
    std::vector<std::optional<AttemptRecord>> last_;  // the last finished attempt at each course
    std::string message_;
};

} // namespace

std::unique_ptr<Screen> make_home_screen() { return std::make_unique<HomeScreen>(); }

} // namespace kiosk::ui
