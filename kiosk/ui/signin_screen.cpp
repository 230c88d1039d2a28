// Sign-in: staff ID on an on-screen keypad (or keyboard / card reader typing digits + Enter), then confirm the name or pick a department.
#include "glyph_request.hpp"
#include "screens.hpp"
#include "theme.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

#include "core/session.hpp"

#include <cctype>

namespace kiosk::ui {

namespace {

constexpr std::size_t kMaxDigits = 10;
constexpr std::size_t kMinDigits = 4;

class SigninScreen final : public Screen {
public:
    void on_enter(UiContext&) override { forget(); }
    void forget() override {
        digits_.clear();
        step_ = Step::keypad;
        found_.reset();
        message_.clear();
    }

    void draw(UiContext& ctx) override {
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float u = unit();
        const float w = std::min(avail.x * 0.9f, 900 * u);
        ImGui::SetCursorPosX((avail.x - w) * 0.5f);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        switch (step_) {
        case Step::keypad: draw_keypad(ctx, w); break;
        case Step::confirm: draw_confirm(ctx, w); break;
        case Step::department: draw_department(ctx, w); break;
        }
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }

private:
    enum class Step { keypad, confirm, department };

    void draw_keypad(UiContext& ctx, float w) {
        // Physical keyboard and card readers type digits and Enter.
        ImGuiIO& io = ImGui::GetIO();
        for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
            const ImWchar c = io.InputQueueCharacters[i];
            if (c >= '0' && c <= '9' && digits_.size() < kMaxDigits) digits_ += static_cast<char>(c);
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !digits_.empty()) digits_.pop_back();
        bool submit = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);

