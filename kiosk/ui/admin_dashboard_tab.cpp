// Admin dashboard: one card per course (rate, overdue, due soon, monthly sparkline), then for the chosen course the
// rate by department (sortable table with bars), the monthly trend, and the overdue and due-soon people.
#include "admin_tabs.hpp"
#include "theme.hpp"
#include "ui_trace.hpp"
#include "widgets.hpp"

#include "core/dates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::ui {

namespace {

std::string pct(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v);
    return buf;
}

std::string course_title(UiContext& ctx, const ReportCourse& c) {
    const Course* full = ctx.content.course(c.id);
    return full ? ctx.t(full->title) : ctx.t(c.title);
}

// Filled bar of `fraction` in a rectangle, drawn behind whatever follows.
void bar(ImDrawList* dl, ImVec2 a, ImVec2 b, float fraction, ImU32 fill, ImU32 back, float rounding) {
    dl->AddRectFilled(a, b, back, rounding);
    const float x = a.x + (b.x - a.x) * std::clamp(fraction, 0.0f, 1.0f);
    if (x > a.x + 0.5f) dl->AddRectFilled(a, ImVec2(x, b.y), fill, rounding);
}

// Monthly completions as a line over filled area (the last `max_months` months).
void sparkline(ImDrawList* dl, ImVec2 a, ImVec2 b, const std::vector<MonthCount>& trend, ImU32 line, ImU32 fill) {
    if (trend.size() < 2) return;
    int top = 1;
    for (const auto& m : trend) top = std::max(top, m.completions);
    const float w = b.x - a.x, h = b.y - a.y;
    std::vector<ImVec2> pts;
    for (std::size_t i = 0; i < trend.size(); ++i)
        pts.emplace_back(a.x + w * static_cast<float>(i) / static_cast<float>(trend.size() - 1),
                         b.y - h * static_cast<float>(trend[i].completions) / static_cast<float>(top));
    for (std::size_t i = 1; i < pts.size(); ++i) {
        dl->AddQuadFilled(ImVec2(pts[i - 1].x, b.y), pts[i - 1], pts[i], ImVec2(pts[i].x, b.y), fill);
    }
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), line, 0, 2.0f * unit());
}

} // namespace

