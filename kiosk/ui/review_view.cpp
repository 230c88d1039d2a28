// Review of an answered item: what was right, what was wrong, why, and which rule says so.
#include "review_view.hpp"

#include "question_view.hpp"
#include "theme.hpp"
#include "widgets.hpp"

#include <algorithm>

namespace kiosk::ui {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

void verdict(UiContext& ctx, const ItemScore& score) {
    const Palette& p = ctx.palette();
    const char* key = score.correct() ? "feedback.correct" : score.points > 0 ? "feedback.partial" : "feedback.wrong";
    const Rgb colour = score.correct() ? p.correct : score.points > 0 ? p.text : p.wrong;
    ImGui::PushFont(heading_font());
    text_coloured(ctx.tr(score.correct() ? "mark.correct" : "mark.wrong") + " " + ctx.tr(key), colour);
    ImGui::PopFont();
    muted(ctx.trf("common.points", {{"points", std::to_string(score.points)}, {"max", std::to_string(score.max)}}));
}

// One option line: its mark (chosen / should have been chosen), its text, and its rationale.
void option_line(UiContext& ctx, const std::string& label, bool chosen, bool correct, const std::string& rationale) {
    const Palette& p = ctx.palette();
    std::string tag;
    Rgb colour = p.text;
    if (chosen && correct) { tag = ctx.tr("mark.correct") + " " + ctx.tr("feedback.your_choice") + "・" + ctx.tr("feedback.is_correct"); colour = p.correct; }
    else if (chosen && !correct) { tag = ctx.tr("mark.wrong") + " " + ctx.tr("feedback.your_choice") + "・" + ctx.tr("feedback.is_wrong"); colour = p.wrong; }
    else if (!chosen && correct) { tag = ctx.tr("mark.missed") + " " + ctx.tr("feedback.missed"); colour = p.wrong; }
    else { tag = ctx.tr("feedback.not_chosen") + "・" + ctx.tr("feedback.is_wrong"); colour = p.text_muted; }
    const float u = unit();
    ImGui::Indent(8 * u);
    text_coloured(tag, colour);
    ImGui::Indent(20 * u);
    text_wrapped(label);
    if (!rationale.empty()) muted(rationale);
    ImGui::Unindent(28 * u);
    ImGui::Spacing();
}

} // namespace

void draw_review(UiContext& ctx, const Scenario& s, const std::vector<int>& order, const Response& r, const ItemScore& score,
                 bool guideline_links) {
    verdict(ctx, score);
    ImGui::Separator();

    if (s.type == ItemType::branching) {
        text_coloured(ctx.tr("feedback.path"), ctx.palette().accent);
        const Node* node = s.node(s.start);
        for (const auto& cid : r.path) {
            if (!node) break;
            const Choice* chosen = nullptr;
            for (const auto& c : node->choices)
                if (c.id == cid) chosen = &c;
            if (!chosen) break;
            muted(ctx.t(node->text));
            option_line(ctx, ctx.t(chosen->text) + "  (" +
                                 ctx.trf("common.points_short", {{"points", std::to_string(chosen->points)}}) + ")",
                        true, chosen->points > 0, ctx.t(chosen->consequence) + (chosen->rationale.empty() ? "" : "\n" + ctx.t(chosen->rationale)));
            node = s.node(chosen->next);
        }
        if (node && node->end) text_wrapped(ctx.t(node->text));
        if (!score.correct()) {
            ImGui::Spacing();
            text_coloured(ctx.tr("feedback.best_path"), ctx.palette().correct);
            const Node* n = s.node(s.start);
            int step = 1;
            for (const auto& cid : correct_answer(s)) {
                if (!n) break;
                const Choice* c = nullptr;
                for (const auto& ch : n->choices)
                    if (ch.id == cid) c = &ch;
                if (!c) break;
                text_wrapped(std::to_string(step++) + ". " + ctx.t(c->text));
                if (!c->rationale.empty()) muted(ctx.t(c->rationale));
                n = s.node(c->next);
            }
        }
    } else {
        const std::vector<int> idx = presented_order(ctx, s, order);
        if (s.type == ItemType::hottext && s.post) {
            // The post again, the phrases that are the problem marked where they stand.
            text_coloured(ctx.tr("feedback.problem_phrases"), ctx.palette().accent);
            std::vector<PostSpan> spans;
            for (const auto& o : s.options) spans.push_back({ctx.t(o.text), o.correct});
            post_card(*s.post, ctx.settings.lang, spans, false);
            ImGui::Spacing();
        }
        for (int i : idx) {
            const Option& o = s.options[static_cast<std::size_t>(i)];
            const bool chosen = contains(r.selected, o.id);
            std::string label = ctx.t(o.text);
            if (s.type == ItemType::classify) {
                // The nine kinds: only those chosen, applying, or explained are worth a line.
                if (!chosen && !o.correct && o.rationale.empty()) continue;
                if (o.id != "none") label = clause_caption(ctx, o.id);
            }
            option_line(ctx, label, chosen, o.correct, ctx.t(o.rationale));
        }
    }

    if (!s.explanation.empty()) {
        ImGui::Separator();
        text_coloured(ctx.tr("feedback.explanation"), ctx.palette().accent);
        text_wrapped(ctx.t(s.explanation));
    }

    ImGui::Separator();
    text_coloured(ctx.tr("feedback.clauses"), ctx.palette().accent);
    for (const auto& id : s.clauses) {
        const Clause* c = ctx.content.guideline.find(id);
        if (!c) continue;
        ImGui::PushID(id.c_str());
        text_wrapped(clause_caption(ctx, id));
        muted("「" + ctx.t(c->text) + "」");
        if (guideline_links && button(ctx.tr("feedback.open_guideline") + " " + c->label + "##gl")) ctx.open_guideline(id);
        ImGui::PopID();
        ImGui::Spacing();
    }
}

} // namespace kiosk::ui
