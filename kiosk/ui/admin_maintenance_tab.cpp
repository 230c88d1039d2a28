// Admin maintenance: export (CSV, xAPI statements, the dashboard's figures) to a typed or suggested folder, verify the
// records (worker thread), reload the scenario files with the loader's skipped files and diagnostics, back up (a verified
// copy, as `kiosk backup` makes it), quit the kiosk.
#include "admin_tabs.hpp"
#include "theme.hpp"
#include "widgets.hpp"

#include "core/clock.hpp"
#include "core/dates.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace kiosk::ui {

namespace {

void set_buffer(char* buf, std::size_t size, const std::string& value) {
    std::snprintf(buf, size, "%s", value.c_str());
}

std::string size_text(long long bytes) {
    char buf[32];
    if (bytes >= 1024LL * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
    else std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024));
    return buf;
}

void section(const std::string& title) {
    ImGui::Spacing();
    ImGui::Separator();
    heading(title);
}

} // namespace

void MaintenanceTab::on_enter(UiContext& ctx) {
    destinations_ = suggested_destinations();
    const std::string first = destinations_.empty() ? std::filesystem::temp_directory_path().string() : destinations_.front();
    if (!folder_[0]) set_buffer(folder_, sizeof folder_, first);
    set_buffer(backup_, sizeof backup_, (std::filesystem::path(first) / backup_file_name(ctx.clock.now())).string());
    export_message_.clear();
    backup_message_.clear();
    content_message_.clear();
    verified_.reset();
    quit_confirm_ = false;
}

