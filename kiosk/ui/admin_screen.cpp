// Admin screen: the PIN keypad, then the tabs (dashboard, item statistics, heatmap, maintenance) over figures computed
// in a worker thread; signs itself out after five idle minutes. Every admin action is written to the event log.
#include "admin_tabs.hpp"
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "ui_trace.hpp"
#include "widgets.hpp"

#include "core/admin_pin.hpp"
#include "core/clock.hpp"
#include "core/dates.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>

namespace kiosk::ui {

void log_admin_action(UiContext& ctx, const std::string& kind, const std::string& detail_json) {
    if (!ctx.store) return;
    try {
        ctx.store->log_event(kind, "", detail_json, ctx.clock.now());
    } catch (const StoreError& e) {
        ctx.store_error = ctx.trf("store.error", {{"reason", e.what()}});
    }
}

std::string default_course(const std::vector<CourseCompletionReport>& courses) {
    for (const auto& c : courses)
        if (c.course.id == "refresher") return c.course.id;
    return courses.empty() ? std::string() : courses.front().course.id;
}

bool course_picker(UiContext& ctx, const std::vector<CourseCompletionReport>& courses, std::string& selected, const char* id) {
    bool changed = false;
    for (std::size_t i = 0; i < courses.size(); ++i) {
        const auto& c = courses[i].course;
        const Course* full = ctx.content.course(c.id);
        const std::string title = full ? ctx.t(full->title) : ctx.t(c.title);
        if (i) ImGui::SameLine();
        if (button(title + "##" + id + c.id, c.id == selected ? ButtonKind::primary : ButtonKind::secondary) && c.id != selected) {
            selected = c.id;
            changed = true;
        }
    }
    return changed;
}

void person_cells(UiContext& ctx, const std::string& staff_id, const std::string& name, const std::string& department) {
    ImGui::TableNextColumn();
    text(staff_id);
    ImGui::TableNextColumn();
    text(clamp_for_display(name));
    ImGui::TableNextColumn();
    text(department.empty() ? ctx.tr("admin.dash.unknown_department") : clamp_for_display(department));
}

ImU32 percent_colour(double percent, float alpha) {
    struct Stop {
        double at;
        float r, g, b;
    };
    static const Stop stops[] = {{50, 0.85f, 0.33f, 0.29f}, {75, 0.96f, 0.76f, 0.30f}, {95, 0.38f, 0.70f, 0.42f}};
    if (percent <= stops[0].at) return ImGui::ColorConvertFloat4ToU32(ImVec4(stops[0].r, stops[0].g, stops[0].b, alpha));
    for (int i = 1; i < 3; ++i) {
        if (percent <= stops[i].at) {
            const float t = static_cast<float>((percent - stops[i - 1].at) / (stops[i].at - stops[i - 1].at));
            const auto mix = [t](float a, float b) { return a + (b - a) * t; };
            return ImGui::ColorConvertFloat4ToU32(
                ImVec4(mix(stops[i - 1].r, stops[i].r), mix(stops[i - 1].g, stops[i].g), mix(stops[i - 1].b, stops[i].b), alpha));
        }
    }
    return ImGui::ColorConvertFloat4ToU32(ImVec4(stops[2].r, stops[2].g, stops[2].b, alpha));
}

namespace {

constexpr std::int64_t kIdleSignOutMs = 5 * 60 * 1000;
constexpr std::size_t kMaxPinDigitsShown = 12;

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool any_input() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f || io.InputQueueCharacters.Size > 0) return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

std::string clock_time(EpochMs t) { return format_local(t, "%H:%M:%S"); }

enum class Tab { dashboard, items, heatmap, attestations, maintenance };

class AdminScreen final : public Screen {
public:
    void on_enter(UiContext& ctx) override {
        forget();
        last_input_ms_ = steady_ms();
        maintenance_.on_enter(ctx);
        if (!ctx.store) return;
        // Development only: a database without a PIN, opened with --open-admin, goes straight to a tab.
        if (!ctx.admin_dev_tab.empty()) {
            if (!AdminPin(ctx.store->handle(), ctx.clock, ctx.config.terminal_id).is_set()) {
                dev_mode_ = true;
                tab_ = tab_from(ctx.admin_dev_tab);
                select_tab_ = true;
                sign_in(ctx, /*wait=*/true);
            }
        }
    }

