// The review of one answered item — verdict, every option with its rationale, the path taken, the clauses quoted.
// Shared by the feedback screen (learning mode), the results screen's review (exam mode) and the trainers' preview.
#pragma once
#include "ui_context.hpp"

#include "core/model.hpp"
#include "core/scoring.hpp"

#include <vector>

namespace kiosk::ui {

// `order` is the presented order of s.options (empty = file order). With `guideline_links`, each quoted clause has a
// 「ガイドラインで確認」 button that opens the guideline browser at that clause.
void draw_review(UiContext& ctx, const Scenario& s, const std::vector<int>& order, const Response& r, const ItemScore& score,
                 bool guideline_links);

} // namespace kiosk::ui
