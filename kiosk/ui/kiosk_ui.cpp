// The UI shell: one full-screen ImGui window, the top bar, the current screen, the idle warning, transitions.
#include "kiosk_ui.hpp"

#include "screens.hpp"
#include "theme.hpp"
#include "ui_trace.hpp"
#include "widgets.hpp"

#include "core/session.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace kiosk::ui {

namespace {
std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool input_this_frame() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f || io.InputQueueCharacters.Size > 0) return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    // Keys count when they are ones the kiosk uses (navigation, Enter, Space, Escape, Backspace…); typed digits and
    // letters arrive as characters above. Other keys (the F12 screenshot key of tests) are not a person's activity.
    for (int k = 0; k < ImGuiKey_COUNT; ++k)
        if (io.KeyMap[k] >= 0 && io.KeyMap[k] < IM_ARRAYSIZE(io.KeysDown) && io.KeysDown[io.KeyMap[k]]) return true;
    return io.KeyCtrl || io.KeyShift || io.KeyAlt;
}

const char* screen_name(ScreenId id) {
    switch (id) {
    case ScreenId::attract: return "attract";
    case ScreenId::signin: return "signin";
    case ScreenId::home: return "home";
    case ScreenId::question: return "question";
    case ScreenId::feedback: return "feedback";
    case ScreenId::results: return "results";
    case ScreenId::guideline: return "guideline";
    case ScreenId::preview: return "preview";
    case ScreenId::admin: return "admin";
    }
    return "?";
}
} // namespace

PersonState::PersonState() = default;
PersonState::~PersonState() = default;
PersonState::PersonState(PersonState&&) noexcept = default;
PersonState& PersonState::operator=(PersonState&&) noexcept = default;

UiContext::UiContext(const Content& c, const StringTable& s, AttemptStore* st, Clock& cl, TerminalConfig cfg)
    : content(c), strings(s), store(st), clock(cl), config(std::move(cfg)), palette_(standard_palette()) {
    settings.lang = config.language;
    settings.font_scale_percent = config.font_scale_percent;
    settings.high_contrast = config.high_contrast;
}

void UiContext::open_guideline(const std::string& clause_id) {
    guideline_focus = clause_id;
    if (current_ != ScreenId::guideline) guideline_return = current_;
    go(ScreenId::guideline);
}

KioskUi::KioskUi(UiContext& ctx, bool allow_quit)
    : ctx_(ctx), allow_quit_(allow_quit), idle_(ctx.config.idle_seconds, ctx.config.warning_seconds) {
    screens_[static_cast<std::size_t>(ScreenId::attract)] = make_attract_screen();
    screens_[static_cast<std::size_t>(ScreenId::signin)] = make_signin_screen();
    screens_[static_cast<std::size_t>(ScreenId::home)] = make_home_screen();
    screens_[static_cast<std::size_t>(ScreenId::question)] = make_question_screen();
    screens_[static_cast<std::size_t>(ScreenId::feedback)] = make_feedback_screen();
    screens_[static_cast<std::size_t>(ScreenId::results)] = make_results_screen();
    screens_[static_cast<std::size_t>(ScreenId::guideline)] = make_guideline_screen();
    screens_[static_cast<std::size_t>(ScreenId::admin)] = make_admin_screen();
    std::printf("SCREEN attract\n");
    std::fflush(stdout);
}

KioskUi::~KioskUi() = default;

void KioskUi::set_preview(std::unique_ptr<Screen> preview) {
    screens_[static_cast<std::size_t>(ScreenId::preview)] = std::move(preview);
    preview_mode_ = true;
    ctx_.set_current(ScreenId::preview);
    screen(ScreenId::preview).on_enter(ctx_);
}

Screen& KioskUi::screen(ScreenId id) { return *screens_[static_cast<std::size_t>(id)]; }

// Admin entry: a long press on the title in the top-left corner, or Ctrl+Alt+A, from the attract screen only
// (never in the middle of someone's session). The admin screen asks for the PIN.
constexpr std::int64_t kAdminPressMs = 3000;

void KioskUi::watch_admin_entry(float bar_height) {
    if (ctx_.current() != ScreenId::attract || preview_mode_) {
        corner_press_ms_ = -1;
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const bool chord = io.KeyCtrl && io.KeyAlt && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_A), false);
    const bool in_corner = io.MousePos.x >= 0 && io.MousePos.x < 260.0f * ctx_.content_scale && io.MousePos.y >= 0 && io.MousePos.y < bar_height;
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && in_corner) corner_press_ms_ = steady_ms();
    if (!io.MouseDown[ImGuiMouseButton_Left] || !in_corner) corner_press_ms_ = -1;
    if (chord || (corner_press_ms_ >= 0 && steady_ms() - corner_press_ms_ >= kAdminPressMs)) {
        corner_press_ms_ = -1;
        ctx_.go(ScreenId::admin);
    }
}

