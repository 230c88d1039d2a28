// Every learner screen drawn headless (ImGui with no window, as imgui's example_null does) with the real CJK font and
// a real SQLite file, driven by simulated taps: controls stay on screen and ≥ 44 px at 200 % on 1280×720, language
// switches change the scenario text, sign-out leaves nothing of the person behind, and the flow around an attempt (pause to
// the menu, confirmed start-over, the exam summary, the checklist's order, the home card after a fail).
#include "core/attempt_store.hpp"
#include "core/clock.hpp"
#include "core/content.hpp"
#include "core/glyph_text.hpp"
#include "core/session.hpp"
#include "core/strings.hpp"
#include "platform/font_atlas.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/question_view.hpp"
#include "ui/widgets.hpp"
#include "ui/ui_trace.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

const std::string kSource = KIOSK_SOURCE_DIR;

struct Harness {
    Content content;
    StringTable strings;
    fs::path dir;
    std::unique_ptr<AttemptStore> store;
    ManualClock clock;
    std::unique_ptr<ui::UiContext> ctx;
    std::unique_ptr<ui::KioskUi> ui;
    platform::FontFace face;
    platform::FontAtlas atlas;
    std::string glyphs;

    Harness(float width, float height, int font_scale) {
        content = load_content(kSource + "/content", kSource + "/tests/e2e/scenarios");
        REQUIRE(content.skipped_files.empty());
        std::vector<Diagnostic> diags;
        REQUIRE(strings.load(kSource + "/content/strings", diags));
        dir = fs::temp_directory_path() / ("kiosk-ui-test-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        store = std::make_unique<AttemptStore>((dir / "kiosk.db").string(), "ui-test");
        REQUIRE(store->status().ok);
        TerminalConfig cfg;
        cfg.terminal_id = "ui-test";
        cfg.font_scale_percent = font_scale;
        ctx = std::make_unique<ui::UiContext>(content, strings, store.get(), clock, cfg);
        ImGui::CreateContext(&atlas.imgui());
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        // ImGui 1.86 wants every navigation key mapped when keyboard navigation is on (the GLFW backend does this in the app).
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
        std::string error;
        REQUIRE(platform::find_cjk_font(face, error));
        ui::enable_trace(true, /*print=*/false);
        ui = std::make_unique<ui::KioskUi>(*ctx, true);
        glyphs = content_glyph_text(content, strings.all_text() + ui::kUiLiteralGlyphs).body;
        settle();
    }
    ~Harness() {
        ui.reset();
        ImGui::DestroyContext();
        store.reset();
        fs::remove_all(dir);
    }

    void frame() {
        if (ui->fonts_dirty()) {
            platform::FontRequest r;
            r.body_px = ui->body_px();
            r.heading_px = ui->heading_px();
            r.body_text = glyphs + ctx->extra_glyphs;
            r.heading_text = glyphs;
            platform::FontStats stats;
            std::string error;
            REQUIRE(atlas.build(face, r, stats, error));
            ui->fonts_rebuilt(r.body_px);
        }
        ImGuiIO& io = ImGui::GetIO();
        // A tenth of a second a frame: taps a few frames apart are as far apart as a person's (the kiosk ignores a second
        // tap within 0.3 s, and taps on a view younger than that).
        io.DeltaTime = 0.1f;
        ImGui::NewFrame();
        ui->frame();
        ImGui::Render();
    }
    void settle() {
        for (int i = 0; i < 4; ++i) frame();
    }

    const ui::TracedItem* find(const std::string& label) const {
        const ui::TracedItem* prefix = nullptr;
        for (const auto& t : ui::traced_items()) {
            if (t.label == label) return &t;
            if (!prefix && t.label.rfind(label, 0) == 0) prefix = &t;
        }
        return prefix;
    }

    void tap(const std::string& label) {
        INFO("tap " << label);
        ImGuiIO& io = ImGui::GetIO();
        // Like a person: when the control is not (wholly) on screen, scroll down with the wheel, then back up.
        const ui::TracedItem* t = find(label);
        for (int i = 0; i < 80 && t == nullptr; ++i) {
            io.MousePos = ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.6f);
            io.MouseWheel = i < 40 ? -1.0f : 1.0f;
            frame();
            io.MouseWheel = 0.0f;
            frame();
            t = find(label);
        }
        REQUIRE(t != nullptr);
        REQUIRE(t->y1 <= io.DisplaySize.y);
        io.MousePos = ImVec2((t->x0 + t->x1) * 0.5f, (t->y0 + t->y1) * 0.5f);
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        settle();
    }

