// The authoring window: a toolbar (save, undo, redo), the form on the left, the learner's view on the right, drawn
// by the kiosk's own question view from the document as it would be saved; autosave every few seconds.
#include "author_screen.hpp"

#include "author_fields.hpp"
#include "author_items.hpp"
#include "question_view.hpp"
#include "ui_context.hpp"
#include "ui_trace.hpp"
#include "widgets.hpp"

#include "core/author_session.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace kiosk::ui {

namespace {

constexpr auto kAutosaveEvery = std::chrono::seconds(3);

ItemType parse_type(const std::string& t) {
    if (t == "multiple") return ItemType::multiple;
    if (t == "hottext") return ItemType::hottext;
    if (t == "classify") return ItemType::classify;
    if (t == "branching") return ItemType::branching;
    return ItemType::single;
}

std::string new_file_in(const std::string& dir, const std::string& type) {
    for (int i = 1;; ++i) {
        const fs::path p = fs::path(dir) / ("new-" + type + "-" + std::to_string(i) + ".json");
        if (!fs::exists(p)) return p.string();
    }
}

class AuthorScreen final : public Screen {
public:
    AuthorScreen(std::string path, std::string type) : path_(std::move(path)), type_(std::move(type)) {}

    void on_enter(UiContext& ctx) override {
        session_ = std::make_unique<AuthorSession>(ctx.content.guideline);
        if (fs::is_directory(path_)) path_ = new_file_in(path_, type_);
        opened_ = session_->open(path_, parse_type(type_), open_error_);
        note(opened_ ? (session_->recovery_available() ? "recovery" : "opened") : "refused");
        collect_glyphs(ctx);
    }

    double seconds_until_due() const override { return session_ && session_->dirty() ? 1.0 : -1.0; }

    void draw(UiContext& ctx) override {
        if (!opened_) {
            text_coloured(ctx.tr("author.cannot_open"), ctx.palette().wrong);
            text_wrapped(open_error_);
            return;
        }
        AuthorSession& s = *session_;
        shortcuts(ctx);
        toolbar(ctx);
        if (s.autosave_if_due(AuthorSession::clock::now(), kAutosaveEvery)) note("autosaved");
        if (s.recovery_available()) {
            text_coloured(ctx.tr("author.recovery"), ctx.palette().wrong);
            if (button(ctx.tr("author.recovery_accept") + "##rec", ButtonKind::primary)) {
                s.accept_recovery();
                note("recovered");
            }
            ImGui::SameLine();
            if (button(ctx.tr("author.recovery_discard") + "##disc")) s.discard_recovery();
        }
        if (confirm_comments_) {
            text_coloured(ctx.tr("author.comments_lost"), ctx.palette().wrong);
            if (button(ctx.tr("author.save_anyway") + "##anyway", ButtonKind::danger)) {
                confirm_comments_ = false;
                save(ctx);
            }
            ImGui::SameLine();
            if (button(ctx.tr("author.cancel") + "##cancel")) confirm_comments_ = false;
        }
        const float avail = ImGui::GetContentRegionAvail().x;
        ImGui::BeginChild("##form", ImVec2(avail * 0.56f, 0), true);
        form(ctx);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##learner", ImVec2(0, 0), true);
        learner_view(ctx);
        ImGui::EndChild();
        if (s.revision() != seen_revision_) collect_glyphs(ctx);
    }

private:
    void note(const char* what) {
        std::printf("AUTHOR %s %s\n", what, path_.c_str());
        std::fflush(stdout);
    }

