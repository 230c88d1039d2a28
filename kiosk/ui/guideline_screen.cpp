// Guideline browser: every section and clause, Japanese and English side by side, opened at a clause from feedback or results.
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

namespace {

class GuidelineScreen final : public Screen {
public:
    void on_enter(UiContext& ctx) override {
        const Guideline& g = ctx.content.guideline;
        section_ = g.clauses.empty() ? std::string() : g.clauses.front().section;
        if (const Clause* c = g.find(ctx.guideline_focus)) section_ = c->section;
        scroll_to_ = ctx.guideline_focus;
    }
    void forget() override {
        section_.clear();
        scroll_to_.clear();
    }

    void draw(UiContext& ctx) override {
        const Guideline& g = ctx.content.guideline;
        const float u = unit();
        if (button(ctx.tr("common.back") + "##gl_back", ButtonKind::secondary)) ctx.go(ctx.guideline_return);
        ImGui::SameLine();
        heading(ctx.t(g.title));
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const bool narrow = avail.x < 1100 * u;
        const float list_w = narrow ? avail.x * 0.34f : avail.x * 0.26f;

        ImGui::BeginChild("##sections", ImVec2(list_w, 0), true);
        touch_scroll();
        for (const Clause* s : g.sections()) {
            std::string label = s->label + "  " + (s->title.empty() ? ctx.t(s->short_title) : ctx.t(s->title));
            if (option_card("sec" + s->id, label, s->id == section_, Mark::none, ImGui::GetContentRegionAvail().x)) {
                section_ = s->id;
                scroll_to_.clear();
                ImGui::SetScrollY(0);
            }
        }
        ImGui::EndChild();
        ImGui::SameLine();

        ImGui::BeginChild("##clauses", ImVec2(0, 0), true);
        touch_scroll();
        const bool side_by_side = ImGui::GetContentRegionAvail().x > 900 * u;
        for (const Clause& c : g.clauses) {
            if (c.section != section_) continue;
            ImGui::PushID(c.id.c_str());
            const bool focus = c.id == scroll_to_;
            if (focus) ImGui::SetScrollHereY(0.1f);
            const std::string title = c.label + "  " + (c.title.empty() ? ctx.t(c.short_title) : ctx.t(c.title));
            if (c.depth == 0) heading(title);
            else text_coloured(title, focus ? ctx.palette().focus : ctx.palette().accent);
            const Lang first = ctx.settings.lang;
            const Lang second = first == Lang::ja ? Lang::en : Lang::ja;
            if (side_by_side && ImGui::BeginTable("##pair", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                text_wrapped(c.text.get(first));
                ImGui::TableNextColumn();
                muted(c.text.get(second));
                ImGui::EndTable();
            } else {
                text_wrapped(c.text.get(first));
                muted(c.text.get(second));
            }
            ImGui::Separator();
            ImGui::PopID();
        }
        if (!scroll_to_.empty()) scroll_to_.clear();
        ImGui::EndChild();
    }

private:
    std::string section_;
    std::string scroll_to_;
};

} // namespace

std::unique_ptr<Screen> make_guideline_screen() { return std::make_unique<GuidelineScreen>(); }

} // namespace kiosk::ui