void DashboardTab::draw(UiContext& ctx, const AdminSnapshot& s) {
    if (s.completions.empty()) {
        muted(ctx.tr("admin.dash.none"));
        return;
    }
    const CourseCompletionReport* chosen = nullptr;
    for (const auto& r : s.completions)
        if (r.course.id == course_) chosen = &r;
    if (!chosen) {
        course_ = default_course(s.completions);
        for (const auto& r : s.completions)
            if (r.course.id == course_) chosen = &r;
    }

    const float fs = ImGui::GetFontSize();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // Large text or a small screen: one column that scrolls, instead of panels too narrow to read.
    const bool narrow = ImGui::GetContentRegionAvail().x < 44 * fs;
    if (narrow) {
        ImGui::BeginChild("##dash_scroll", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
        touch_scroll();
    }

    // Cards: as many to a row as are at least 16 characters wide; the validity goes under the title when beside it
    // does not fit.
    const float avail = ImGui::GetContentRegionAvail().x;
    const std::size_t n = s.completions.size();
    const std::size_t per_row = std::clamp<std::size_t>(static_cast<std::size_t>((avail + gap) / (16 * fs + gap)), 1, n);
    const float card_w = (avail - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    bool validity_below = false;
    for (const auto& r : s.completions)
        validity_below = validity_below || card_title_width(ctx, r) > card_w - 2 * ImGui::GetStyle().WindowPadding.x;
    const float card_h = fs * (validity_below ? 10.3f : 8.9f);
    for (std::size_t i = 0; i < n; ++i) {
        if (i % per_row) ImGui::SameLine();
        card(ctx, s.completions[i], card_w, card_h, validity_below);
    }
    ImGui::Spacing();

    const ImVec2 rest = ImGui::GetContentRegionAvail();
    const float left_w = narrow ? 0.0f : rest.x * 0.5f - gap * 0.5f;
    ImGui::BeginChild("##dash_left", ImVec2(left_w, narrow ? 16 * fs : rest.y), true);
    heading(ctx.trf("admin.dash.by_department", {{"course", course_title(ctx, chosen->course)}}));
    departments(ctx, *chosen);
    ImGui::EndChild();
    if (!narrow) ImGui::SameLine();
    ImGui::BeginChild("##dash_right", ImVec2(0, narrow ? 28 * fs : rest.y), true);
    heading(ctx.tr("admin.dash.trend"));
    trend(ctx, *chosen, fs * 6.0f);
    const float list_h = (ImGui::GetContentRegionAvail().y - fs * 4.2f) * 0.5f;
    ImGui::Spacing();
    text_coloured(ctx.tr("admin.dash.overdue_list") + " (" + std::to_string(chosen->overdue.size()) + ")", ctx.palette().wrong);
    people(ctx, "##overdue", chosen->overdue, true, list_h);
    text(ctx.tr("admin.dash.due_soon_list") + " (" + std::to_string(chosen->due_soon.size()) + ")");
    people(ctx, "##due_soon", chosen->due_soon, false, 0);
    ImGui::EndChild();
    if (narrow) ImGui::EndChild();
}

float DashboardTab::card_title_width(UiContext& ctx, const CourseCompletionReport& r) const {
    return ImGui::CalcTextSize(course_title(ctx, r.course).c_str()).x + ImGui::GetStyle().ItemSpacing.x +
           ImGui::CalcTextSize(validity_text(ctx, r).c_str()).x;
}

std::string DashboardTab::validity_text(UiContext& ctx, const CourseCompletionReport& r) const {
    return r.course.valid_days ? ctx.trf("admin.dash.valid_days", {{"days", std::to_string(r.course.valid_days)}}) : ctx.tr("admin.dash.no_expiry");
}

void DashboardTab::card(UiContext& ctx, const CourseCompletionReport& r, float width, float height, bool validity_below) {
    const Palette& p = ctx.palette();
    const float u = unit();
    const bool chosen = r.course.id == course_;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, to_imgui(chosen ? p.selected : p.surface));
    ImGui::PushStyleColor(ImGuiCol_Border, to_imgui(chosen ? p.accent : p.border));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, chosen ? 3.0f * u : 1.0f);
    ImGui::BeginChild(("##card_" + r.course.id).c_str(), ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float inner = ImGui::GetContentRegionAvail().x;
    text(course_title(ctx, r.course));
    if (!validity_below) ImGui::SameLine();
    muted(validity_text(ctx, r));
    ImGui::PushFont(heading_font());
    text(pct(r.percent()));
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text(ctx.trf("admin.dash.completed", {{"completed", std::to_string(r.completed)}, {"people", std::to_string(r.people)}}));
    const ImVec2 a = ImGui::GetCursorScreenPos();
    bar(dl, a, ImVec2(a.x + inner, a.y + 12 * u), static_cast<float>(r.percent() / 100.0), percent_colour(r.percent()), to_u32(p.button), 6 * u);
    ImGui::Dummy(ImVec2(inner, 12 * u));
    muted(!r.course.everyone ? ctx.tr("admin.dash.role_course")
                             : r.roster_denominator ? ctx.tr("admin.dash.everyone_roster") : ctx.tr("admin.dash.everyone_signed_in"));
    text_coloured(ctx.trf("admin.dash.overdue", {{"count", std::to_string(r.overdue.size())}}), r.overdue.empty() ? p.text : p.wrong);
    ImGui::SameLine(0, 24 * u);
    text(ctx.trf("admin.dash.due_soon", {{"count", std::to_string(r.due_soon.size())}}));
    // Sparkline of the last two years, to the right of the figures.
    std::vector<MonthCount> recent(r.trend.size() > 24 ? r.trend.end() - 24 : r.trend.begin(), r.trend.end());
    const ImVec2 wmin = ImGui::GetWindowPos();
    const float below = validity_below ? ImGui::GetFontSize() * 1.4f : 0.0f;
    const ImVec2 sa(wmin.x + width * 0.62f, wmin.y + ImGui::GetFontSize() * 1.9f + below);
    const ImVec2 sb(wmin.x + width - 16 * u, wmin.y + ImGui::GetFontSize() * 3.5f + below);
    sparkline(dl, sa, sb, recent, to_u32(p.accent), to_u32(p.accent, 0.18f));
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    trace_item(course_title(ctx, r.course) + "##card", mn.x, mn.y, mx.x, mx.y);
    if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) course_ = r.course.id;
}

