// Draws one item as the learner sees it (situation, post card, choices for every item type); shared by the question screen and the preview.
#pragma once
#include "ui_context.hpp"

#include "core/model.hpp"

#include <string>
#include <vector>

namespace kiosk::ui {

// The learner's answer while it is being given.
struct AnswerDraft {
    std::vector<std::string> selected;  // option ids (single: at most one)
    std::vector<std::string> path;      // branching: choice ids taken so far
    std::string node;                   // branching: the current node

    void reset(const Scenario& s);
    bool is_selected(const std::string& id) const;
    void toggle(const std::string& id, bool single);
    bool branch_finished(const Scenario& s) const;  // reached an end node
};

enum class QuestionAction { none, submit };

// The order the options are shown in: the attempt's `order` (indices of s.options; empty = as in the file), except the
// classification checklist, which keeps the guideline's order.
std::vector<int> presented_order(const UiContext& ctx, const Scenario& s, const std::vector<int>& order);

// `order` is the presented order of s.options (indices); empty = as in the file.
QuestionAction draw_question(UiContext& ctx, const Scenario& s, const std::vector<int>& order, AnswerDraft& draft);

// The short title of a guideline clause with its label, e.g. 「５（４）ア 中傷・誹謗」.
std::string clause_caption(const UiContext& ctx, const std::string& clause_id);

} // namespace kiosk::ui
