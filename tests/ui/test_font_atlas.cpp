// The Japanese font is found through fontconfig and the atlas holds exactly the requested glyphs; a character the font
// lacks is reported, never drawn as a box. The atlas is built with no ImGui context, on another thread, as the kiosk
// builds it while its window opens.
#include "platform/font_atlas.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <thread>

using namespace kiosk::platform;

TEST_CASE("fontconfig finds the Japanese face of Noto Sans CJK") {
    FontFace face;
    std::string error;
    REQUIRE(find_cjk_font(face, error));
    CHECK(face.file.find("NotoSansCJK") != std::string::npos);
    CHECK(face.family.find("JP") != std::string::npos);
}

TEST_CASE("the atlas holds the requested glyphs and reports the ones the font lacks") {
    REQUIRE(ImGui::GetCurrentContext() == nullptr);
    FontFace face;
    std::string error;
    REQUIRE(find_cjk_font(face, error));
    FontAtlas atlas;
    FontRequest r;
    r.body_text = "千代田区ソーシャルメディア活用ガイドライン%d";
    r.body_text += "\xE0\xB8\x81";  // U+0E01 THAI CHARACTER KO KAI: not in a CJK font
    r.heading_text = "研修";
    FontStats stats;
    bool ok = false;
    std::thread worker([&] { ok = atlas.build(face, r, stats, error); });
    worker.join();
    REQUIRE(ok);
    REQUIRE(atlas.built());
    REQUIRE(stats.missing.size() == 1);
    CHECK(stats.missing[0] == 0x0E01);
    REQUIRE(atlas.imgui().Fonts.Size == 2);
    ImFont* body = atlas.imgui().Fonts[0];
    CHECK(body->FindGlyphNoFallback(0x5343) != nullptr);  // 千
    CHECK(body->FindGlyphNoFallback(0x0E01) == nullptr);
    CHECK(body->FindGlyphNoFallback(0x4E00) == nullptr);  // 一: not requested, not in the atlas
    CHECK(stats.atlas_width <= 1024);
    CHECK(stats.glyphs >= 95 + 18);  // printable ASCII + the distinct characters above
}

TEST_CASE("a context given the atlas uses it, and a rebuild at another size (a font-scale change) replaces its fonts") {
    FontFace face;
    std::string error;
    REQUIRE(find_cjk_font(face, error));
    FontAtlas atlas;
    FontStats stats;
    REQUIRE(atlas.build(face, FontRequest{24.0f, 34.8f, "研修", "研修"}, stats, error));
    ImGui::CreateContext(&atlas.imgui());
    CHECK(ImGui::GetIO().Fonts == &atlas.imgui());
    CHECK(ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(0x7814) != nullptr);  // 研

    REQUIRE(atlas.build(face, FontRequest{48.0f, 69.6f, "修了", "修了"}, stats, error));
    const ImFontAtlas& fonts = *ImGui::GetIO().Fonts;
    REQUIRE(fonts.Fonts.Size == 2);
    CHECK(fonts.Fonts[0]->FontSize == 48.0f);
    CHECK(fonts.Fonts[0]->FindGlyphNoFallback(0x4E86) != nullptr);  // 了
    CHECK(fonts.Fonts[0]->FindGlyphNoFallback(0x7814) == nullptr);  // 研: not asked for this time
    // The fonts read the mapped file; the atlas holds no copy of it.
    for (const ImFontConfig& cfg : fonts.ConfigData) CHECK_FALSE(cfg.FontDataOwnedByAtlas);
    ImGui::DestroyContext();
    CHECK(atlas.imgui().Fonts.Size == 2);  // the context did not own the atlas
}