    // Every tappable widget must lie within the screen horizontally and be at least 44 px square.
    void check_layout(const std::string& screen) const {
        const ImVec2 size = ImGui::GetIO().DisplaySize;
        const float min_px = 44.0f;
        REQUIRE_FALSE(ui::traced_items().empty());
        for (const auto& t : ui::traced_items()) {
            INFO(screen << ": '" << t.label << "' at " << t.x0 << "," << t.y0 << " – " << t.x1 << "," << t.y1);
            CHECK(t.x0 >= -0.5f);
            CHECK(t.x1 <= size.x + 0.5f);
            CHECK(t.x1 - t.x0 >= min_px - 0.5f);
            CHECK(t.y1 - t.y0 >= min_px - 0.5f);
        }
    }

    void sign_in(const std::string& staff_id, const std::string& department) {
        tap(strings.get(ctx->settings.lang, "attract.touch_to_start"));
        for (char c : staff_id) tap(std::string(1, c));
        tap(strings.get(ctx->settings.lang, "signin.ok"));
        tap(department);
        REQUIRE(ctx->current() == ui::ScreenId::home);
    }
};

} // namespace

TEST_CASE("at 200 % on 1280x720 every control of every learner screen is on screen and at least 44 px") {
    Harness h(1280, 720, 200);
    h.check_layout("attract");
    h.tap(h.strings.get(Lang::ja, "attract.touch_to_start"));
    h.check_layout("signin");
    for (char c : std::string("3141")) h.tap(std::string(1, c));
    h.tap(h.strings.get(Lang::ja, "signin.ok"));
    h.check_layout("department");
    h.tap(h.strings.get(Lang::ja, "department.1"));
    REQUIRE(h.ctx->current() == ui::ScreenId::home);
    h.check_layout("home");
    h.tap(h.strings.get(Lang::ja, "home.start") + "##orientation");
    REQUIRE(h.ctx->current() == ui::ScreenId::question);
    h.check_layout("question");
    h.tap(h.strings.get(Lang::ja, "question.submit"));
    h.check_layout("confirm");
    h.tap(h.strings.get(Lang::ja, "question.confirm_yes"));
    REQUIRE(h.ctx->current() == ui::ScreenId::feedback);
    h.check_layout("feedback");
    h.tap(h.strings.get(Lang::ja, "feedback.next"));
    h.tap(h.strings.get(Lang::ja, "question.submit"));
    h.tap(h.strings.get(Lang::ja, "question.confirm_yes"));
    h.tap(h.strings.get(Lang::ja, "feedback.next"));
    h.tap(h.strings.get(Lang::ja, "question.submit"));
    h.tap(h.strings.get(Lang::ja, "question.confirm_yes"));
    h.tap(h.strings.get(Lang::ja, "feedback.finish"));
    REQUIRE(h.ctx->current() == ui::ScreenId::results);
    h.check_layout("results");
    h.ctx->open_guideline("5.4.a");
    h.settle();
    REQUIRE(h.ctx->current() == ui::ScreenId::guideline);
    h.check_layout("guideline");
}

TEST_CASE("switching language mid-question changes the scenario text on screen") {
    Harness h(1280, 720, 100);
    h.sign_in("2718", h.strings.get(Lang::ja, "department.3"));
    h.tap(h.strings.get(Lang::ja, "home.start") + "##orientation");
    REQUIRE(h.ctx->current() == ui::ScreenId::question);
    const Scenario* item = h.content.scenario("e2e-account-password");
    REQUIRE(item != nullptr);
    // Options are shuffled per attempt: take one that is on screen.
    const Option* shown = nullptr;
    for (const auto& o : item->options)
        if (h.find(o.text.ja) != nullptr) shown = &o;
    REQUIRE(shown != nullptr);
    CHECK(h.find(shown->text.en) == nullptr);
    h.tap("English");
    CHECK(h.ctx->settings.lang == Lang::en);
    CHECK(h.find(shown->text.en) != nullptr);
    CHECK(h.find(shown->text.ja) == nullptr);
    CHECK(h.find(h.strings.get(Lang::en, "question.submit")) != nullptr);
}