double KioskUi::seconds_until_due() const {
    const std::int64_t ms = idle_.ms_until_due(steady_ms());
    double due = ms < 0 ? -1.0 : static_cast<double>(ms) / 1000.0;
    if (corner_press_ms_ >= 0) {  // a held press makes no events: wake up when it has lasted long enough
        const double hold = std::max(0.0, static_cast<double>(corner_press_ms_ + kAdminPressMs - steady_ms()) / 1000.0);
        due = due < 0 ? hold : std::min(due, hold);
    }
    if (shield_until_ms_ >= 0) {  // lift the shield on time, so that the next tap is not eaten by a stale one
        const double lift = std::max(0.0, static_cast<double>(shield_until_ms_ - steady_ms()) / 1000.0);
        due = due < 0 ? lift : std::min(due, lift);
    }
    const auto& current = screens_[static_cast<std::size_t>(ctx_.current())];
    const double screen_due = current ? current->seconds_until_due() : -1.0;
    if (screen_due >= 0 && (due < 0 || screen_due < due)) due = screen_due;
    return due;
}

void KioskUi::sign_out() {
    if (ctx_.person.session && ctx_.store) {
        try {
            ctx_.person.session->suspend();
        } catch (const StoreError& e) {
            ctx_.store_error = e.what();  // the answers themselves were saved when they were given
        }
    }
    if (ctx_.store && ctx_.person.signed_in) {
        try {
            ctx_.store->log_event("sign_out", ctx_.person.learner.staff_id, "{}", ctx_.clock.now());
        } catch (const StoreError&) {
        }
    }
    ctx_.person = PersonState{};
    for (auto& s : screens_)
        if (s) s->forget();
    ctx_.guideline_focus.clear();
    // The next person starts with the terminal's own settings, not the previous person's choices.
    ctx_.settings.lang = ctx_.config.language;
    ctx_.settings.font_scale_percent = ctx_.config.font_scale_percent;
    ctx_.settings.high_contrast = ctx_.config.high_contrast;
    idle_.disarm();
    ctx_.go(ScreenId::attract);
}

bool KioskUi::apply_transition() {
    bool changed = false;
    if (ctx_.take_sign_out()) {
        sign_out();
        changed = true;
    }
    if (auto next = ctx_.take_pending()) {
        changed = true;
        ctx_.set_current(*next);
        // The keypad and the department list time out too: a half-typed staff ID never stays on the glass.
        if (*next != ScreenId::attract && *next != ScreenId::preview && (ctx_.person.signed_in || *next == ScreenId::signin))
            idle_.arm(steady_ms());
        screen(*next).on_enter(ctx_);
        std::printf("SCREEN %s\n", screen_name(*next));
        std::fflush(stdout);
    }
    return changed;
}

void KioskUi::frame() {
    ImGuiIO& io = ImGui::GetIO();
    if (applied_scale_ != ctx_.settings.font_scale_percent || applied_contrast_ != ctx_.settings.high_contrast ||
        applied_content_scale_ != ctx_.content_scale) {
        applied_scale_ = ctx_.settings.font_scale_percent;
        applied_contrast_ = ctx_.settings.high_contrast;
        applied_content_scale_ = ctx_.content_scale;
        ctx_.set_palette(ctx_.settings.high_contrast ? high_contrast_palette() : standard_palette());
        apply_theme(ctx_.palette(), ctx_.content_scale * static_cast<float>(ctx_.settings.font_scale_percent) / 100.0f);
    }
    set_widget_palette(ctx_.palette());
    set_display_scale(ctx_.content_scale);

    if (view_pending_) {  // a new view: scrolled to the top, laid out in two unseen frames, then shown
        view_pending_ = false;
        hidden_frames_ = 2;
        start_view();
    }
    const std::int64_t now = steady_ms();
    watch_idle(now);
    const auto phase = idle_.phase(now);
    if (phase == IdleGuard::Phase::warning && !warned_) {
        warned_ = true;
        std::printf("IDLE warning\n");
        std::fflush(stdout);
    }
    if (phase != IdleGuard::Phase::warning) warned_ = false;
    if (phase == IdleGuard::Phase::expired) {
        std::printf("IDLE timeout\n");
        std::fflush(stdout);
        ctx_.request_sign_out();
    }

    if (allow_quit_ && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        if (++escape_count_ >= 2) ctx_.quit_requested = true;
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    const bool compact = compact_layout();
    if (compact) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * ctx_.content_scale, 6 * ctx_.content_scale));
    ImGui::Begin("##kiosk", nullptr, flags);
    if (compact) ImGui::PopStyleVar();
    draw_top_bar();
    ImGui::BeginChild("##screen", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
    screen(ctx_.current()).draw(ctx_);
    ImGui::EndChild();
    ImGui::End();

    if (phase == IdleGuard::Phase::warning || warning_drawn_) draw_idle_warning();
    else if (shield_until_ms_ >= 0) draw_input_shield();
    (void)io;
    end_frame_of_view();
    const bool switched = apply_transition();
    const bool changed = ctx_.take_new_view() || switched;
    if (changed) view_pending_ = true;
    frame_hidden_ = changed || hidden_frames_ > 0;  // a frame that still shows the old screen is not shown either
    if (hidden_frames_ > 0) --hidden_frames_;
    trace_end_frame(!frame_hidden_);
}

