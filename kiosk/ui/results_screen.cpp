// Results: score, pass or not, per-section bars, the clauses to revisit, the completion code, a review of every item.
#include "receipt_view.hpp"
#include "review_view.hpp"
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

#include "core/attestation.hpp"
#include "core/dates.hpp"
#include "core/session.hpp"

#include <cmath>
#include <cstdio>
#include <random>

namespace kiosk::ui {

namespace {

class ResultsScreen final : public Screen {
public:
    void on_enter(UiContext& ctx) override {
        message_.clear();
        attest_due_ = false;
        attested_at_ = 0;
        if (Session* s = ctx.person.session.get(); s && ctx.store && s->completion()) {
            try {
                attest_due_ = attestation_due(ctx.store->handle(), s->attempt().staff_id, ctx.content.guideline.hash);
            } catch (const StoreError&) {
            }
        }
        // Test hook: the figures on screen, so end-to-end tests can compare them with the database.
        if (Session* s = ctx.person.session.get(); s && s->state() == Session::State::finished) {
            const AttemptResult& r = s->result();
            std::printf("RESULT points=%d max=%d passed=%d completed=%d code=%s\n", r.points, r.max, r.passed ? 1 : 0, r.completed ? 1 : 0,
                        s->completion() ? s->completion()->code.c_str() : "");
            std::fflush(stdout);
            receipt_.prepare(ctx, *s);
        }
    }
    void forget() override {
        receipt_.clear();
        message_.clear();
        attest_due_ = false;
        attested_at_ = 0;
    }

    void draw(UiContext& ctx) override {
        Session* session = ctx.person.session.get();
        if (!session || session->state() != Session::State::finished) {
            ctx.go(ScreenId::home);
            return;
        }
        const AttemptResult& r = session->result();
        const Course& course = session->course();
        const Palette& p = ctx.palette();
        const float u = unit();
        const Lang l = ctx.settings.lang;

        ImGui::BeginChild("##results", ImVec2(0, -(big_button_height() + 24 * u)), false);
        touch_scroll();
        ImGui::PushTextWrapPos(0.0f);
        muted(ctx.t(course.title));
        heading(ctx.tr("results.title"));
        const int percent = static_cast<int>(std::floor(r.percent + 1e-9));
        ImGui::PushFont(heading_font());
        // The figures that decided the attempt: marks earned of the attempt's marks (each item by its mark, not its points).
        auto marks = [](double v) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2f", v);
            std::string out = buf;
            while (out.back() == '0') out.pop_back();
            if (out.back() == '.') out.pop_back();
            return out;
        };
        text(ctx.trf("results.score", {{"points", marks(r.marks)}, {"max", marks(r.max_marks)}, {"percent", std::to_string(percent)}}));
        ImGui::PopFont();
        if (!course.records_completion) muted(ctx.tr("results.practice"));
        if (r.passed) {
            ImGui::PushFont(heading_font());
            text_coloured(ctx.tr("mark.correct") + " " + ctx.tr("results.passed"), p.correct);
            ImGui::PopFont();
        } else {
            text_coloured(ctx.trf("results.failed", {{"pass", std::to_string(course.pass_percent)}}), p.wrong);
        }
        if (const auto& c = session->completion()) {
            ImGui::Spacing();
            text(ctx.tr("results.completion_code"));
            ImGui::PushFont(heading_font());
            text_coloured(c->code, p.accent);
            ImGui::PopFont();
            muted(ctx.tr("results.completion_code_hint"));
            if (c->valid_until > 0) text(ctx.trf("results.valid_until", {{"date", format_date(c->valid_until, l)}}));
            receipt_.draw(ctx);
            if (attest_due_ || attested_at_) attestation(ctx, *session);
        }
        if (!message_.empty()) text_coloured(message_, p.wrong);

        ImGui::Spacing();
        heading(ctx.tr("results.by_section"));
        for (const auto& s : r.sections) {
            const Clause* c = ctx.content.guideline.find(s.clause_id);
            const std::string label = c ? c->label + " " + (c->title.empty() ? ctx.t(c->short_title) : ctx.t(c->title)) : s.clause_id;
            const float f = static_cast<float>(s.ratio());
            score_bar(label, f, std::to_string(static_cast<int>(std::lround(f * 100))) + "%", f >= course.pass_percent / 100.0f ? p.correct : p.wrong);
        }

