// Admin attestations: who has confirmed the current guideline version, who confirmed only an earlier one, who passed a
// course without confirming, per person (those who must act first).
#include "admin_tabs.hpp"
#include "theme.hpp"
#include "widgets.hpp"

#include "core/dates.hpp"

namespace kiosk::ui {

void AttestationsTab::draw(UiContext& ctx, const AdminSnapshot& s) {
    const Palette& p = ctx.palette();
    const AttestationReport& r = s.attestations;
    heading(ctx.trf("admin.att.version", {{"version", r.version}}));
    ImGui::PushTextWrapPos(0.0f);
    muted(ctx.tr("admin.att.hint"));
    ImGui::PopTextWrapPos();
    text(ctx.trf("admin.att.summary", {{"current", std::to_string(r.current)}, {"older", std::to_string(r.older_version)},
                                       {"due", std::to_string(r.due)}, {"not_yet", std::to_string(r.not_yet)}}));
    // The share confirmed, as a bar.
    const int people = r.current + r.older_version + r.due + r.not_yet;
    if (people > 0) {
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetFontSize() * 0.7f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float x = a.x;
        const struct {
            int n;
            ImU32 colour;
        } parts[] = {{r.current, percent_colour(100)}, {r.older_version, percent_colour(75)}, {r.due, percent_colour(40)}, {r.not_yet, to_u32(p.button)}};
        for (const auto& part : parts) {
            const float pw = w * static_cast<float>(part.n) / static_cast<float>(people);
            if (pw > 0) dl->AddRectFilled(ImVec2(x, a.y), ImVec2(x + pw, a.y + h), part.colour);
            x += pw;
        }
        ImGui::Dummy(ImVec2(w, h));
    }
    if (button(ctx.tr("admin.att.waiting_only") + "##att_waiting", waiting_only_ ? ButtonKind::primary : ButtonKind::secondary))
        waiting_only_ = !waiting_only_;

    std::vector<const PersonAttestation*> rows;
    for (const auto& person : r.people)
        if (!waiting_only_ || person.state == PersonAttestation::State::due || person.state == PersonAttestation::State::older_version)
            rows.push_back(&person);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##attestations", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("admin.dash.staff_id").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.dash.name").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.dash.department").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ctx.tr("admin.att.state").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.att.last").c_str());
    ImGui::TableSetupColumn(ctx.tr("admin.att.attested_version").c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const PersonAttestation& person = *rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            person_cells(ctx, person.staff_id, person.name, person.department);
            ImGui::TableNextColumn();
            const std::string state = ctx.tr(std::string("admin.att.state.") + to_string(person.state));
            using S = PersonAttestation::State;
            text_unwrapped(state, person.state == S::due || person.state == S::older_version ? p.wrong
                                  : person.state == S::current                               ? p.correct
                                                                                             : p.text_muted);
            ImGui::TableNextColumn();
            text(person.at ? format_date(person.at, ctx.settings.lang) : "-");
            ImGui::TableNextColumn();
            text(person.version.empty() ? "-" : person.version);
        }
    }
    ImGui::EndTable();
}

} // namespace kiosk::ui