// Idle: any input is activity, except while the warning is up: then the tap (or key) that dismisses it does nothing
// else. The warning stays while the finger is down (its own buttons act on the release); after that an invisible shield
// eats input for a moment and until the finger is lifted, so the tap never reaches what is under the warning.
void KioskUi::watch_idle(std::int64_t now) {
    const ImGuiIO& io = ImGui::GetIO();
    bool down = false;
    for (bool d : io.MouseDown) down = down || d;
    const bool input = input_this_frame();
    const bool warning = idle_.phase(now) == IdleGuard::Phase::warning;
    warning_drawn_ = false;
    if (warning && input) {
        warning_drawn_ = true;
        if (!down) {
            idle_.activity(now);
            shield_until_ms_ = now + static_cast<std::int64_t>(kTapGuardSeconds * 1000);
        }
    } else if (warning && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        warning_drawn_ = true;
        idle_.activity(now);
        shield_until_ms_ = now + static_cast<std::int64_t>(kTapGuardSeconds * 1000);
    } else if (input) {
        idle_.activity(now);
    }
    if (shield_until_ms_ >= 0 && now >= shield_until_ms_ && !down) shield_until_ms_ = -1;
}

void KioskUi::draw_input_shield() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::Begin("##shield", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);
    ImGui::SetWindowFocus();
    ImGui::End();
}