TEST_CASE("signing out leaves nothing of the person on screen or in the keypad") {
    Harness h(1280, 720, 100);
    h.sign_in("5772", h.strings.get(Lang::ja, "department.2"));
    h.tap(h.strings.get(Lang::ja, "top.sign_out"));
    REQUIRE(h.ctx->current() == ui::ScreenId::attract);
    CHECK_FALSE(h.ctx->person.signed_in);
    CHECK(h.ctx->person.learner.staff_id.empty());
    for (const auto& t : ui::traced_items()) CHECK(t.label.find("5772") == std::string::npos);
    h.tap(h.strings.get(Lang::ja, "attract.touch_to_start"));
    REQUIRE(h.ctx->current() == ui::ScreenId::signin);
    for (const auto& t : ui::traced_items()) CHECK(t.label.find("5772") == std::string::npos);
}

TEST_CASE("from a question the way to the menu suspends the attempt, and starting over asks first with its two answers apart") {
    Harness h(1280, 720, 100);
    h.sign_in("1618", h.strings.get(Lang::ja, "department.2"));
    h.tap(h.strings.get(Lang::ja, "home.start") + "##orientation");
    REQUIRE(h.ctx->current() == ui::ScreenId::question);
    h.tap(h.strings.get(Lang::ja, "question.to_menu") + "##to_menu");
    REQUIRE(h.ctx->current() == ui::ScreenId::home);
    const auto open = h.store->find_resumable("1618", "orientation");
    REQUIRE(open.has_value());
    CHECK(open->state == AttemptState::suspended);
    CHECK(h.find(h.strings.get(Lang::ja, "home.resume") + "##orientation") != nullptr);

    // 最初からやり直す opens a question; nothing is discarded until it is answered.
    h.tap(h.strings.get(Lang::ja, "home.start_over") + "##orientation");
    REQUIRE(h.ctx->current() == ui::ScreenId::home);
    const ui::TracedItem* keep = h.find(h.strings.get(Lang::ja, "home.start_over_keep") + "##start_over_no");
    const ui::TracedItem* discard = h.find(h.strings.get(Lang::ja, "home.start_over_yes") + "##start_over_yes");
    REQUIRE(keep != nullptr);
    REQUIRE(discard != nullptr);
    CHECK(discard->x0 - keep->x1 >= 100.0f);  // well apart: a slip of the finger cannot discard
    h.tap(h.strings.get(Lang::ja, "home.start_over_keep") + "##start_over_no");
    const auto still = h.store->find_resumable("1618", "orientation");
    REQUIRE(still.has_value());
    CHECK(still->uuid == open->uuid);
    h.tap(h.strings.get(Lang::ja, "home.start_over") + "##orientation");
    h.tap(h.strings.get(Lang::ja, "home.start_over_yes") + "##start_over_yes");
    REQUIRE(h.ctx->current() == ui::ScreenId::question);
    CHECK(h.store->attempt(open->uuid)->state == AttemptState::abandoned);
}

TEST_CASE("an exam shows which items are answered before it is finished") {
    Harness h(1280, 720, 100);
    h.sign_in("1414", h.strings.get(Lang::ja, "department.2"));
    h.tap(h.strings.get(Lang::ja, "home.start") + "##refresher");
    REQUIRE(h.ctx->current() == ui::ScreenId::question);
    auto confirm_height = [&] {
        const ImGuiWindow* w = ImGui::FindWindowByName("##confirm");
        return w && w->Active ? w->Size.y : 0.0f;
    };
    float plain = 0.0f;
    for (int i = 0; i < 2; ++i) {
        h.tap(h.strings.get(Lang::ja, "question.submit") + "##submit");
        plain = confirm_height();
        REQUIRE(plain > 0.0f);
        h.tap(h.strings.get(Lang::ja, "question.confirm_yes") + "##confirm_yes");
    }
    // The last item: the confirmation also lists every item, answered or not yet (three more lines at least).
    h.tap(h.strings.get(Lang::ja, "question.submit") + "##submit");
    REQUIRE(h.ctx->current() == ui::ScreenId::question);
    CHECK(confirm_height() >= plain + 3 * ImGui::GetTextLineHeight());
    h.tap(h.strings.get(Lang::ja, "question.confirm_yes") + "##confirm_yes");
    CHECK(h.ctx->current() == ui::ScreenId::results);
}

