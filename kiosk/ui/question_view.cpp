// Rendering of the situation, the mock post and the answer controls of each item type.
#include "question_view.hpp"

#include "theme.hpp"
#include "widgets.hpp"

#include <algorithm>

namespace kiosk::ui {

void AnswerDraft::reset(const Scenario& s) {
    selected.clear();
    path.clear();
    node = s.type == ItemType::branching ? s.start : std::string();
}

bool AnswerDraft::is_selected(const std::string& id) const { return std::find(selected.begin(), selected.end(), id) != selected.end(); }

void AnswerDraft::toggle(const std::string& id, bool single) {
    if (single) {
        selected = {id};
        return;
    }
    auto it = std::find(selected.begin(), selected.end(), id);
    if (it == selected.end()) selected.push_back(id);
    else selected.erase(it);
}

bool AnswerDraft::branch_finished(const Scenario& s) const {
    const Node* n = s.node(node);
    return n && n->end;
}

std::string clause_caption(const UiContext& ctx, const std::string& clause_id) {
    const Clause* c = ctx.content.guideline.find(clause_id);
    if (!c) return clause_id;
    return c->label + " " + ctx.t(c->short_title);
}

namespace {

void draw_situation(UiContext& ctx, const Scenario& s) {
    const Palette& p = ctx.palette();
    // ImGui 1.86 cannot size a child window to its content; a group with a frame drawn behind it does the job.
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float u = unit();
    const float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(start.x + 18 * u, start.y + 14 * u));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 36 * u);
    text_coloured(ctx.tr("question.you_are"), p.accent);
    text_wrapped(ctx.t(s.situation.who));
    if (!s.situation.where.empty() || !s.situation.when.empty()) {
        std::string meta;
        if (!s.situation.where.empty()) meta += ctx.tr("question.where") + ": " + ctx.t(s.situation.where);
        if (!s.situation.where.empty() && !s.situation.when.empty()) meta += "　／　";
        if (!s.situation.when.empty()) meta += ctx.tr("question.when") + ": " + ctx.t(s.situation.when);
        muted(meta);
    }
    ImGui::Spacing();
    text_wrapped(ctx.t(s.situation.text));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float h = ImGui::GetItemRectSize().y + 28 * u;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(start, ImVec2(start.x + w, start.y + h), to_u32(p.surface), 10 * u);
    dl->AddRect(start, ImVec2(start.x + w, start.y + h), to_u32(p.border), 10 * u);
    dl->AddRectFilled(start, ImVec2(start.x + 6 * u, start.y + h), to_u32(p.accent), 10 * u, ImDrawFlags_RoundCornersLeft);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(w, h));
}

} // namespace

std::vector<int> presented_order(const UiContext& ctx, const Scenario& s, const std::vector<int>& order) {
    std::vector<int> out = order;
    if (out.size() != s.options.size()) {
        out.resize(s.options.size());
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<int>(i);
    }
    if (s.type == ItemType::classify) {
        // A legal list: ア to ケ in the guideline's own order, never shuffled; 「どれにも該当しない」 (not a clause) last.
        const auto& clauses = ctx.content.guideline.clauses;
        auto rank = [&](int i) {
            const std::string& id = s.options[static_cast<std::size_t>(i)].id;
            for (std::size_t k = 0; k < clauses.size(); ++k)
                if (clauses[k].id == id) return k;
            return clauses.size();
        };
        std::stable_sort(out.begin(), out.end(), [&](int a, int b) { return rank(a) < rank(b); });
    }
    return out;
}