void DashboardTab::departments(UiContext& ctx, const CourseCompletionReport& r) {
    const float u = unit();
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##departments", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // The name and the bar share the width left by the figures, so a narrow screen shortens both rather than the names.
    ImGui::TableSetupColumn(ctx.tr("admin.dash.department").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.tr("admin.dash.people").c_str(), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending);
    ImGui::TableSetupColumn(ctx.tr("admin.dash.done").c_str(), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending);
    ImGui::TableSetupColumn(ctx.tr("admin.dash.rate").c_str(), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort, 0.8f);
    ImGui::TableSetupColumn("%", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort);
    ImGui::TableHeadersRow();

    // Lowest rate first by default: the departments that need a reminder are at the top.
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (sorted_for_ != &r || dept_order_.size() != r.departments.size() || (specs && specs->SpecsDirty)) {
        dept_order_.resize(r.departments.size());
        for (std::size_t i = 0; i < dept_order_.size(); ++i) dept_order_[i] = static_cast<int>(i);
        const int column = specs && specs->SpecsCount > 0 ? specs->Specs[0].ColumnIndex : 3;
        const bool ascending = !specs || specs->SpecsCount == 0 || specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
        std::stable_sort(dept_order_.begin(), dept_order_.end(), [&](int a, int b) {
            const auto& x = r.departments[static_cast<std::size_t>(a)];
            const auto& y = r.departments[static_cast<std::size_t>(b)];
            bool less = false, more = false;
            switch (column) {
            case 0: less = x.department < y.department; more = y.department < x.department; break;
            case 1: less = x.people < y.people; more = y.people < x.people; break;
            case 2: less = x.completed < y.completed; more = y.completed < x.completed; break;
            default: less = x.percent() < y.percent(); more = y.percent() < x.percent(); break;
            }
            return ascending ? less : more;
        });
        if (specs) specs->SpecsDirty = false;
        sorted_for_ = &r;
    }

    const Palette& p = ctx.palette();
    for (const int i : dept_order_) {
        const auto& d = r.departments[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text(d.department.empty() ? ctx.tr("admin.dash.unknown_department") : d.department);
        ImGui::TableNextColumn();
        text(std::to_string(d.people));
        ImGui::TableNextColumn();
        text(std::to_string(d.completed));
        ImGui::TableNextColumn();
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetFontSize();
        bar(ImGui::GetWindowDrawList(), ImVec2(a.x, a.y + h * 0.2f), ImVec2(a.x + w, a.y + h * 0.95f), static_cast<float>(d.percent() / 100.0),
            percent_colour(d.percent()), to_u32(p.button), 4 * u);
        ImGui::Dummy(ImVec2(w, h));
        ImGui::TableNextColumn();
        text(pct(d.percent()));
    }
    ImGui::EndTable();
}

void DashboardTab::trend(UiContext& ctx, const CourseCompletionReport& r, float height) {
    const Palette& p = ctx.palette();
    const float u = unit();
    ImVec2 a = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float label_h = ImGui::GetFontSize() * 1.2f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (r.trend.empty()) {
        muted(ctx.tr("admin.dash.none"));
        return;
    }
    int top = 1;
    for (const auto& m : r.trend) top = std::max(top, m.completions);
    const std::string top_text = "max " + std::to_string(top);
    dl->AddText(ImVec2(a.x + w - ImGui::CalcTextSize(top_text.c_str()).x, a.y), to_u32(p.text_muted), top_text.c_str());
    const float top_h = ImGui::GetFontSize() * 1.1f;
    a.y += top_h;
    const float chart_h = height - label_h - top_h;
    const float slot = w / static_cast<float>(r.trend.size());
    dl->AddLine(ImVec2(a.x, a.y + chart_h), ImVec2(a.x + w, a.y + chart_h), to_u32(p.border), 1.0f * u);
    for (std::size_t i = 0; i < r.trend.size(); ++i) {
        const float x = a.x + slot * static_cast<float>(i);
        const float bh = chart_h * static_cast<float>(r.trend[i].completions) / static_cast<float>(top);
        dl->AddRectFilled(ImVec2(x + slot * 0.15f, a.y + chart_h - bh), ImVec2(x + slot * 0.85f, a.y + chart_h), to_u32(p.accent), 2 * u);
    }
    // Labels: the first and last month, each new year, and the highest month's count.
    const auto label = [&](std::size_t i) {
        const std::string& m = r.trend[i].month;
        const float x = std::min(a.x + slot * static_cast<float>(i), a.x + w - ImGui::CalcTextSize(m.c_str()).x);
        dl->AddText(ImVec2(x, a.y + chart_h + 2 * u), to_u32(p.text_muted), m.c_str());
    };
    label(0);
    float last_x = a.x + ImGui::CalcTextSize(r.trend[0].month.c_str()).x;
    for (std::size_t i = 1; i + 1 < r.trend.size(); ++i) {
        const float x = a.x + slot * static_cast<float>(i);
        if (r.trend[i].month.substr(5) == "04" && x > last_x + 20 * u && x + ImGui::CalcTextSize("0000-00").x < a.x + w - ImGui::CalcTextSize("0000-00").x - 20 * u) {
            label(i);  // April: the start of the ward's fiscal year
            last_x = x + ImGui::CalcTextSize("0000-00").x;
        }
    }
    if (r.trend.size() > 1) label(r.trend.size() - 1);
    ImGui::Dummy(ImVec2(w, height));
}

void DashboardTab::people(UiContext& ctx, const char* id, const std::vector<PersonDue>& list, bool overdue, float height) {
    if (list.empty()) {
        muted(ctx.tr("admin.dash.none"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable(id, 4, flags, ImVec2(0, height > 0 ? height : ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("admin.dash.staff_id").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.dash.name").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.dash.department").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ctx.tr(overdue ? "admin.dash.last" : "admin.dash.valid_until").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("2026年12月31日").x + 8 * unit());
    ImGui::TableHeadersRow();
    const Lang l = ctx.settings.lang;
    ImGuiListClipper clipper;  // thousands of people: only the visible rows are laid out
    clipper.Begin(static_cast<int>(list.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const PersonDue& person = list[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            person_cells(ctx, person.staff_id, person.name, person.department);
            ImGui::TableNextColumn();
            if (overdue) {
                if (person.last_completed) text_unwrapped(format_date(person.last_completed, l), ctx.palette().wrong);
                else text_unwrapped(ctx.tr("admin.dash.never"), ctx.palette().text_muted);
            } else {
                text(person.valid_until ? format_date(person.valid_until, l) : "-");
            }
        }
    }
    ImGui::EndTable();
}

} // namespace kiosk::ui