    void forget() override {
        signed_in_ = false;
        dev_mode_ = false;
        pin_.clear();
        pin_message_.clear();
        snapshot_.reset();
        loading_ = {};
        tab_ = Tab::dashboard;
        glyphs_added_.clear();
    }

    double seconds_until_due() const override {
        if (loading_.valid() || maintenance_.busy()) return 0.1;
        if (!signed_in_) return -1.0;
        return std::max(0.0, static_cast<double>(last_input_ms_ + kIdleSignOutMs - steady_ms()) / 1000.0);
    }

    void draw(UiContext& ctx) override {
        const std::int64_t now = steady_ms();
        if (any_input()) last_input_ms_ = now;
        if (!ctx.store) {
            heading(ctx.tr("admin.title"));
            text_coloured(ctx.tr("admin.no_store"), ctx.palette().wrong);
            if (button(ctx.tr("common.back") + "##admin_back")) ctx.go(ScreenId::attract);
            return;
        }
        if (!signed_in_) {
            draw_pin(ctx);
            return;
        }
        if (now - last_input_ms_ >= kIdleSignOutMs) {
            sign_out(ctx, "idle");
            return;
        }
        poll(ctx);
        draw_header(ctx);
        draw_tabs(ctx);
    }

private:
    static Tab tab_from(const std::string& name) {
        if (name == "items") return Tab::items;
        if (name == "heatmap") return Tab::heatmap;
        if (name == "attestations") return Tab::attestations;
        if (name == "maintenance") return Tab::maintenance;
        return Tab::dashboard;
    }