QuestionAction draw_question(UiContext& ctx, const Scenario& s, const std::vector<int>& order, AnswerDraft& draft) {
    const float w = ImGui::GetContentRegionAvail().x;
    QuestionAction action = QuestionAction::none;
    heading(ctx.t(s.title));
    draw_situation(ctx, s);
    ImGui::Spacing();

    if (s.type == ItemType::branching) {
        const Node* node = s.node(draft.node);
        if (!node) return action;
        // Show what the last choice led to, so the incident reads as a story.
        if (!draft.path.empty()) {
            const Node* prev = s.node(s.start);
            const Choice* last = nullptr;
            for (const auto& cid : draft.path) {
                if (!prev) break;
                last = nullptr;
                for (const auto& c : prev->choices)
                    if (c.id == cid) last = &c;
                prev = last ? s.node(last->next) : nullptr;
            }
            if (last && !last->consequence.empty()) {
                text_coloured(ctx.tr("question.last_consequence"), ctx.palette().accent);
                text_wrapped(ctx.t(last->consequence));
                ImGui::Spacing();
            }
        }
        if (s.post && draft.path.empty()) post_card(*s.post, ctx.settings.lang, {}, false);
        ImGui::Spacing();
        text_coloured(ctx.trf("question.branch_step", {{"step", std::to_string(draft.path.size() + 1)}}), ctx.palette().text_muted);
        text_wrapped(ctx.t(node->text));  // the trainer's own question: the kiosk adds no second one
        if (node->end) return QuestionAction::submit;
        for (const auto& c : node->choices) {
            if (option_card(s.id + "/" + node->id + "/" + c.id, ctx.t(c.text), false, Mark::none, w)) {
                draft.path.push_back(c.id);
                draft.node = c.next;
                ctx.new_view();  // the next step opens at the top, laid out before it is shown
                const Node* next = s.node(c.next);
                if (next && next->end) action = QuestionAction::submit;
            }
        }
        return action;
    }

    const std::vector<int> idx = presented_order(ctx, s, order);
    if (s.type == ItemType::hottext && s.post) {
        std::vector<PostSpan> spans;
        for (int i : idx) spans.push_back({s.options[static_cast<std::size_t>(i)].text.get(ctx.settings.lang),
                                           draft.is_selected(s.options[static_cast<std::size_t>(i)].id)});
        const int tapped = post_card(*s.post, ctx.settings.lang, spans, true);
        if (tapped >= 0) draft.toggle(s.options[static_cast<std::size_t>(idx[static_cast<std::size_t>(tapped)])].id, false);
    } else if (s.post) {
        post_card(*s.post, ctx.settings.lang, {}, false);
    }
    ImGui::Spacing();
    // One instruction: the trainer's prompt, or the kiosk's hint for the item type when the item has none.
    const std::string& prompt = ctx.t(s.prompt);
    if (!prompt.empty()) heading(prompt);
    const char* hint = s.type == ItemType::single     ? "question.single_hint"
                       : s.type == ItemType::multiple ? "question.multiple_hint"
                       : s.type == ItemType::hottext  ? "question.hottext_hint"
                                                      : "question.classify_hint";
    if (prompt.empty()) muted(ctx.tr(hint));
    const bool single = s.type == ItemType::single;
    for (int i : idx) {
        const Option& o = s.options[static_cast<std::size_t>(i)];
        std::string label = ctx.t(o.text);
        if (s.type == ItemType::classify && o.id != "none") {
            // The classification checklist shows each kind's label and short title, then the rule itself.
            if (const Clause* c = ctx.content.guideline.find(o.id))
                label = c->label + "　" + ctx.t(c->short_title) + "\n" + ctx.t(c->text);
        }
        if (option_card(s.id + "/" + o.id, label, draft.is_selected(o.id), single ? Mark::radio : Mark::check, w)) {
            if (s.type == ItemType::classify && o.id == "none") {
                draft.selected = draft.is_selected("none") ? std::vector<std::string>{} : std::vector<std::string>{"none"};
            } else {
                if (s.type == ItemType::classify) std::erase(draft.selected, std::string("none"));
                draft.toggle(o.id, single);
            }
        }
    }
    return action;
}

} // namespace kiosk::ui