    void shortcuts(UiContext& ctx) {
        const ImGuiIO& io = ImGui::GetIO();
        if (!io.KeyCtrl) return;
        auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), false); };
        if (pressed(ImGuiKey_Z)) undo(!io.KeyShift);
        else if (pressed(ImGuiKey_Y)) undo(false);
        else if (ImGui::IsKeyPressed('S', false)) request_save(ctx);
    }

    void undo(bool back) {
        ImGui::ClearActiveID();  // a field being typed in keeps its own copy; let it go so it shows the restored text
        if (back ? session_->undo() : session_->redo()) note(back ? "undo" : "redo");
    }

    void request_save(UiContext& ctx) {
        if (session_->doc().hand_comments) confirm_comments_ = true;  // told before anything is written
        else save(ctx);
    }

    void save(UiContext& ctx) {
        std::string error;
        if (session_->save(error)) {
            status_ = ctx.tr("author.saved");
            note("saved");
        } else {
            status_ = ctx.tr("author.save_failed") + " " + error;
            note("save-failed");
        }
    }

    void toolbar(UiContext& ctx) {
        AuthorSession& s = *session_;
        if (button(ctx.tr("author.save") + "##save", ButtonKind::primary)) request_save(ctx);
        ImGui::SameLine();
        ImGui::BeginDisabled(!s.can_undo());
        if (button(ctx.tr("author.undo") + "##undo")) undo(true);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!s.can_redo());
        if (button(ctx.tr("author.redo") + "##redo")) undo(false);
        ImGui::EndDisabled();
        ImGui::SameLine();
        std::size_t errors = 0, warnings = 0;
        for (const auto& d : s.diagnostics()) (d.severity == Severity::error ? errors : warnings)++;
        ImGui::BeginGroup();
        muted(path_);
        const std::string state = s.dirty() ? ctx.tr("author.unsaved") : (status_.empty() ? ctx.tr("author.saved") : status_);
        text_coloured(state + "　" + ctx.trf("author.counts", {{"errors", std::to_string(errors)}, {"warnings", std::to_string(warnings)}}),
                      errors ? ctx.palette().wrong : ctx.palette().text_muted);
        ImGui::EndGroup();
    }

    void form(UiContext& ctx) {
        AuthorForm f(ctx, *session_);
        const std::string type = f.has("/type") && f.at("/type").is_string() ? f.at("/type").get<std::string>() : "";
        if (ImGui::CollapsingHeader(ctx.tr("author.section.item").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
            std::string header = session_->doc().header;
            text(ctx.tr("author.field.header"));
            if (input_string("##header", header, false, ImGui::GetContentRegionAvail().x)) {
                session_->doc().header = header;
                f.changed("#header");
            }
            f.string_field("author.field.id", "/id");
            text(ctx.tr("author.field.type") + "　" + type);
            f.choice_field("author.field.role", "/role", {"organization", "personal"});
            f.tick_list("author.field.audience", "/audience", {"orientation", "refresher", "operator"},
                        {ctx.tr("author.audience.orientation"), ctx.tr("author.audience.refresher"), ctx.tr("author.audience.operator")});
            f.int_field("author.field.difficulty", "/difficulty", 1, 3);
            f.int_field("author.field.mark", "/mark", 1, 100, true);
            f.clause_list("author.field.clauses", "/clauses", false);
            f.text_pair("author.field.title", "/title", false);
        }
        if (ImGui::CollapsingHeader(ctx.tr("author.section.situation").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
            f.text_pair("author.field.who", "/situation/who", false);
            f.text_pair("author.field.where", "/situation/where", false, true);
            f.text_pair("author.field.when", "/situation/when", false, true);
            f.text_pair("author.field.situation_text", "/situation/text", true);
            f.diagnostics_for("/situation", true);
        }
        if (ImGui::CollapsingHeader(ctx.tr("author.section.post").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) post_fields(f);
        if (ImGui::CollapsingHeader(ctx.tr("author.section.question").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
            if (type != "branching") f.text_pair("author.field.prompt", "/prompt", true);
            f.text_pair("author.field.explanation", "/explanation", true);
            if (type == "single") f.int_field("author.field.points", "/points", 1, 10);
            if (type == "multiple" || type == "hottext" || type == "classify") f.choice_field("author.field.scoring", "/scoring", {"partial", "all_or_nothing"});
        }
        if (ImGui::CollapsingHeader(ctx.tr("author.section.answers").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
            if (type == "single" || type == "multiple") options_section(f, "options", type);
            else if (type == "hottext") hottext_section(f, picker_, trace_enabled());
            else if (type == "classify") classify_section(f);
            else if (type == "branching") branching_section(f);
        }
        ImGui::Separator();
        f.remaining_diagnostics();
    }

    void post_fields(AuthorForm& f) {
        bool has_post = f.has("/post");
        if (ImGui::Checkbox(f.ctx.tr("author.field.has_post").c_str(), &has_post)) {
            if (has_post) f.at("/post") = ordered_json{{"account", ""}, {"display_name", {{"ja", ""}, {"en", ""}}}, {"text", {{"ja", ""}, {"en", ""}}}};
            else f.erase("/post");
            f.changed("/post");
        }
        if (!has_post) return;
        f.string_field("author.field.account", "/post/account");
        f.text_pair("author.field.display_name", "/post/display_name", false);
        f.bool_field("author.field.official", "/post/official", true);
        f.text_pair("author.field.post_text", "/post/text", true);
        f.text_pair("author.field.image", "/post/image", false, true);
        ordered_json& replies = f.at("/post/replies");
        if (!replies.is_array()) replies = ordered_json::array();
        for (std::size_t i = 0; i < replies.size(); ++i) {
            const std::string p = "/post/replies/" + std::to_string(i);
            ImGui::PushID(p.c_str());
            text_coloured(f.ctx.trf("author.reply_n", {{"n", std::to_string(i + 1)}}), f.ctx.palette().accent);
            ImGui::SameLine();
            if (ImGui::SmallButton(f.ctx.tr("author.remove").c_str())) {
                replies.erase(i);
                f.changed("/post/replies");
                ImGui::PopID();
                break;
            }
            f.string_field("author.field.account", p + "/account");
            f.text_pair("author.field.display_name", p + "/display_name", false);
            f.text_pair("author.field.reply_text", p + "/text", true);
            ImGui::PopID();
        }
        if (button(f.ctx.tr("author.add_reply") + "##addreply")) {
            replies.push_back(ordered_json{{"account", ""}, {"display_name", {{"ja", ""}, {"en", ""}}}, {"text", {{"ja", ""}, {"en", ""}}}});
            f.changed("/post/replies");
        }
        if (replies.empty()) f.erase("/post/replies");
        f.diagnostics_for("/post", true);
    }

    void learner_view(UiContext& ctx) {
        AuthorSession& s = *session_;
        text_coloured(ctx.tr("author.learner_view"), ctx.palette().accent);
        if (!s.loads()) text_coloured(ctx.tr("author.learner_stale"), ctx.palette().wrong);
        if (s.scenario().id.empty()) return;
        const Scenario& sc = s.scenario();
        if (sc.id != shown_id_ || sc.type != shown_type_ || sc.options.size() != shown_options_) {
            draft_.reset(sc);
            shown_id_ = sc.id;
            shown_type_ = sc.type;
            shown_options_ = sc.options.size();
        }
        if (sc.type == ItemType::branching && !sc.node(draft_.node)) draft_.reset(sc);
        ImGui::PushTextWrapPos(0.0f);
        draw_question(ctx, sc, {}, draft_);
        ImGui::PopTextWrapPos();
        if (button(ctx.tr("preview.reset") + "##again")) draft_.reset(sc);
    }

    // New characters typed into the document go into the font atlas (the one call site that asks for a rebuild).
    void collect_glyphs(UiContext& ctx) {
        seen_revision_ = session_->revision();
        const std::string& t = session_->text();
        std::string fresh;
        for (std::size_t i = 0; i < t.size();) {
            const unsigned char c = static_cast<unsigned char>(t[i]);
            const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            const std::string cp = t.substr(i, n);
            if (c >= 0x80 && glyphs_.insert(cp).second) fresh += cp;
            i += n;
        }
        if (!fresh.empty()) ctx.add_glyphs(fresh);
    }

    std::string path_;
    std::string type_;
    std::unique_ptr<AuthorSession> session_;
    bool opened_ = false;
    std::string open_error_;
    std::string status_;
    bool confirm_comments_ = false;
    int seen_revision_ = -1;
    std::set<std::string> glyphs_;
    HottextPicker picker_;
    AnswerDraft draft_;
    std::string shown_id_;
    ItemType shown_type_ = ItemType::single;
    std::size_t shown_options_ = 0;
};

} // namespace

std::unique_ptr<Screen> make_author_screen(const std::string& path, const std::string& type) {
    return std::make_unique<AuthorScreen>(path, type);
}

} // namespace kiosk::ui
