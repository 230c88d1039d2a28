// Type-specific parts of the authoring form.
#include "author_items.hpp"

#include "widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <set>

namespace kiosk::ui {

namespace {

std::string next_id(const ordered_json& list, const std::string& prefix) {
    std::set<std::string> used;
    for (const auto& e : list)
        if (e.is_object() && e.contains("id") && e["id"].is_string()) used.insert(e["id"].get<std::string>());
    for (int i = 1;; ++i)
        if (!used.count(prefix + std::to_string(i))) return prefix + std::to_string(i);
}

ordered_json blank_text() { return ordered_json{{"ja", ""}, {"en", ""}}; }

std::size_t count_occurrences(const std::string& hay, const std::string& needle) {
    if (needle.empty()) return 0;
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
}

// Up / down / remove buttons of one list entry. Returns true when the list changed (stop drawing it this frame).
bool list_controls(AuthorForm& f, ordered_json& list, std::size_t i, const std::string& pointer) {
    bool changed = false;
    if (i > 0 && ImGui::SmallButton(f.ctx.tr("author.up").c_str())) {
        std::swap(list[i - 1], list[i]);
        changed = true;
    }
    ImGui::SameLine();
    if (!changed && i + 1 < list.size() && ImGui::SmallButton(f.ctx.tr("author.down").c_str())) {
        std::swap(list[i], list[i + 1]);
        changed = true;
    }
    ImGui::SameLine();
    if (!changed && ImGui::SmallButton(f.ctx.tr("author.remove").c_str())) {
        list.erase(i);
        changed = true;
    }
    if (changed) f.changed(pointer);
    return changed;
}

} // namespace

void options_section(AuthorForm& f, const std::string& key, const std::string& type) {
    const std::string lp = "/" + key;
    ordered_json& list = f.at(lp);
    if (!list.is_array()) list = ordered_json::array();
    const bool spans = key == "spans";
    f.diagnostics_for(lp, false);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = lp + "/" + std::to_string(i);
        ImGui::PushID(p.c_str());
        ImGui::Separator();
        const std::string id = list[i].value("id", std::string());
        text_coloured(f.ctx.trf(spans ? "author.span_n" : "author.option_n", {{"n", std::to_string(i + 1)}, {"id", id}}), f.ctx.palette().accent);
        ImGui::SameLine();
        if (list_controls(f, list, i, lp)) {
            ImGui::PopID();
            break;
        }
        f.string_field("author.field.id", p + "/id");
        f.text_pair(spans ? "author.field.phrase" : "author.field.option_text", p + "/text", !spans);
        f.bool_field("author.field.correct", p + "/correct");
        ImGui::SameLine();
        const bool correct = f.has(p + "/correct") && f.at(p + "/correct").is_boolean() && f.at(p + "/correct").get<bool>();
        if (type == "multiple" || type == "hottext") {
            if (!correct) f.bool_field("author.field.acceptable", p + "/acceptable", true);
            else ImGui::NewLine();
        } else {
            ImGui::NewLine();
        }
        if (type != "single") f.int_field("author.field.weight", p + "/weight", 1, 10, true);
        if (!spans) f.bool_field("author.field.pinned", p + "/pinned", true);
        f.text_pair("author.field.rationale", p + "/rationale", true);
        f.clause_list("author.field.option_clauses", p + "/clauses", true);
        f.diagnostics_for(p, true);
        ImGui::PopID();
    }
    if (!spans && button(f.ctx.tr("author.add_option") + "##addopt")) {
        std::string oid = "a";
        for (char c = 'a'; c <= 'z'; ++c) {
            oid = std::string(1, c);
            if (std::none_of(list.begin(), list.end(), [&](const ordered_json& o) { return o.value("id", std::string()) == oid; })) break;
        }
        list.push_back(ordered_json{{"id", oid}, {"text", blank_text()}, {"correct", false}, {"rationale", blank_text()}});
        f.changed(lp);
    }
}

