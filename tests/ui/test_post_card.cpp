// The mock post of a hottext item drawn headless: the phrases a learner can tap, and those selected, are drawn over the
// card's background, not under it (the card is filled last, when its height is known).
#include "core/palette.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <vector>

using namespace kiosk;

namespace {

// Draws one frame with the post and returns the colours of the window's triangles' vertices in the order they are
// rendered (the index buffer's order: channels reorder indices, not vertices).
std::vector<ImU32> draw_post(const std::vector<ui::PostSpan>& spans, bool interactive) {
    ImGui::GetIO().DisplaySize = ImVec2(800, 600);
    ImGui::GetIO().DeltaTime = 0.1f;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("##post", nullptr, ImGuiWindowFlags_NoDecoration);
    Post post;
    post.account = "chiyoda_city_official";
    post.display_name = {"Chiyoda City", "Chiyoda City"};
    post.official = true;
    post.text = {"Thank you for your opinions. Only a few people want a ball field. We cannot accept opinions against our policy.",
                 ""};
    ui::post_card(post, Lang::ja, spans, interactive);
    ImGui::End();
    ImGui::Render();
    std::vector<ImU32> out;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* dl = data->CmdLists[l];
        for (const ImDrawCmd& cmd : dl->CmdBuffer)
            for (unsigned int i = 0; i < cmd.ElemCount; ++i)
                out.push_back(dl->VtxBuffer[static_cast<int>(cmd.VtxOffset + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)])].col);
    }
    return out;
}

// Index of the first vertex of colour `c` (or -1) and of the last one.
std::pair<int, int> span_of(const std::vector<ImU32>& v, ImU32 c) {
    int first = -1, last = -1;
    for (int i = 0; i < static_cast<int>(v.size()); ++i)
        if (v[static_cast<std::size_t>(i)] == c) {
            if (first < 0) first = i;
            last = i;
        }
    return {first, last};
}

} // namespace

TEST_CASE("hottext: tappable and selected phrases are drawn over the post card's background") {
    ImGui::CreateContext();
    ImGui::GetIO().Fonts->AddFontDefault();
    ImGui::GetIO().Fonts->Build();
    ImGui::GetIO().IniFilename = nullptr;
    Palette p = standard_palette();
    p.surface = Rgb{0.51f, 0.52f, 0.53f};  // a colour nothing else in the card is drawn in
    ui::set_widget_palette(p);
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);  // not the card's colour: only the card has it

    const std::vector<ui::PostSpan> spans{{"Only a few people want a ball field.", true},
                                          {"We cannot accept opinions against our policy.", false}};
    const std::vector<ImU32> v = draw_post(spans, true);
    const auto card = span_of(v, ui::to_u32(p.surface));
    const auto selected = span_of(v, ui::to_u32(p.highlight));
    const auto tappable = span_of(v, ui::to_u32(p.accent, 0.10f));
    REQUIRE(card.first >= 0);
    REQUIRE(selected.first >= 0);
    REQUIRE(tappable.first >= 0);
    CHECK(card.second < selected.first);  // the selected phrase's highlight is on top of the card
    CHECK(card.second < tappable.first);  // so is the tint that marks a phrase as tappable
    ImGui::DestroyContext();
}
