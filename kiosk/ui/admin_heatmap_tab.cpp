// Admin heatmap: departments down, guideline clauses across (grouped by section), each cell coloured by mastery;
// tapping (or hovering) a cell shows its clause, department and figures below the grid.
#include "admin_tabs.hpp"
#include "theme.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::ui {

namespace {

// "5.4.a" → section "5", rest "4.a"; "5" → "5", "".
std::pair<std::string, std::string> split_clause(const std::string& id) {
    const auto dot = id.find('.');
    if (dot == std::string::npos) return {id, ""};
    return {id.substr(0, dot), id.substr(dot + 1)};
}

std::string clause_caption(UiContext& ctx, const std::string& id) {
    const Clause* c = ctx.content.guideline.find(id);
    if (!c) return id;
    return c->label + " " + ctx.t(c->short_title.empty() ? c->title : c->short_title);
}

} // namespace

void HeatmapTab::draw(UiContext& ctx, const AdminSnapshot& s) {
    const Palette& p = ctx.palette();
    const float u = unit();
    const Heatmap& h = s.heatmap;
    heading(ctx.tr("admin.heat.title"));
    if (h.clauses.empty() || h.departments.empty()) {
        muted(ctx.tr("admin.heat.no_data"));
        return;
    }
    muted(ctx.tr("admin.heat.hint"));

    // Legend: the colour scale from 50 % to 100 %.
    {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const float w = 420 * u, bh = ImGui::GetFontSize() * 0.8f;
        const int steps = 50;
        for (int i = 0; i < steps; ++i) {
            const float x0 = a.x + w * static_cast<float>(i) / steps, x1 = a.x + w * static_cast<float>(i + 1) / steps;
            dl->AddRectFilled(ImVec2(x0, a.y), ImVec2(x1 + 0.5f, a.y + bh), percent_colour(50.0 + 50.0 * i / steps));
        }
        for (const int v : {50, 75, 95}) {
            const float x = a.x + w * static_cast<float>(v - 50) / 50.0f;
            const std::string t = (v == 50 ? "≤" : "") + std::to_string(v) + "%";
            dl->AddText(ImVec2(x - (v == 50 ? 0 : ImGui::CalcTextSize(t.c_str()).x * 0.5f), a.y + bh + 2 * u), to_u32(p.text_muted), t.c_str());
        }
        ImGui::Dummy(ImVec2(w, bh + ImGui::GetFontSize() * 1.2f));
    }

    // Details of the chosen (or hovered) cell, above the grid so that it never scrolls away.
    std::string detail_clause = selected_clause_, detail_dept = selected_department_;
    const float detail_y = ImGui::GetCursorPosY();
    ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * 1.4f));

    float label_w = 0;
    for (const auto& d : h.departments)
        label_w = std::max(label_w, ImGui::CalcTextSize((d.empty() ? ctx.tr("admin.dash.unknown_department") : d).c_str()).x);
    label_w = std::min(label_w + 20 * u, 460 * u);
    const float row_h = ImGui::GetFontSize() * 1.45f;
    const float header_h = ImGui::GetFontSize() * 2.6f;
    ImGui::BeginChild("##heat", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    // Leave room for the vertical scrollbar, so that the grid needs no horizontal one unless the columns get too narrow.
    const float avail = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
    const float col_w = std::max(50 * u, (avail - label_w) / static_cast<float>(h.clauses.size()));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();

    for (std::size_t r = 0; r < h.departments.size(); ++r) {
        const std::string& dept = h.departments[r];
        const float y = origin.y + header_h + row_h * static_cast<float>(r);
        const std::string name = dept.empty() ? ctx.tr("admin.dash.unknown_department") : dept;
        if (r % 2) dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + label_w, y + row_h), to_u32(p.button, 0.5f));
        dl->AddText(ImVec2(origin.x + 4 * u, y + (row_h - ImGui::GetFontSize()) * 0.5f), to_u32(p.text), name.c_str());
        for (std::size_t c = 0; c < h.clauses.size(); ++c) {
            const ImVec2 a(origin.x + label_w + col_w * static_cast<float>(c), y);
            const ImVec2 b(a.x + col_w, a.y + row_h);
            const HeatCell* cell = h.cell(h.clauses[c], dept);
            const bool chosen = h.clauses[c] == selected_clause_ && dept == selected_department_;
            if (cell && cell->max_points > 0) {
                dl->AddRectFilled(ImVec2(a.x + 1, a.y + 1), ImVec2(b.x - 1, b.y - 1), percent_colour(cell->percent()));
                const std::string v = std::to_string(static_cast<int>(cell->percent() + 0.5));
                const float tw = ImGui::CalcTextSize(v.c_str()).x;
                dl->AddText(ImVec2(a.x + (col_w - tw) * 0.5f, a.y + (row_h - ImGui::GetFontSize()) * 0.5f), IM_COL32(20, 20, 20, 255), v.c_str());
            } else {
                dl->AddRect(ImVec2(a.x + 1, a.y + 1), ImVec2(b.x - 1, b.y - 1), to_u32(p.border));
            }
            if (chosen) dl->AddRect(a, b, to_u32(p.text), 0, 0, 3 * u);
            ImGui::SetCursorScreenPos(a);
            ImGui::PushID(static_cast<int>(r * h.clauses.size() + c));
            if (ImGui::InvisibleButton("##cell", ImVec2(col_w, row_h))) {
                selected_clause_ = h.clauses[c];
                selected_department_ = dept;
            }
            if (ImGui::IsItemHovered()) {
                detail_clause = h.clauses[c];
                detail_dept = dept;
            }
            ImGui::PopID();
        }
    }
    // Header: section numbers over their span, then the rest of each clause id. Drawn last, at the top of the visible
    // area, over the rows that scrolled under it, so that it stays in view.
    const float top = origin.y + ImGui::GetScrollY();
    dl->AddRectFilled(ImVec2(origin.x, top), ImVec2(origin.x + label_w + col_w * static_cast<float>(h.clauses.size()), top + header_h),
                      to_u32(p.background));
    std::size_t span_start = 0;
    for (std::size_t c = 0; c <= h.clauses.size(); ++c) {
        const bool end = c == h.clauses.size() || split_clause(h.clauses[c]).first != split_clause(h.clauses[span_start]).first;
        if (!end) continue;
        const float x0 = origin.x + label_w + col_w * static_cast<float>(span_start), x1 = origin.x + label_w + col_w * static_cast<float>(c);
        const std::string sec = split_clause(h.clauses[span_start]).first;
        const Clause* cl = ctx.content.guideline.find(sec);
        const std::string caption = cl ? cl->label : sec;
        const float tw = ImGui::CalcTextSize(caption.c_str()).x;
        dl->AddRectFilled(ImVec2(x0 + 1, top), ImVec2(x1 - 1, top + header_h * 0.48f), to_u32(p.button), 4 * u);
        dl->AddText(ImVec2(x0 + std::max(4 * u, (x1 - x0 - tw) * 0.5f), top + 2 * u), to_u32(p.text), caption.c_str());
        span_start = c;
    }
    for (std::size_t c = 0; c < h.clauses.size(); ++c) {
        const auto [sec, rest] = split_clause(h.clauses[c]);
        const std::string t = rest.empty() ? "—" : rest;
        const float tw = ImGui::CalcTextSize(t.c_str()).x;
        const float x = origin.x + label_w + col_w * static_cast<float>(c);
        dl->AddText(ImVec2(x + (col_w - tw) * 0.5f, top + header_h * 0.52f), to_u32(p.text_muted), t.c_str());
    }

    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(label_w + col_w * static_cast<float>(h.clauses.size()), header_h + row_h * static_cast<float>(h.departments.size())));
    ImGui::EndChild();

    // The detail line, in the space kept above the grid.
    const float after = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(detail_y);
    if (!detail_clause.empty()) {
        const HeatCell* cell = h.cell(detail_clause, detail_dept);
        char percent[16];
        std::snprintf(percent, sizeof percent, "%.1f", cell ? cell->percent() : 0.0);
        text(ctx.trf("admin.heat.cell", {{"department", detail_dept.empty() ? ctx.tr("admin.dash.unknown_department") : detail_dept},
                                         {"clause", clause_caption(ctx, detail_clause)},
                                         {"percent", cell ? std::string(percent) : std::string("-")},
                                         {"points", cell ? std::to_string(cell->points) : "0"},
                                         {"max", cell ? std::to_string(cell->max_points) : "0"},
                                         {"responses", cell ? std::to_string(cell->responses) : "0"}}));
    }
    ImGui::SetCursorPosY(after);
}

} // namespace kiosk::ui