void hottext_section(AuthorForm& f, HottextPicker& picker, bool trace) {
    text_coloured(f.ctx.tr("author.hottext_help"), f.ctx.palette().text_muted);
    const std::string post_ja = f.has("/post/text/ja") && f.at("/post/text/ja").is_string() ? f.at("/post/text/ja").get<std::string>() : "";
    const std::string post_en = f.has("/post/text/en") && f.at("/post/text/en").is_string() ? f.at("/post/text/en").get<std::string>() : "";
    ordered_json& spans = f.at("/spans");
    if (!spans.is_array()) spans = ordered_json::array();

    muted("日本語");
    selectable_text("post_ja", post_ja, picker.ja, trace);
    if (button(f.ctx.tr("author.make_phrase") + "##mkja", ButtonKind::primary) && !picker.ja.empty()) {
        const std::string phrase = post_ja.substr(picker.ja.begin(), picker.ja.end() - picker.ja.begin());
        const std::size_t n = count_occurrences(post_ja, phrase);
        if (n != 1) {
            picker.message = f.ctx.trf("author.phrase_not_once", {{"phrase", phrase}, {"n", std::to_string(n)}});
        } else {
            picker.message.clear();
            spans.push_back(ordered_json{{"id", next_id(spans, "s")}, {"text", ordered_json{{"ja", phrase}, {"en", ""}}},
                                         {"correct", false}, {"rationale", blank_text()}});
            picker.target = static_cast<int>(spans.size()) - 1;
            picker.ja = {};
            f.changed("/spans");
        }
    }
    muted("English");
    selectable_text("post_en", post_en, picker.en, trace);
    if (!spans.empty()) {
        const int target = picker.target >= 0 && picker.target < static_cast<int>(spans.size()) ? picker.target : static_cast<int>(spans.size()) - 1;
        if (button(f.ctx.trf("author.make_phrase_en", {{"id", spans[static_cast<std::size_t>(target)].value("id", std::string())}}) + "##mken") &&
            !picker.en.empty()) {
            const std::string phrase = post_en.substr(picker.en.begin(), picker.en.end() - picker.en.begin());
            const std::size_t n = count_occurrences(post_en, phrase);
            if (n != 1) {
                picker.message = f.ctx.trf("author.phrase_not_once", {{"phrase", phrase}, {"n", std::to_string(n)}});
            } else {
                picker.message.clear();
                spans[static_cast<std::size_t>(target)]["text"]["en"] = phrase;
                picker.en = {};
                f.changed("/spans");
            }
        }
    }
    if (!picker.message.empty()) text_coloured(picker.message, f.ctx.palette().wrong);
    options_section(f, "spans", "hottext");
}

void classify_section(AuthorForm& f) {
    static const std::vector<std::string> kinds = {"5.4.a", "5.4.b", "5.4.c", "5.4.d", "5.4.e", "5.4.f", "5.4.g", "5.4.h", "5.4.i"};
    std::vector<std::string> captions;
    for (const auto& k : kinds) {
        const Clause* c = f.ctx.content.guideline.find(k);
        captions.push_back(c ? c->label + " " + f.ctx.t(c->short_title) : k);
    }
    f.tick_list("author.field.kinds", "/kinds", kinds, captions);
    f.tick_list("author.field.acceptable_kinds", "/acceptable_kinds", kinds, captions, true);
    ordered_json& rationale = f.at("/kind_rationale");
    if (!rationale.is_object()) rationale = ordered_json::object();
    text(f.ctx.tr("author.field.kind_rationale"));
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const Clause* c = f.ctx.content.guideline.find(kinds[i]);
        if (c && ImGui::TreeNode((captions[i] + "##kr" + kinds[i]).c_str())) {
            ImGui::PushTextWrapPos(0.0f);
            muted(f.ctx.t(c->text));
            ImGui::PopTextWrapPos();
            f.text_pair("author.field.rationale", "/kind_rationale/" + kinds[i], true, true);
            ImGui::TreePop();
        }
    }
    f.diagnostics_for("/kind_rationale", true);
}

