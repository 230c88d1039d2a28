// Form fields of the authoring window: bilingual text side by side, numbers, ticks, the clause picker, inline diagnostics.
#include "author_fields.hpp"

#include "ui_trace.hpp"
#include "widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui {

namespace {

int resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

ordered_json::json_pointer ptr(const std::string& p) { return ordered_json::json_pointer(p); }

} // namespace

bool input_string(const char* id, std::string& value, bool multiline, float width, float height, const std::string& trace_label) {
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackResize;
    bool edited = false;
    if (multiline) {
        // ImGui 1.86 does not wrap in a multiline input; trainers break lines with Enter (saved as \n).
        edited = ImGui::InputTextMultiline(id, value.data(), value.capacity() + 1, ImVec2(width, height), flags, resize_callback, &value);
    } else {
        ImGui::SetNextItemWidth(width);
        edited = ImGui::InputText(id, value.data(), value.capacity() + 1, flags, resize_callback, &value);
    }
    if (!trace_label.empty() && trace_enabled()) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        trace_item(trace_label, a.x, a.y, b.x, b.y);
    }
    return edited;
}

ordered_json& AuthorForm::at(const std::string& pointer) { return root()[ptr(pointer)]; }

bool AuthorForm::has(const std::string& pointer) const { return session.doc().root.contains(ptr(pointer)); }

void AuthorForm::erase(const std::string& pointer) {
    const auto slash = pointer.rfind('/');
    ordered_json& parent = root()[ptr(pointer.substr(0, slash))];
    const std::string key = pointer.substr(slash + 1);
    if (parent.is_object()) parent.erase(key);
    else if (parent.is_array()) parent.erase(static_cast<std::size_t>(std::stoul(key)));
}

void AuthorForm::diagnostics_for(const std::string& pointer, bool below) {
    const auto& ds = session.diagnostics();
    shown.resize(ds.size(), false);  // an edit earlier in this frame may have changed them
    const Palette& p = ctx.palette();
    for (std::size_t i = 0; i < ds.size(); ++i) {
        const std::string& dp = ds[i].pointer;
        const bool match = dp == pointer || (below && dp.size() > pointer.size() && dp.compare(0, pointer.size(), pointer) == 0 &&
                                             dp[pointer.size()] == '/');
        if (!match || shown[i]) continue;
        shown[i] = true;
        std::string line = ctx.tr(ds[i].severity == Severity::error ? "author.error" : "author.warning") + ds[i].message;
        if (!ds[i].hint.empty()) line += " — " + ds[i].hint;
        text_coloured(line, ds[i].severity == Severity::error ? p.wrong : p.text_muted);
    }
}

void AuthorForm::remaining_diagnostics() {
    const auto& ds = session.diagnostics();
    shown.resize(ds.size(), false);
    bool any = false;
    for (std::size_t i = 0; i < ds.size(); ++i) {
        if (shown[i]) continue;
        if (!any) text_coloured(ctx.tr("author.other_problems"), ctx.palette().accent);
        any = true;
        text_coloured(ds[i].format(), ds[i].severity == Severity::error ? ctx.palette().wrong : ctx.palette().text_muted);
    }
}

bool AuthorForm::text_pair(const std::string& label_key, const std::string& pointer, bool multiline, bool optional) {
    ImGui::PushID(pointer.c_str());
    text(ctx.tr(label_key) + (optional ? ctx.tr("author.optional") : ""));
    bool edited = false;
    ordered_json& v = at(pointer);
    if (!v.is_object()) v = ordered_json{{"ja", ""}, {"en", ""}};
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
    const float h = multiline ? ImGui::GetTextLineHeight() * 4.5f : 0.0f;
    for (const char* lang : {"ja", "en"}) {
        if (std::string_view(lang) == "en") ImGui::SameLine();
        ImGui::BeginGroup();
        muted(lang == std::string_view("ja") ? "日本語" : "English");
        std::string s = v.contains(lang) && v[lang].is_string() ? v[lang].get<std::string>() : std::string();
        if (input_string((std::string("##") + lang).c_str(), s, multiline, half, h, "field " + pointer + "/" + lang)) {
            v[lang] = s;
            edited = true;
        }
        ImGui::EndGroup();
    }
    if (edited && optional && v.value("ja", "").empty() && v.value("en", "").empty()) erase(pointer);
    if (!edited && optional && v.value("ja", "").empty() && v.value("en", "").empty()) erase(pointer);  // not written while blank
    if (edited) changed(pointer);
    diagnostics_for(pointer, true);
    ImGui::PopID();
    return edited;
}

bool AuthorForm::string_field(const std::string& label_key, const std::string& pointer, bool optional) {
    ImGui::PushID(pointer.c_str());
    text(ctx.tr(label_key) + (optional ? ctx.tr("author.optional") : ""));
    std::string s = has(pointer) && at(pointer).is_string() ? at(pointer).get<std::string>() : std::string();
    bool edited = input_string("##s", s, false, ImGui::GetContentRegionAvail().x, 0.0f, "field " + pointer);
    if (edited) {
        if (optional && s.empty()) erase(pointer);
        else at(pointer) = s;
        changed(pointer);
    }
    diagnostics_for(pointer, false);
    ImGui::PopID();
    return edited;
}

