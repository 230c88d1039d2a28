// The Japanese font is found through fontconfig and the atlas holds exactly the requested glyphs; a character the font
// lacks is reported, never drawn as a box.
#include "platform/font_atlas.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>

using namespace kiosk::platform;

namespace {
struct ImGuiContextGuard {
    ImGuiContextGuard() { ImGui::CreateContext(); }
    ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};
} // namespace

TEST_CASE("fontconfig finds the Japanese face of Noto Sans CJK") {
    FontFace face;
    std::string error;
    REQUIRE(find_cjk_font(face, error));
    CHECK(face.file.find("NotoSansCJK") != std::string::npos);
    CHECK(face.family.find("JP") != std::string::npos);
}

TEST_CASE("the atlas holds the requested glyphs and reports the ones the font lacks") {
    ImGuiContextGuard guard;
    FontFace face;
    std::string error;
    REQUIRE(find_cjk_font(face, error));
    FontAtlas atlas;
    FontRequest r;
    r.body_text = "千代田区ソーシャルメディア活用ガイドライン%d";
    r.body_text += "\xE0\xB8\x81";  // U+0E01 THAI CHARACTER KO KAI: not in a CJK font
    r.heading_text = "研修";
    FontStats stats;
    REQUIRE(atlas.build(face, r, stats, error));
    REQUIRE(stats.missing.size() == 1);
    CHECK(stats.missing[0] == 0x0E01);
    ImFont* body = ImGui::GetIO().Fonts->Fonts[0];
    CHECK(body->FindGlyphNoFallback(0x5343) != nullptr);  // 千
    CHECK(body->FindGlyphNoFallback(0x0E01) == nullptr);
    CHECK(body->FindGlyphNoFallback(0x4E00) == nullptr);  // 一: not requested, not in the atlas
    CHECK(stats.atlas_width <= 1024);
    CHECK(stats.glyphs >= 95 + 18);  // printable ASCII + the distinct characters above
}