void branching_section(AuthorForm& f) {
    ordered_json& nodes = f.at("/nodes");
    if (!nodes.is_array()) nodes = ordered_json::array();
    std::vector<std::string> ids;
    for (const auto& n : nodes) ids.push_back(n.value("id", std::string()));
    f.choice_field("author.field.start", "/start", ids);
    f.diagnostics_for("/nodes", false);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string p = "/nodes/" + std::to_string(i);
        ImGui::PushID(p.c_str());
        ImGui::Separator();
        const bool end = nodes[i].value("end", false);
        text_coloured(f.ctx.trf(end ? "author.end_n" : "author.step_n", {{"n", std::to_string(i + 1)}, {"id", ids[i]}}), f.ctx.palette().accent);
        ImGui::SameLine();
        if (list_controls(f, nodes, i, "/nodes")) {
            ImGui::PopID();
            break;
        }
        f.string_field("author.field.id", p + "/id");
        f.text_pair(end ? "author.field.ending" : "author.field.step_text", p + "/text", true);
        f.bool_field("author.field.end", p + "/end", true);
        if (end) {
            f.int_field("author.field.cap", p + "/cap", 0, 100, true);
        } else {
            ordered_json& choices = f.at(p + "/choices");
            if (!choices.is_array()) choices = ordered_json::array();
            for (std::size_t k = 0; k < choices.size(); ++k) {
                const std::string cp = p + "/choices/" + std::to_string(k);
                ImGui::PushID(cp.c_str());
                ImGui::Indent();
                text_coloured(f.ctx.trf("author.choice_n", {{"n", std::to_string(k + 1)}, {"id", choices[k].value("id", std::string())}}),
                              f.ctx.palette().text);
                ImGui::SameLine();
                if (list_controls(f, choices, k, p + "/choices")) {
                    ImGui::Unindent();
                    ImGui::PopID();
                    break;
                }
                f.string_field("author.field.id", cp + "/id");
                f.text_pair("author.field.choice_text", cp + "/text", true);
                f.int_field("author.field.points", cp + "/points", 0, 100);
                f.choice_field("author.field.next", cp + "/next", ids);
                f.text_pair("author.field.consequence", cp + "/consequence", true);
                f.text_pair("author.field.rationale", cp + "/rationale", true);
                f.clause_list("author.field.option_clauses", cp + "/clauses", true);
                f.diagnostics_for(cp, true);
                ImGui::Unindent();
                ImGui::PopID();
            }
            if (button(f.ctx.tr("author.add_choice") + "##addch")) {
                choices.push_back(ordered_json{{"id", next_id(choices, "c")}, {"text", blank_text()}, {"points", 0},
                                               {"next", ids.empty() ? std::string() : ids.back()}, {"consequence", blank_text()},
                                               {"rationale", blank_text()}});
                f.changed(p + "/choices");
            }
        }
        f.diagnostics_for(p, true);
        ImGui::PopID();
    }
    if (button(f.ctx.tr("author.add_step") + "##addstep")) {
        nodes.push_back(ordered_json{{"id", next_id(nodes, "n")}, {"text", blank_text()}, {"choices", ordered_json::array()}});
        f.changed("/nodes");
    }
    ImGui::SameLine();
    if (button(f.ctx.tr("author.add_end") + "##addend")) {
        nodes.push_back(ordered_json{{"id", next_id(nodes, "end_")}, {"text", blank_text()}, {"end", true}});
        f.changed("/nodes");
    }

    // The paths: how many, each one's points (after its end's cap), and the best, which is the item's maximum.
    ImGui::Separator();
    if (!f.session.loads()) {
        muted(f.ctx.tr("author.paths_after_fix"));
        return;
    }
    const auto paths = branch_paths(f.session.scenario(), f.root());
    int best = 0;
    for (const auto& bp : paths) best = std::max(best, bp.points);
    text_coloured(f.ctx.trf("author.paths_summary", {{"paths", std::to_string(paths.size())}, {"max", std::to_string(best)}}), f.ctx.palette().accent);
    std::size_t shown = 0;
    for (const auto& bp : paths) {
        if (++shown > 40) break;
        std::string line;
        for (const auto& n : bp.nodes) line += (line.empty() ? "" : " → ") + n;
        line += "　" + f.ctx.trf("author.path_points", {{"points", std::to_string(bp.points)}});
        if (bp.cap >= 0) line += " " + f.ctx.trf("author.path_cap", {{"cap", std::to_string(bp.cap)}});
        text(line);
    }
}

} // namespace kiosk::ui
