// The admin screen's tabs (dashboard, item statistics, heatmap, maintenance), one file each, and what they share.
#pragma once
#include "ui_context.hpp"

#include "core/admin_actions.hpp"
#include "core/admin_snapshot.hpp"
#include "core/record_chain.hpp"

#include <imgui.h>

#include <future>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

// Writes an admin action to the event log; a failed write is shown on screen, never thrown (the action itself is done).
void log_admin_action(UiContext& ctx, const std::string& kind, const std::string& detail_json);

// A row of buttons, one per course of the snapshot; the chosen one is primary. Returns true when the choice changed.
bool course_picker(UiContext& ctx, const std::vector<CourseCompletionReport>& courses, std::string& selected, const char* id);
// "refresher" when present, else the first course (what a tab shows before anything is chosen).
std::string default_course(const std::vector<CourseCompletionReport>& courses);

// The first three cells of a person's table row: staff ID, name, department (or "unknown department").
void person_cells(UiContext& ctx, const std::string& staff_id, const std::string& name, const std::string& department);

// Coloured text that never wraps (table cells size to it).
inline void text_unwrapped(const std::string& s, Rgb colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(colour.r, colour.g, colour.b, 1.0f));
    ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
    ImGui::PopStyleColor();
}

// Colour of a mastery or completion percentage: red at or below 50 %, amber at 75 %, green from 95 %.
ImU32 percent_colour(double percent, float alpha = 1.0f);

class DashboardTab {
public:
    void draw(UiContext& ctx, const AdminSnapshot& s);
    void select_course(const std::string& id) { course_ = id; }

private:
    void card(UiContext& ctx, const CourseCompletionReport& r, float width, float height, bool validity_below);
    float card_title_width(UiContext& ctx, const CourseCompletionReport& r) const;
    std::string validity_text(UiContext& ctx, const CourseCompletionReport& r) const;
    void departments(UiContext& ctx, const CourseCompletionReport& r);
    void trend(UiContext& ctx, const CourseCompletionReport& r, float height);
    void people(UiContext& ctx, const char* id, const std::vector<PersonDue>& list, bool overdue, float height);

    std::string course_;
    std::vector<int> dept_order_;
    const CourseCompletionReport* sorted_for_ = nullptr;
};

class ItemsTab {
public:
    void draw(UiContext& ctx, const AdminSnapshot& s);

private:
    std::string course_;
    bool flagged_only_ = false;
};

class HeatmapTab {
public:
    void draw(UiContext& ctx, const AdminSnapshot& s);

private:
    std::string selected_clause_, selected_department_;
};

class AttestationsTab {
public:
    void draw(UiContext& ctx, const AdminSnapshot& s);

private:
    bool waiting_only_ = true;
};

class MaintenanceTab {
public:
    void on_enter(UiContext& ctx);
    void draw(UiContext& ctx, bool snapshot_loading);
    bool busy() const { return verifying_.valid(); }
    // True once after the scenarios were reloaded: the figures must be computed again.
    bool take_refresh() { bool r = refresh_; refresh_ = false; return r; }

private:
    void export_section(UiContext& ctx);
    void verify_section(UiContext& ctx);
    void content_section(UiContext& ctx, bool snapshot_loading);
    void backup_section(UiContext& ctx);
    void quit_section(UiContext& ctx);

    char folder_[1024] = {};
    char backup_[1024] = {};
    std::vector<std::string> destinations_;
    std::string export_message_, backup_message_, content_message_;
    bool export_ok_ = false, backup_ok_ = false;
    std::future<VerifyReport> verifying_;
    std::optional<VerifyReport> verified_;
    bool reload_pending_ = false;
    bool refresh_ = false;
    bool quit_confirm_ = false;
};

} // namespace kiosk::ui