        const float u = unit();
        const float gap = 12 * u;
        const float box_h = ImGui::GetFontSize() * 2.4f;
        const float cancel_h = min_target() + ImGui::GetStyle().FramePadding.y * 2;
        const float avail_y = ImGui::GetContentRegionAvail().y;
        const float head_h = wrapped_height(ctx.tr("signin.title"), w, heading_font()) + wrapped_height(ctx.tr("signin.hint"), w) +
                             ImGui::GetStyle().ItemSpacing.y * 4;
        // Stacked (title, box, keypad, cancel) when the keypad fits at a comfortable size; otherwise two columns:
        // title, box and cancel on the left, the keypad on the right using the full height.
        const float stacked_keys = (avail_y - head_h - box_h - cancel_h - 4 * gap) / 4 - gap;
        const bool stacked = stacked_keys >= keypad_default_key() * 0.75f;
        float col_w = w;
        const ImVec2 top = ImGui::GetCursorPos();
        if (!stacked) {
            col_w = w * 0.48f;
            ImGui::BeginGroup();
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col_w);
        heading(ctx.tr("signin.title"));
        // The hint gives way when the column is too short for it (large text on a small screen).
        const float sp = ImGui::GetStyle().ItemSpacing.y;
        const float column_h = wrapped_height(ctx.tr("signin.title"), col_w, heading_font()) + wrapped_height(ctx.tr("signin.hint"), col_w) +
                               box_h + cancel_h + sp * 6;
        if (stacked || column_h <= avail_y) muted(ctx.tr("signin.hint"));
        ImGui::PopTextWrapPos();
        draw_digits_box(ctx, col_w, box_h);
        float key_h = std::min(stacked_keys, keypad_default_key());
        if (!stacked) {
            if (button(ctx.tr("common.cancel"), ButtonKind::secondary)) cancel(ctx);
            ImGui::EndGroup();
            ImGui::SetCursorPos(ImVec2(top.x + col_w + w * 0.04f, top.y));  // a fresh line: rows keep even spacing
            key_h = std::min((avail_y - 4 * gap) / 4 - gap, keypad_default_key());
        } else {
            ImGui::Spacing();
        }
        const float key_block = key_h * 1.4f * 3 + 2 * gap;
        const float keys_w = stacked ? w : w * 0.48f;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (keys_w - key_block) * 0.5f));
        ImGui::BeginGroup();
        submit = keypad(digits_, kMaxDigits, ctx.tr("signin.ok"), ctx.tr("signin.clear"), key_h) || submit;
        ImGui::EndGroup();
        if (stacked) {
            ImGui::Spacing();
            if (button(ctx.tr("common.cancel"), ButtonKind::secondary)) cancel(ctx);
        }
        if (submit) accept(ctx);
    }

    void draw_digits_box(UiContext& ctx, float w, float box_h) {
        const Palette& p = ctx.palette();
        const float u = unit();
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + box_h), to_u32(p.surface), 10 * u);
        dl->AddRect(pos, ImVec2(pos.x + w, pos.y + box_h), to_u32(p.accent), 10 * u, 0, 2 * u);
        ImGui::PushFont(heading_font());
        const ImVec2 ts = ImGui::CalcTextSize(digits_.c_str());
        dl->AddText(ImVec2(pos.x + (w - ts.x) * 0.5f, pos.y + (box_h - ts.y) * 0.5f), to_u32(p.text), digits_.c_str());
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(w, box_h));
        if (!message_.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            text_coloured(message_, p.wrong);
            ImGui::PopTextWrapPos();
        }
    }

    void cancel(UiContext& ctx) {
        forget();
        ctx.go(ScreenId::attract);
    }

    void accept(UiContext& ctx) {
        if (digits_.size() < kMinDigits) {
            message_ = ctx.trf("signin.too_short", {{"min", std::to_string(kMinDigits)}});
            return;
        }
        message_.clear();
        found_.reset();
        if (ctx.store) {
            try {
                found_ = ctx.store->learner(digits_);
            } catch (const StoreError& e) {
                ctx.store_error = e.what();
            }
        }
        // A name imported after start-up: its characters are in the atlas before the confirmation draws it.
        if (found_) request_glyphs(ctx, found_->name + found_->department);
        if (found_ && !found_->name.empty()) step_ = Step::confirm;
        else if (found_ && !found_->department.empty()) sign_in(ctx, *found_);
        else step_ = Step::department;
    }

    void draw_confirm(UiContext& ctx, float w) {
        heading(ctx.trf("signin.confirm", {{"name", clamp_for_display(found_->name)}}));
        muted(clamp_for_display(found_->department));
        ImGui::Spacing();
        if (button(ctx.tr("common.yes"), ButtonKind::primary, w * 0.48f, min_target() * 1.6f)) sign_in(ctx, *found_);
        ImGui::SameLine();
        if (button(ctx.tr("signin.not_me"), ButtonKind::secondary, w * 0.48f, min_target() * 1.6f)) forget();
    }

    void draw_department(UiContext& ctx, float w) {
        heading(ctx.tr("signin.department_title"));
        muted(ctx.trf("signin.department_hint", {{"id", digits_}}));
        ImGui::Spacing();
        const int count = std::stoi(ctx.tr("department.count"));
        const float col_w = (w - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        for (int i = 1; i <= count; ++i) {
            const std::string key = "department." + std::to_string(i);
            if (i % 2 == 0) ImGui::SameLine();
            if (option_card(key, ctx.tr(key), false, Mark::none, col_w)) {
                Learner l;
                l.staff_id = digits_;
                // Departments are stored in Japanese whatever the display language, so reports group them once.
                l.department = ctx.strings.get(Lang::ja, key);
                sign_in(ctx, l);
                return;
            }
        }
        ImGui::Spacing();
        if (button(ctx.tr("common.back"))) forget();
    }

    void sign_in(UiContext& ctx, Learner learner) {
        if (ctx.store) {
            try {
                ctx.store->upsert_learner(learner);
                ctx.store->log_event("sign_in", learner.staff_id, "{}", ctx.clock.now());
            } catch (const StoreError& e) {
                ctx.store_error = e.what();
            }
        }
        ctx.person.signed_in = true;
        ctx.person.learner = std::move(learner);
        forget();
        ctx.go(ScreenId::home);
    }

    std::string digits_;
    Step step_ = Step::keypad;
    std::optional<Learner> found_;
    std::string message_;
};

} // namespace

std::unique_ptr<Screen> make_signin_screen() { return std::make_unique<SigninScreen>(); }

} // namespace kiosk::ui