void KioskUi::draw_top_bar() {
    const Palette& p = ctx_.palette();
    const float u = unit();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, to_imgui(p.surface));
    // On a short screen with large text the bar is drawn smaller (see compact_layout): its controls keep their size.
    const float chrome = chrome_font_scale();
    const bool compact = chrome < 1.0f;
    if (compact) {
        // Frames exactly one target high, so that the title lines up with the buttons' labels.
        const float pad_y = std::max(4 * ctx_.content_scale, (min_target() - ImGui::GetFontSize() * chrome) * 0.5f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10 * ctx_.content_scale, pad_y));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * ctx_.content_scale, 2 * ctx_.content_scale));
    }
    const float frame_h = ImGui::GetFontSize() * chrome + ImGui::GetStyle().FramePadding.y * 2;
    const float bar_h = std::max(min_target(), frame_h) + (compact ? 6 * ctx_.content_scale : 20 * std::min(u, 1.25f));
    ImGui::BeginChild("##topbar", ImVec2(0, bar_h), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::SetWindowFontScale(chrome);
    ImGui::SetCursorPosY(compact ? (bar_h - std::max(min_target(), ImGui::GetFrameHeight())) * 0.5f
                                 : (bar_h - ImGui::GetFrameHeight()) * 0.5f - 1);
    ImGui::AlignTextToFramePadding();

    // Right-aligned controls: language, text size, contrast, sign-out. Reachable from every screen.
    const std::string lang_label = ctx_.tr("top.language_switch");  // the other language, named in itself
    const std::string size_label = ctx_.trf("top.font_size", {{"percent", std::to_string(ctx_.settings.font_scale_percent)}});
    const std::string contrast_label = ctx_.tr(ctx_.settings.high_contrast ? "top.contrast_on" : "top.contrast_off");
    const std::string sign_out_label = ctx_.tr("top.sign_out");
    const ImGuiStyle& st = ImGui::GetStyle();
    auto width_of = [&](const std::string& s) { return std::max(ImGui::CalcTextSize(s.c_str()).x + st.FramePadding.x * 2, min_target()); };
    float total = width_of(lang_label) + width_of(size_label) + width_of(contrast_label) + st.ItemSpacing.x * 3;
    if (ctx_.person.signed_in) total += width_of(sign_out_label) + st.ItemSpacing.x;

    // The title and the person's name on the left, each only when it fits whole beside the controls
    // (large text on a small screen drops them rather than drawing them under the buttons).
    const float room = ImGui::GetWindowContentRegionMax().x - total - ImGui::GetCursorPosX() - st.ItemSpacing.x;
    const std::string title = ctx_.tr("app.title");
    const float title_w = ImGui::CalcTextSize(title.c_str()).x;
    if (title_w <= room) {
        text(title);
        if (ctx_.person.signed_in) {
            const std::string who = ctx_.person.learner.name.empty() ? ctx_.trf("top.staff", {{"id", ctx_.person.learner.staff_id}})
                                                                      : ctx_.trf("top.person", {{"name", clamp_for_display(ctx_.person.learner.name, 60)}});
            const float who_w = ImGui::CalcTextSize(" | ").x + ImGui::CalcTextSize(who.c_str()).x + st.ItemSpacing.x * 2;
            if (title_w + who_w <= room) {
                ImGui::SameLine();
                ImGui::TextDisabled("|");
                ImGui::SameLine();
                text(who);
            }
        }
    } else {
        ImGui::Dummy(ImVec2(std::max(room, 1.0f), ImGui::GetFrameHeight()));  // still the long-press area for admin entry
    }
    ImGui::SameLine(std::max(ImGui::GetWindowContentRegionMax().x - total, 0.0f));
    if (button(lang_label + "##lang")) ctx_.settings.lang = ctx_.settings.lang == Lang::ja ? Lang::en : Lang::ja;
    ImGui::SameLine();
    if (button(size_label + "##size")) {
        const int steps[] = {100, 125, 150, 200};
        int next = 100;
        for (std::size_t i = 0; i < 4; ++i)
            if (steps[i] == ctx_.settings.font_scale_percent) next = steps[(i + 1) % 4];
        ctx_.settings.font_scale_percent = next;
    }
    ImGui::SameLine();
    if (button(contrast_label + "##contrast")) ctx_.settings.high_contrast = !ctx_.settings.high_contrast;
    if (ctx_.person.signed_in) {
        ImGui::SameLine();
        if (button(sign_out_label + "##signout", ButtonKind::primary)) ctx_.request_sign_out();
    }
    ImGui::EndChild();
    if (compact) ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    watch_admin_entry(bar_h);
    if (!ctx_.store_error.empty()) {
        text_coloured(ctx_.store_error, p.wrong);
    }
}

void KioskUi::draw_idle_warning() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_imgui(ctx_.palette().background, 0.97f));
    ImGui::Begin("##idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetWindowFocus();
    const float w = std::min(vp->WorkSize.x * 0.8f, 900 * unit());
    ImGui::SetCursorPos(ImVec2((vp->WorkSize.x - w) * 0.5f, vp->WorkSize.y * 0.25f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    heading(ctx_.tr("idle.title"));
    const int left = idle_.seconds_left(steady_ms());
    ImGui::PushFont(heading_font());
    // Before sign-in (keypad, department list) nobody is signed in and nothing is saved: the warning says what happens.
    const bool signed_in = ctx_.person.signed_in;
    text_coloured(ctx_.trf(signed_in ? "idle.countdown" : "idle.countdown_signin", {{"seconds", std::to_string(left)}}), ctx_.palette().wrong);
    ImGui::PopFont();
    text_wrapped(ctx_.tr(signed_in ? "idle.body" : "idle.body_signin"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // Any input counts as activity; the button makes the way out obvious.
    if (button(ctx_.tr("idle.continue"), ButtonKind::primary, w * 0.5f, min_target() * 1.5f)) idle_.activity(steady_ms());
    ImGui::SameLine();
    if (button(ctx_.tr(signed_in ? "idle.sign_out" : "idle.sign_out_signin"), ButtonKind::secondary, w * 0.5f - ImGui::GetStyle().ItemSpacing.x, min_target() * 1.5f))
        ctx_.request_sign_out();
    ImGui::EndGroup();
    ImGui::End();
    ImGui::PopStyleColor();
}

} // namespace kiosk::ui