void MaintenanceTab::draw(UiContext& ctx, bool snapshot_loading) {
    // Two columns: what writes files (export, backup) and checks them on the left; content and quitting on the right.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
    ImGui::BeginChild("##maintenance_left", ImVec2(half, 0), true);
    ImGui::PushTextWrapPos(0.0f);
    export_section(ctx);
    backup_section(ctx);
    verify_section(ctx);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##maintenance_right", ImVec2(0, 0), true);
    ImGui::PushTextWrapPos(0.0f);
    content_section(ctx, snapshot_loading);
    quit_section(ctx);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

void MaintenanceTab::export_section(UiContext& ctx) {
    const Palette& p = ctx.palette();
    heading(ctx.tr("admin.maint.export"));
    ImGui::AlignTextToFramePadding();
    text(ctx.tr("admin.maint.folder"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputText("##export_folder", folder_, sizeof folder_);
    if (!destinations_.empty()) {
        ImGui::AlignTextToFramePadding();
        muted(ctx.tr("admin.maint.suggested"));
        for (std::size_t i = 0; i < destinations_.size() && i < 5; ++i) {
            ImGui::SameLine();
            if (button(destinations_[i] + "##dest" + std::to_string(i))) {
                set_buffer(folder_, sizeof folder_, destinations_[i]);
                set_buffer(backup_, sizeof backup_, (std::filesystem::path(destinations_[i]) / backup_file_name(ctx.clock.now())).string());
            }
        }
    }
    if (button(ctx.tr("admin.maint.export_run") + "##export", ButtonKind::primary)) {
        const EpochMs now = ctx.clock.now();
        const SnapshotInputs in = snapshot_inputs(ctx.content, now);
        const ActionOutcome r = export_records(ctx.store->handle(), in.courses, in.item_clauses, folder_, now, ctx.settings.lang);
        export_ok_ = r.ok;
        export_message_ = r.ok ? ctx.trf("admin.maint.exported", {{"path", r.path}, {"files", std::to_string(r.files.size())}, {"rows", std::to_string(r.rows)}})
                               : ctx.trf("admin.maint.failed", {{"reason", r.error}});
        nlohmann::json detail = {{"folder", std::string(folder_)}, {"ok", r.ok}, {"path", r.path}, {"files", r.files}, {"rows", r.rows}};
        if (!r.ok) detail["error"] = r.error;
        log_admin_action(ctx, "export", detail.dump());
        ctx.add_glyphs(export_message_);
    }
    if (!export_message_.empty()) text_coloured(export_message_, export_ok_ ? p.correct : p.wrong);
}

void MaintenanceTab::verify_section(UiContext& ctx) {
    const Palette& p = ctx.palette();
    section(ctx.tr("admin.maint.verify"));
    if (verifying_.valid() && verifying_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        verified_ = verifying_.get();
        std::int64_t rows = 0;
        for (const auto& h : verified_->heads) rows += h.length;
        nlohmann::json detail = {{"ok", verified_->ok()}, {"integrity", verified_->integrity_message}, {"terminals", verified_->heads.size()},
                                 {"rows", rows}, {"problems", verified_->problems.size()}};
        log_admin_action(ctx, "verify", detail.dump());
    }
    if (verifying_.valid()) {
        muted(ctx.tr("admin.maint.verifying"));
    } else if (button(ctx.tr("admin.maint.verify_run") + "##verify", ButtonKind::primary)) {
        // A full integrity check of a large file takes a while: on a read-only connection of its own, off the UI thread.
        const char* file = sqlite3_db_filename(ctx.store->handle(), "main");
        const std::string path = file ? file : "";
        if (path.empty()) {
            std::promise<VerifyReport> done;
            done.set_value(verify_records(ctx.store->handle()));
            verifying_ = done.get_future();
        } else {
            verifying_ = std::async(std::launch::async, [path] {
                sqlite3* db = nullptr;
                VerifyReport r;
                if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
                    r.integrity_ok = false;
                    r.integrity_message = db ? sqlite3_errmsg(db) : "cannot open";
                    r.problems.push_back({"database", 0, "", "", "cannot open the records read-only: " + r.integrity_message});
                } else {
                    sqlite3_busy_timeout(db, 5000);
                    r = verify_records(db);
                }
                sqlite3_close(db);
                return r;
            });
        }
    }
    if (verified_) {
        std::int64_t rows = 0;
        for (const auto& h : verified_->heads) rows += h.length;
        if (verified_->ok()) {
            text_coloured(ctx.trf("admin.maint.verify_ok", {{"terminals", std::to_string(verified_->heads.size())}, {"rows", std::to_string(rows)}}),
                          p.correct);
        } else {
            text_coloured(ctx.trf("admin.maint.verify_bad", {{"count", std::to_string(verified_->problems.size())}}), p.wrong);
            for (std::size_t i = 0; i < verified_->problems.size() && i < 20; ++i) text_wrapped(verified_->problems[i].describe());
        }
    }
}

void MaintenanceTab::content_section(UiContext& ctx, bool snapshot_loading) {
    const Palette& p = ctx.palette();
    const float u = unit();
    heading(ctx.tr("admin.maint.content"));
    if (reload_pending_ && !ctx.reload_content_requested) {
        // The composition root has read the files again between frames.
        reload_pending_ = false;
        refresh_ = true;
        content_message_ = ctx.tr("admin.maint.reloaded");
        nlohmann::json detail = {{"scenarios", ctx.content.scenarios.size()}, {"skipped_files", ctx.content.skipped_files.size()},
                                 {"diagnostics", ctx.content.diagnostics.size()}};
        log_admin_action(ctx, "reload_content", detail.dump());
    }
    text(ctx.trf("admin.maint.content_status", {{"scenarios", std::to_string(ctx.content.scenarios.size())},
                                                {"skipped", std::to_string(ctx.content.skipped_files.size())},
                                                {"diagnostics", std::to_string(ctx.content.diagnostics.size())}}));
    if (!ctx.can_reload_content) {
        muted(ctx.tr("admin.maint.reload_unavailable"));
    } else if (reload_pending_ || snapshot_loading) {
        muted(ctx.tr("admin.maint.busy"));
    } else if (button(ctx.tr("admin.maint.reload") + "##reload", ButtonKind::primary)) {
        ctx.reload_content_requested = true;
        reload_pending_ = true;
        content_message_.clear();
    }
    if (!content_message_.empty()) text_coloured(content_message_, p.correct);
    if (!ctx.content.skipped_files.empty()) {
        text_coloured(ctx.tr("admin.maint.skipped"), p.wrong);
        for (const auto& f : ctx.content.skipped_files) text("  " + f);
    }
    if (!ctx.content.diagnostics.empty()) {
        const float h = std::min(static_cast<float>(ctx.content.diagnostics.size() + 1) * ImGui::GetFrameHeightWithSpacing(), 360 * u);
        const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
        if (ImGui::BeginTable("##diagnostics", 3, flags, ImVec2(0, h))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(ctx.tr("admin.maint.severity").c_str());
            ImGui::TableSetupColumn(ctx.tr("admin.maint.where").c_str());
            ImGui::TableSetupColumn(ctx.tr("admin.maint.message").c_str(), ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableHeadersRow();
            for (const auto& d : ctx.content.diagnostics) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (d.severity == Severity::error) text_coloured(ctx.tr("admin.maint.error"), p.wrong);
                else text(ctx.tr("admin.maint.warning"));
                ImGui::TableNextColumn();
                const std::string file = std::filesystem::path(d.file).filename().string();
                text(d.line > 0 ? file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : file);
                ImGui::TableNextColumn();
                text_wrapped(d.message + (d.hint.empty() ? "" : " — " + d.hint));
            }
            ImGui::EndTable();
        }
    }
}

void MaintenanceTab::backup_section(UiContext& ctx) {
    const Palette& p = ctx.palette();
    section(ctx.tr("admin.maint.backup"));
    ImGui::AlignTextToFramePadding();
    text(ctx.tr("admin.maint.backup_path"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputText("##backup_path", backup_, sizeof backup_);
    if (button(ctx.tr("admin.maint.backup_run") + "##backup", ButtonKind::primary)) {
        const ActionOutcome r = backup_store(ctx.store->handle(), backup_);
        backup_ok_ = r.ok;
        backup_message_ = r.ok ? ctx.trf("admin.maint.backed_up", {{"path", r.path}, {"size", size_text(r.rows)}})
                               : ctx.trf("admin.maint.failed", {{"reason", r.error}});
        nlohmann::json detail = {{"path", r.path}, {"ok", r.ok}, {"bytes", r.rows}};
        if (!r.ok) detail["error"] = r.error;
        log_admin_action(ctx, "backup", detail.dump());
        ctx.add_glyphs(backup_message_);
        // The next backup gets a new name, so a second tap never fails on "already exists".
        if (r.ok)
            set_buffer(backup_, sizeof backup_,
                       (std::filesystem::path(backup_).parent_path() / backup_file_name(ctx.clock.now() + 1000)).string());
    }
    if (!backup_message_.empty()) text_coloured(backup_message_, backup_ok_ ? p.correct : p.wrong);
}

void MaintenanceTab::quit_section(UiContext& ctx) {
    section(ctx.tr("admin.maint.quit"));
    muted(ctx.tr("admin.maint.quit_hint"));
    if (!quit_confirm_) {
        if (button(ctx.tr("admin.maint.quit_run") + "##quit", ButtonKind::danger)) quit_confirm_ = true;
        return;
    }
    ImGui::AlignTextToFramePadding();
    text(ctx.tr("admin.maint.quit_confirm"));
    ImGui::SameLine();
    if (button(ctx.tr("common.yes") + "##quit_yes", ButtonKind::danger)) {
        log_admin_action(ctx, "quit", R"({"by":"admin"})");
        std::printf("ADMIN QUIT\n");
        std::fflush(stdout);
        ctx.quit_requested = true;
    }
    ImGui::SameLine();
    if (button(ctx.tr("common.cancel") + "##quit_no")) quit_confirm_ = false;
}

} // namespace kiosk::ui