bool AuthorForm::int_field(const std::string& label_key, const std::string& pointer, int lo, int hi, bool optional) {
    ImGui::PushID(pointer.c_str());
    bool present = has(pointer) && at(pointer).is_number_integer();
    int v = present ? at(pointer).get<int>() : lo;
    bool edited = false;
    if (optional) {
        if (ImGui::Checkbox("##on", &present)) {
            if (present) at(pointer) = v;
            else erase(pointer);
            edited = true;
        }
        ImGui::SameLine();
    }
    text(ctx.tr(label_key));
    if (present) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(10 * ImGui::GetFontSize());
        if (ImGui::InputInt("##n", &v)) {
            at(pointer) = std::clamp(v, lo, hi);
            edited = true;
        }
    }
    if (edited) changed(pointer);
    diagnostics_for(pointer, false);
    ImGui::PopID();
    return edited;
}

bool AuthorForm::bool_field(const std::string& label_key, const std::string& pointer, bool optional) {
    ImGui::PushID(pointer.c_str());
    bool v = has(pointer) && at(pointer).is_boolean() && at(pointer).get<bool>();
    const bool edited = ImGui::Checkbox(ctx.tr(label_key).c_str(), &v);
    if (edited) {
        if (optional && !v) erase(pointer);
        else at(pointer) = v;
        changed(pointer);
    }
    diagnostics_for(pointer, false);
    ImGui::PopID();
    return edited;
}

bool AuthorForm::choice_field(const std::string& label_key, const std::string& pointer, const std::vector<std::string>& values) {
    ImGui::PushID(pointer.c_str());
    text(ctx.tr(label_key));
    ImGui::SameLine();
    const std::string cur = has(pointer) && at(pointer).is_string() ? at(pointer).get<std::string>() : std::string();
    bool edited = false;
    ImGui::SetNextItemWidth(16 * ImGui::GetFontSize());
    if (ImGui::BeginCombo("##c", cur.c_str())) {
        for (const auto& v : values)
            if (ImGui::Selectable(v.c_str(), v == cur)) {
                at(pointer) = v;
                edited = true;
            }
        ImGui::EndCombo();
    }
    if (edited) changed(pointer);
    diagnostics_for(pointer, false);
    ImGui::PopID();
    return edited;
}

bool AuthorForm::clause_list(const std::string& label_key, const std::string& pointer, bool optional) {
    ImGui::PushID(pointer.c_str());
    text(ctx.tr(label_key) + (optional ? ctx.tr("author.optional") : ""));
    ordered_json& list = at(pointer);
    if (!list.is_array()) list = ordered_json::array();
    bool edited = false;
    const Guideline& g = ctx.content.guideline;
    for (std::size_t i = 0; i < list.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string id = list[i].is_string() ? list[i].get<std::string>() : list[i].dump();
        if (ImGui::SmallButton("×")) {
            list.erase(i);
            edited = true;
            ImGui::PopID();
            break;
        }
        ImGui::SameLine();
        const Clause* c = g.find(id);
        text(id + "　" + (c ? c->label + " " + ctx.t(c->short_title) : ctx.tr("author.unknown_clause")));
        if (c) {
            ImGui::Indent();
            ImGui::PushTextWrapPos(0.0f);
            muted(ctx.t(c->text));
            ImGui::PopTextWrapPos();
            ImGui::Unindent();
        }
        diagnostics_for(pointer + "/" + std::to_string(i), true);
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::BeginCombo("##pick", ctx.tr("author.add_clause").c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const Clause& c : g.clauses) {
            const std::string caption = std::string(static_cast<std::size_t>(c.depth) * 2, ' ') + c.label + " " + ctx.t(c.short_title);
            if (ImGui::Selectable((caption + "##" + c.id).c_str())) {
                list.push_back(c.id);
                edited = true;
            }
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
                text(ctx.t(c.text));
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
        ImGui::EndCombo();
    }
    if (optional && list.empty()) erase(pointer);
    if (edited) changed(pointer);
    diagnostics_for(pointer, false);
    ImGui::PopID();
    return edited;
}

bool AuthorForm::tick_list(const std::string& label_key, const std::string& pointer, const std::vector<std::string>& values,
                           const std::vector<std::string>& captions, bool optional) {
    ImGui::PushID(pointer.c_str());
    text(ctx.tr(label_key) + (optional ? ctx.tr("author.optional") : ""));
    ordered_json& list = at(pointer);
    if (!list.is_array()) list = ordered_json::array();
    bool edited = false;
    for (std::size_t i = 0; i < values.size(); ++i) {
        bool on = std::find(list.begin(), list.end(), values[i]) != list.end();
        if (ImGui::Checkbox((captions[i] + "##" + values[i]).c_str(), &on)) {
            // Keep the values in their canonical order, whatever order they were ticked in.
            ordered_json next = ordered_json::array();
            for (const auto& v : values) {
                const bool was = std::find(list.begin(), list.end(), v) != list.end();
                if (v == values[i] ? on : was) next.push_back(v);
            }
            list = next;
            edited = true;
        }
    }
    if (optional && list.empty()) erase(pointer);
    if (edited) changed(pointer);
    diagnostics_for(pointer, true);
    ImGui::PopID();
    return edited;
}

} // namespace kiosk::ui
