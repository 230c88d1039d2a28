// Admin item statistics: per course, Cronbach's alpha and a table of every item (facility bar, SD, discrimination,
// efficiency, most chosen options, flags); flagged rows tinted, with a button to show only them.
#include "admin_tabs.hpp"
#include "theme.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::ui {

namespace {

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string fmt(const std::optional<double>& v) { return v ? fmt(*v) : std::string("-"); }

} // namespace

void ItemsTab::draw(UiContext& ctx, const AdminSnapshot& s) {
    const Palette& p = ctx.palette();
    const float u = unit();
    if (s.completions.empty() && s.items.courses.empty()) {
        muted(ctx.tr("admin.items.no_data"));
        return;
    }
    if (course_.empty()) course_ = default_course(s.completions);
    course_picker(ctx, s.completions, course_, "items");
    ImGui::SameLine(0, 40 * u);
    if (button(ctx.tr("admin.items.flagged_only") + "##flagged", flagged_only_ ? ButtonKind::primary : ButtonKind::secondary))
        flagged_only_ = !flagged_only_;

    const CourseReliability* rel = nullptr;
    for (const auto& c : s.items.courses)
        if (c.course_id == course_) rel = &c;
    if (!rel) {
        muted(ctx.tr("admin.items.no_data"));
        return;
    }
    text(ctx.trf("admin.items.summary", {{"attempts", std::to_string(rel->first_attempts)},
                                         {"sets", std::to_string(rel->item_sets)},
                                         {"alpha", rel->alpha ? fmt(*rel->alpha) : std::string("-")}}));
    ImGui::SameLine();
    muted(!rel->alpha ? ctx.tr("admin.items.alpha_none")
                      : rel->item_sets <= 1 ? ctx.tr("admin.items.alpha_fixed")
                                            : ctx.trf("admin.items.alpha_drawn", {{"attempts", std::to_string(rel->alpha_attempts)}}));
    ImGui::PushTextWrapPos(0.0f);
    muted(ctx.tr("admin.items.legend"));
    ImGui::PopTextWrapPos();

    std::vector<const ItemStatistics*> rows;
    for (const auto& it : s.items.items)
        if (it.course_id == course_ && (!flagged_only_ || !it.flags.empty())) rows.push_back(&it);
    // Flagged items first, most suspicious (lowest discrimination) first; then by facility.
    std::stable_sort(rows.begin(), rows.end(), [](const ItemStatistics* a, const ItemStatistics* b) {
        if (a->flags.empty() != b->flags.empty()) return !a->flags.empty();
        const double da = a->discrimination.value_or(1000), db = b->discrimination.value_or(1000);
        if (!a->flags.empty() && da != db) return da < db;
        return a->facility < b->facility;
    });

    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##items", 8, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ctx.tr("admin.items.item").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ctx.tr("admin.items.n").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.items.facility").c_str(), ImGuiTableColumnFlags_WidthFixed, 190 * u);
    ImGui::TableSetupColumn(ctx.tr("admin.items.sd").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.items.discrimination").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.items.efficiency").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.items.options").c_str(), ImGuiTableColumnFlags_WidthFixed, 330 * u);
    ImGui::TableSetupColumn(ctx.tr("admin.items.flags").c_str(), ImGuiTableColumnFlags_WidthFixed, 260 * u);
    ImGui::TableHeadersRow();
    for (const ItemStatistics* it : rows) {
        ImGui::TableNextRow();
        const bool miskeyed = std::find(it->flags.begin(), it->flags.end(), "likely_miskeyed") != it->flags.end();
        if (!it->flags.empty()) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, to_u32(miskeyed ? p.wrong : p.highlight, miskeyed ? 0.14f : 0.35f));
        ImGui::TableNextColumn();
        const Scenario* sc = ctx.content.scenario(it->item_id);
        if (sc) {
            text(ctx.t(sc->title));
            ImGui::SameLine();
        }
        text_unwrapped(it->item_id, p.text_muted);
        ImGui::TableNextColumn();
        text(std::to_string(it->attempts));
        ImGui::TableNextColumn();
        {
            const ImVec2 a = ImGui::GetCursorScreenPos();
            const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetFontSize();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(ImVec2(a.x, a.y + h * 0.15f), ImVec2(a.x + w, a.y + h), to_u32(p.button), 3 * u);
            dl->AddRectFilled(ImVec2(a.x, a.y + h * 0.15f), ImVec2(a.x + w * static_cast<float>(it->facility / 100.0), a.y + h),
                              to_u32(p.accent, 0.35f), 3 * u);
            text(fmt(it->facility));
        }
        ImGui::TableNextColumn();
        text(fmt(it->sd));
        ImGui::TableNextColumn();
        if (it->discrimination && *it->discrimination < 0) text_unwrapped(fmt(it->discrimination), p.wrong);
        else text(fmt(it->discrimination));
        ImGui::TableNextColumn();
        text(fmt(it->efficiency));
        ImGui::TableNextColumn();
        std::string chosen;
        for (std::size_t k = 0; k < it->options.size() && k < 3; ++k)
            chosen += (k ? "  " : "") + it->options[k].option_id + " " + std::to_string(static_cast<int>(it->options[k].percent + 0.5)) + "%";
        text(chosen);
        ImGui::TableNextColumn();
        std::string flag_text;
        for (const auto& f : it->flags) flag_text += (flag_text.empty() ? "" : " / ") + ctx.tr("admin.flag." + f);
        if (miskeyed) text_unwrapped(flag_text, p.wrong);
        else text(flag_text);
    }
    ImGui::EndTable();
}

} // namespace kiosk::ui