TEST_CASE("the classification checklist keeps the guideline's order, whatever the attempt's shuffle") {
    Content shipped = load_content(kSource + "/content", kSource + "/scenarios");
    const Scenario* item = nullptr;
    for (const auto& s : shipped.scenarios)
        if (s.type == ItemType::classify && s.options.size() > 3) item = &s;
    REQUIRE(item != nullptr);
    StringTable strings;
    std::vector<Diagnostic> diags;
    REQUIRE(strings.load(kSource + "/content/strings", diags));
    ManualClock clock;
    ui::UiContext ctx(shipped, strings, nullptr, clock, TerminalConfig{});
    std::vector<int> reversed(item->options.size());
    for (std::size_t i = 0; i < reversed.size(); ++i) reversed[i] = static_cast<int>(reversed.size() - 1 - i);
    const std::vector<int> shown = ui::presented_order(ctx, *item, reversed);
    auto rank = [&](int i) {
        const std::string& id = item->options[static_cast<std::size_t>(i)].id;
        for (std::size_t k = 0; k < shipped.guideline.clauses.size(); ++k)
            if (shipped.guideline.clauses[k].id == id) return k;
        return shipped.guideline.clauses.size();  // 「どれにも該当しない」 last
    };
    REQUIRE(shown.size() == item->options.size());
    for (std::size_t i = 1; i < shown.size(); ++i) CHECK(rank(shown[i - 1]) <= rank(shown[i]));
}

TEST_CASE("after a failed exam the home card offers to take it again, not to start it as if never taken") {
    Harness h(1280, 720, 100);
    const Course* refresher = nullptr;
    for (const auto& c : h.content.courses)
        if (c.id == "refresher") refresher = &c;
    REQUIRE(refresher != nullptr);
    Learner person{"3535", "", "", ""};
    h.store->upsert_learner(person);
    auto session = Session::start(h.content, *refresher, person, h.store.get(), h.clock, 7, "ui-test");
    while (session->state() == Session::State::item) session->answer(Response{});  // nothing chosen: every item wrong
    REQUIRE(session->state() == Session::State::finished);
    const auto last = h.store->last_finished("3535", "refresher");
    REQUIRE(last.has_value());
    CHECK_FALSE(last->passed);

    h.ctx->person.signed_in = true;
    h.ctx->person.learner = person;
    h.ctx->go(ui::ScreenId::home);
    h.settle();
    REQUIRE(h.ctx->current() == ui::ScreenId::home);
    CHECK(h.find(h.strings.get(Lang::ja, "home.retake") + "##refresher") != nullptr);
    CHECK(h.find(h.strings.get(Lang::ja, "home.start") + "##refresher") == nullptr);
    CHECK(h.find(h.strings.get(Lang::ja, "home.start") + "##orientation") != nullptr);  // never taken: still 開始
}

TEST_CASE("a 20,000-character name from the records is drawn at sign-in and in the top bar without overflowing a draw list") {
    Harness h(1280, 720, 100);
    Learner l;
    l.staff_id = "2718";
    l.name = std::string(20000, 'A');  // no space to wrap at: one run of glyphs
    l.department = std::string(20000, 'B');
    h.store->upsert_learner(l);
    h.tap(h.strings.get(Lang::ja, "attract.touch_to_start"));
    for (char c : l.staff_id) h.tap(std::string(1, c));
    h.tap(h.strings.get(Lang::ja, "signin.ok"));
    h.settle();  // the confirmation with the name: one draw list must stay under 65,536 vertices (ImGui asserts)
    h.tap(h.strings.get(Lang::ja, "common.yes"));
    REQUIRE(h.ctx->current() == ui::ScreenId::home);
    h.settle();
    // Drawn clamped, stored whole: the records are not changed by how they are shown.
    CHECK(h.store->learner("2718")->name.size() == 20000);
    CHECK(clamp_for_display(l.name).size() < 1000);
}