        ImGui::Spacing();
        heading(ctx.tr("results.missed"));
        if (r.missed_clauses.empty()) text(ctx.tr("results.no_missed"));
        for (const auto& id : r.missed_clauses) {
            ImGui::PushID(id.c_str());
            if (option_card("missed", clause_caption_for(ctx, id), false, Mark::none, ImGui::GetContentRegionAvail().x)) ctx.open_guideline(id);
            ImGui::PopID();
        }

        ImGui::Spacing();
        heading(ctx.tr("results.review"));
        for (std::size_t i = 0; i < session->items().size(); ++i) {
            const Scenario& item = *session->items()[i];
            const auto score = session->item_score(i);
            const auto& response = session->response(i);
            ImGui::PushID(static_cast<int>(i));
            std::string head = std::to_string(i + 1) + ". " + (score && score->correct() ? ctx.tr("mark.correct") : ctx.tr("mark.wrong")) + " " +
                               ctx.t(item.title);
            if (score) head += "  (" + std::to_string(score->points) + "/" + std::to_string(score->max) + ")";
            if (ImGui::CollapsingHeader((head + "##rev").c_str())) {
                ImGui::Indent(12 * u);
                if (response && score) draw_review(ctx, item, session->option_order(i), *response, *score, true);
                ImGui::Unindent(12 * u);
            }
            ImGui::PopID();
        }
        ImGui::PopTextWrapPos();
        ImGui::EndChild();

        if (button(ctx.tr("results.again") + "##again", ButtonKind::primary, 0, big_button_height())) again(ctx, course);
        ImGui::SameLine();
        if (button(ctx.tr("results.home") + "##home", ButtonKind::secondary, 0, big_button_height())) {
            ctx.person.session.reset();
            ctx.go(ScreenId::home);
        }
        ImGui::SameLine();
        if (button(ctx.tr("results.sign_out") + "##results_signout", ButtonKind::secondary, 0, big_button_height())) ctx.request_sign_out();
    }

private:
    static std::string clause_caption_for(UiContext& ctx, const std::string& id) {
        const Clause* c = ctx.content.guideline.find(id);
        return c ? c->label + " " + ctx.t(c->short_title) : id;
    }

    // After a pass: the learner confirms the exact guideline version once (again when the guideline changes).
    void attestation(UiContext& ctx, const Session& session) {
        ImGui::Spacing();
        heading(ctx.tr("results.attest_title"));
        text_wrapped(attestation_statement(ctx.content.guideline, ctx.settings.lang));
        if (attested_at_) {
            text_coloured(ctx.trf("results.attest_done", {{"date", format_date(attested_at_, ctx.settings.lang)}}), ctx.palette().correct);
            return;
        }
        if (!button(ctx.tr("results.attest_button") + "##attest", ButtonKind::primary)) return;
        const Attestation a{session.attempt().staff_id, ctx.content.guideline.hash, guideline_version_label(ctx.content.guideline),
                            session.course().id, session.attempt().uuid, attestation_statement(ctx.content.guideline, ctx.settings.lang),
                            ctx.clock.now(), ""};
        try {
            record_attestation(*ctx.store, a);
            attested_at_ = a.at;
            attest_due_ = false;
        } catch (const StoreError& e) {
            message_ = ctx.trf("store.error", {{"reason", e.what()}});
        }
    }

    void again(UiContext& ctx, const Course& course) {
        std::random_device rd;
        const std::uint64_t seed = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
        try {
            const Course copy = course;  // the old session (and its course reference) is about to go
            ctx.person.session.reset();
            const Course* c = ctx.content.course(copy.id);
            ctx.person.session = Session::start(ctx.content, c ? *c : copy, ctx.person.learner, ctx.store, ctx.clock, seed, ctx.config.terminal_id);
            ctx.go(ScreenId::question);
        } catch (const StoreError& e) {
            message_ = ctx.trf("store.error", {{"reason", e.what()}});
            ctx.go(ScreenId::home);
        }
    }

    std::string message_;
    ReceiptView receipt_;
    bool attest_due_ = false;
    EpochMs attested_at_ = 0;
};

} // namespace

std::unique_ptr<Screen> make_results_screen() { return std::make_unique<ResultsScreen>(); }

} // namespace kiosk::ui
