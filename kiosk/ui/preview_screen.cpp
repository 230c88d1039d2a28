// Trainers' preview: the scenario as a learner sees it, its scoring and rationale; a broken save shows the diagnostics.
#include "preview_screen.hpp"

#include "question_view.hpp"
#include "review_view.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

#include "core/glyph_text.hpp"
#include "core/scenario_loader.hpp"
#include "core/scoring.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace kiosk::ui {

namespace {

constexpr double kPollSeconds = 0.4;  // a saved file shows within a second

class PreviewScreen final : public Screen {
public:
    explicit PreviewScreen(std::string file) : file_(std::move(file)) {}

    void on_enter(UiContext& ctx) override { reload(ctx); }

    double seconds_until_due() const override { return kPollSeconds; }

    void draw(UiContext& ctx) override {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_poll_ >= std::chrono::duration<double>(kPollSeconds)) {
            last_poll_ = now;
            std::error_code ec;
            const auto stamp = fs::last_write_time(file_, ec);
            const auto size = fs::file_size(file_, ec);
            if (stamp != stamp_ || size != size_) reload(ctx);
        }
        const Palette& p = ctx.palette();
        const float u = unit();
        heading(ctx.tr("preview.title"));
        muted(file_ + "　" + reloaded_);
        if (!loaded_) {
            text_coloured(ctx.tr("preview.errors"), p.wrong);
            ImGui::BeginChild("##diags", ImVec2(0, 0), true);
            touch_scroll();
            ImGui::PushTextWrapPos(0.0f);
            for (const auto& d : diagnostics_) text_coloured(d.format(), d.severity == Severity::error ? p.wrong : p.text_muted);
            ImGui::PopTextWrapPos();
            ImGui::EndChild();
            return;
        }
        for (const auto& d : diagnostics_) text_coloured(d.format(), p.text_muted);  // warnings
        ImGui::BeginChild("##preview", ImVec2(0, -(big_button_height() + 24 * u)), false);
        touch_scroll();
        ImGui::PushTextWrapPos(0.0f);
        if (scored_) {
            draw_review(ctx, scenario_, {}, response_, score_, false);
        } else {
            const QuestionAction a = draw_question(ctx, scenario_, {}, draft_);
            if (a == QuestionAction::submit && scenario_.type == ItemType::branching) mark();
        }
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        if (!scored_ && button(ctx.tr("preview.score") + "##score", ButtonKind::primary, 0, big_button_height())) mark();
        ImGui::SameLine();
        if (button(ctx.tr("preview.reset") + "##reset", ButtonKind::secondary, 0, big_button_height())) {
            scored_ = false;
            draft_.reset(scenario_);
        }
    }

private:
    void mark() {
        response_.selected = draft_.selected;
        response_.path = draft_.path;
        score_ = score(scenario_, response_);
        scored_ = true;
        std::printf("PREVIEW scored %d/%d\n", score_.points, score_.max);
        std::fflush(stdout);
    }

    void reload(UiContext& ctx) {
        std::error_code ec;
        stamp_ = fs::last_write_time(file_, ec);
        size_ = fs::file_size(file_, ec);
        std::ifstream in(file_, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        diagnostics_.clear();
        Scenario s;
        loaded_ = in.good() || in.eof() ? parse_scenario(ss.str(), file_, ctx.content.guideline, s, diagnostics_) : false;
        if (!in && !in.eof()) diagnostics_.push_back({Severity::error, file_, 0, 0, "", "cannot read the file", "check the path"});
        // A character no installed font has is named with its place, never left to show as a blank.
        if (ctx.font_has && loaded_)
            for (auto& d : unshowable_characters(file_, ss.str(), ctx.font_has)) diagnostics_.push_back(std::move(d));
        std::string glyphs;
        for (const auto& d : diagnostics_) glyphs += d.format();
        if (loaded_) {
            // Keep the trainer's answer when only wording changed; start afresh when the item changed shape.
            const bool same_shape = scenario_.id == s.id && scenario_.type == s.type && scenario_.options.size() == s.options.size();
            scenario_ = std::move(s);
            if (!same_shape) {
                draft_.reset(scenario_);
                scored_ = false;
            }
            std::string heading_text;
            append_glyph_text(scenario_, glyphs, heading_text);
            glyphs += heading_text;
        }
        ctx.add_glyphs(glyphs);
        const std::time_t t = std::time(nullptr);
        char buf[16];
        std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&t));
        reloaded_ = ctx.trf("preview.reloaded", {{"time", buf}});
        std::printf("PREVIEW %s %zu\n", loaded_ ? "loaded" : "broken", diagnostics_.size());
        std::fflush(stdout);
    }

    std::string file_;
    fs::file_time_type stamp_{};
    std::uintmax_t size_ = 0;
    std::chrono::steady_clock::time_point last_poll_{};
    bool loaded_ = false;
    std::vector<Diagnostic> diagnostics_;
    Scenario scenario_;
    AnswerDraft draft_;
    bool scored_ = false;
    Response response_;
    ItemScore score_;
    std::string reloaded_;
};

} // namespace

std::unique_ptr<Screen> make_preview_screen(const std::string& file, const std::string& /*content_dir*/) {
    return std::make_unique<PreviewScreen>(file);
}

} // namespace kiosk::ui