    void draw_pin(UiContext& ctx) {
        const Palette& p = ctx.palette();
        const float u = unit();
        AdminPin pin(ctx.store->handle(), ctx.clock, ctx.config.terminal_id);
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float w = std::min(avail.x * 0.9f, 760 * u);
        ImGui::SetCursorPosX((avail.x - w) * 0.5f);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        heading(ctx.tr("admin.pin_title"));
        bool set = false;
        try {
            set = pin.is_set();
        } catch (const StoreError& e) {
            pin_message_ = ctx.trf("store.error", {{"reason", e.what()}});
        }
        if (!set) {
            text_wrapped(ctx.tr("admin.pin_not_set"));
            ImGui::Spacing();
            if (button(ctx.tr("common.back") + "##admin_back")) ctx.go(ScreenId::attract);
            ImGui::PopTextWrapPos();
            ImGui::EndGroup();
            return;
        }
        muted(ctx.tr("admin.pin_hint"));

        // The keyboard works too; digits only, never echoed.
        ImGuiIO& io = ImGui::GetIO();
        for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
            const ImWchar c = io.InputQueueCharacters[i];
            if (c >= '0' && c <= '9' && pin_.size() < kMaxPinDigitsShown) pin_ += static_cast<char>(c);
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !pin_.empty()) pin_.pop_back();
        bool submit = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);

        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float box_h = ImGui::GetFontSize() * 2.4f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + box_h), to_u32(p.surface), 10 * u);
        dl->AddRect(pos, ImVec2(pos.x + w, pos.y + box_h), to_u32(p.accent), 10 * u, 0, 2 * u);
        const float r = ImGui::GetFontSize() * 0.3f, step = r * 3.2f;
        const float x0 = pos.x + (w - step * static_cast<float>(pin_.size()) + (step - 2 * r)) * 0.5f;
        for (std::size_t i = 0; i < pin_.size(); ++i)
            dl->AddCircleFilled(ImVec2(x0 + r + step * static_cast<float>(i), pos.y + box_h * 0.5f), r, to_u32(p.text));
        ImGui::Dummy(ImVec2(w, box_h));

        const EpochMs locked_until = pin.locked_until();
        if (locked_until > ctx.clock.now()) pin_message_ = ctx.trf("admin.pin_locked", {{"time", clock_time(locked_until)}});
        if (!pin.settings_problem().empty()) text_coloured(ctx.tr("admin.pin_settings_bad"), p.wrong);
        if (!pin_message_.empty()) text_coloured(pin_message_, p.wrong);
        ImGui::Spacing();
        const float key_block = (std::max(88.0f * u, min_target()) * 1.4f) * 3 + 24 * u;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (w - key_block) * 0.5f));
        ImGui::BeginGroup();
        submit = keypad(pin_, kMaxPinDigitsShown, ctx.tr("admin.pin_ok"), ctx.tr("admin.pin_clear")) || submit;
        ImGui::EndGroup();
        ImGui::Spacing();
        if (button(ctx.tr("common.cancel") + "##admin_cancel")) {
            forget();
            ctx.go(ScreenId::attract);
        }
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();

        if (submit && !pin_.empty()) {
            try {
                const PinSignIn r = pin.sign_in(pin_);  // logs admin_sign_in / admin_failure / admin_locked itself
                pin_.clear();
                if (r.outcome == PinOutcome::accepted) {
                    pin_message_.clear();
                    sign_in(ctx, /*wait=*/false);
                } else if (r.outcome == PinOutcome::locked) {
                    pin_message_ = ctx.trf("admin.pin_locked", {{"time", clock_time(r.locked_until)}});
                } else {
                    pin_message_ = ctx.trf("admin.pin_wrong", {{"failures", std::to_string(r.failures)}});
                }
            } catch (const StoreError& e) {
                pin_message_ = ctx.trf("store.error", {{"reason", e.what()}});
            }
        }
    }

    void sign_in(UiContext& ctx, bool wait) {
        signed_in_ = true;
        ctx.add_glyphs("—≤");  // drawn by the tabs, not in the string tables
        last_input_ms_ = steady_ms();
        if (dev_mode_) log_admin_action(ctx, "admin_sign_in", R"({"dev_mode":true})");
        try {
            ensure_report_indexes(ctx.store->handle());
        } catch (const StoreError&) {
            // Reports still work without them, only slower.
        }
        start_load(ctx, wait);
    }

    void sign_out(UiContext& ctx, const char* why) {
        log_admin_action(ctx, "admin_sign_out", std::string(R"({"reason":")") + why + "\"}");
        forget();
        ctx.go(ScreenId::attract);
    }

    // The figures: in a worker thread on a read-only connection of its own; synchronously when asked (development
    // screenshots must show them) or when the records are in memory.
    void start_load(UiContext& ctx, bool wait) {
        if (loading_.valid()) return;
        const SnapshotInputs in = snapshot_inputs(ctx.content, ctx.clock.now());
        const char* file = sqlite3_db_filename(ctx.store->handle(), "main");
        const std::string path = file ? file : "";
        if (wait || path.empty()) {
            snapshot_ = load_admin_snapshot(ctx.store->handle(), in);
            loaded(ctx);
            return;
        }
        loading_ = std::async(std::launch::async, [path, in] { return load_admin_snapshot_file(path, in); });
    }

    void poll(UiContext& ctx) {
        if (maintenance_.take_refresh()) start_load(ctx, false);
        if (loading_.valid() && loading_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            snapshot_ = loading_.get();
            loaded(ctx);
        }
    }

    // Names and departments come from the records: the font atlas must hold their characters.
    void loaded(UiContext& ctx) {
        std::string text;
        for (const auto& r : snapshot_->completions) {
            for (const auto& d : r.departments) text += d.department;
            for (const auto* list : {&r.overdue, &r.due_soon})
                for (const auto& person : *list) text += person.name + person.department;
        }
        for (const auto& d : snapshot_->heatmap.departments) text += d;
        for (const auto& person : snapshot_->attestations.people) text += person.name + person.department;
        if (text != glyphs_added_) {
            ctx.add_glyphs(text);
            glyphs_added_ = text;
        }
        std::printf("ADMIN LOADED courses=%zu items=%zu cells=%zu ms=%.0f\n", snapshot_->completions.size(), snapshot_->items.items.size(),
                    snapshot_->heatmap.cells.size(), snapshot_->load_ms);
        std::fflush(stdout);
    }

    void draw_header(UiContext& ctx) {
        const Palette& p = ctx.palette();
        const ImGuiStyle& st = ImGui::GetStyle();
        const std::string refresh = ctx.tr("admin.refresh") + "##admin_refresh";
        const std::string leave = ctx.tr("admin.sign_out") + "##admin_leave";
        const auto width_of = [&](const std::string& s) { return std::max(ImGui::CalcTextSize(s.c_str(), nullptr, true).x + st.FramePadding.x * 2, min_target()); };
        const float buttons_w = width_of(refresh) + width_of(leave) + st.ItemSpacing.x;
        const float right = ImGui::GetWindowContentRegionMax().x;

        std::string status;
        Rgb status_colour = p.text_muted;
        if (loading_.valid()) {
            status = ctx.tr("admin.loading");
        } else if (snapshot_ && !snapshot_->error.empty()) {
            status = ctx.trf("admin.load_error", {{"reason", snapshot_->error}});
            status_colour = p.wrong;
        } else if (snapshot_) {
            status = ctx.trf("admin.as_of", {{"date", format_date(snapshot_->as_of, ctx.settings.lang)},
                                             {"ms", std::to_string(static_cast<long long>(snapshot_->load_ms))}});
        }
        const std::string dev = dev_mode_ ? ctx.tr("admin.dev_mode") : std::string();
        const auto draw_status = [&] {
            if (!status.empty()) text_coloured(status, status_colour);
            if (!dev.empty()) {
                if (!status.empty()) ImGui::SameLine();
                text_coloured(dev, p.wrong);
            }
        };

        ImGui::AlignTextToFramePadding();
        ImGui::PushFont(heading_font());
        text(ctx.tr("admin.title"));
        ImGui::PopFont();
        // The status goes beside the title when it fits between the title and the buttons (large text, narrow screens:
        // on the line below).
        const float after_title = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + st.ItemSpacing.x;
        const float status_w = (status.empty() ? 0.0f : ImGui::CalcTextSize(status.c_str()).x) +
                               (dev.empty() ? 0.0f : ImGui::CalcTextSize(dev.c_str()).x + st.ItemSpacing.x);
        const bool status_beside = after_title + status_w + st.ItemSpacing.x + buttons_w <= right;
        if (status_beside) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            draw_status();
        }
        ImGui::SameLine(std::max(after_title, right - buttons_w));
        if (button(refresh) && !loading_.valid()) start_load(ctx, false);
        ImGui::SameLine();
        if (button(leave, ButtonKind::primary)) sign_out(ctx, "button");
        if (!status_beside) draw_status();
    }

    void draw_tabs(UiContext& ctx) {
        const float u = unit();
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(22 * u, 12 * u));
        if (!ImGui::BeginTabBar("##admin_tabs")) {
            ImGui::PopStyleVar();
            return;
        }
        const struct {
            Tab tab;
            const char* key;
        } tabs[] = {{Tab::dashboard, "admin.tab.dashboard"}, {Tab::items, "admin.tab.items"}, {Tab::heatmap, "admin.tab.heatmap"},
                    {Tab::attestations, "admin.tab.attestations"}, {Tab::maintenance, "admin.tab.maintenance"}};
        std::optional<Tab> open;
        for (const auto& t : tabs) {
            const std::string label = ctx.tr(t.key) + "##" + t.key;
            const ImGuiTabItemFlags flags = select_tab_ && t.tab == tab_ ? ImGuiTabItemFlags_SetSelected : 0;
            const bool visible = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
            trace_item(label, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
            if (visible) {
                open = t.tab;
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
        ImGui::PopStyleVar();
        select_tab_ = false;
        if (open && *open != tab_) {
            tab_ = *open;
            std::printf("ADMIN TAB %d\n", static_cast<int>(tab_));
            std::fflush(stdout);
        }

        // Each tab scrolls its own tables and panels; the frame around them does not scroll.
        ImGui::BeginChild("##admin_tab", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        if (tab_ == Tab::maintenance) {
            maintenance_.draw(ctx, loading_.valid());
        } else if (!snapshot_) {
            muted(ctx.tr("admin.loading"));
        } else if (tab_ == Tab::dashboard) {
            dashboard_.draw(ctx, *snapshot_);
        } else if (tab_ == Tab::items) {
            items_.draw(ctx, *snapshot_);
        } else if (tab_ == Tab::attestations) {
            attestations_.draw(ctx, *snapshot_);
        } else {
            heatmap_.draw(ctx, *snapshot_);
        }
        ImGui::EndChild();
    }

    bool signed_in_ = false;
    bool dev_mode_ = false;
    std::string pin_;
    std::string pin_message_;
    Tab tab_ = Tab::dashboard;
    bool select_tab_ = false;
    std::optional<AdminSnapshot> snapshot_;
    std::future<AdminSnapshot> loading_;
    std::string glyphs_added_;
    std::int64_t last_input_ms_ = 0;
    DashboardTab dashboard_;
    ItemsTab items_;
    HeatmapTab heatmap_;
    AttestationsTab attestations_;
    MaintenanceTab maintenance_;
};

} // namespace

std::unique_ptr<Screen> make_admin_screen() { return std::make_unique<AdminScreen>(); }

} // namespace kiosk::ui
