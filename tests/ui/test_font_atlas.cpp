// The Japanese font is found through fontconfig and the atlas holds exactly the requested glyphs; a character the font
// lacks is reported, never drawn as a box. The atlas is built with no ImGui context, on another thread, as the kiosk
// builds it while its window opens.
#include "platform/font_atlas.hpp"

#include "core/content.hpp"
#include "core/glyph_text.hpp"
#include "core/line_break.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <string>
#include <vector>
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

namespace {

// An atlas built from `r` with the Japanese face that fontconfig finds (the test stops when there is none).
void build_with_cjk_face(FontAtlas& atlas, const FontRequest& r, FontStats& stats) {
    FontFace face;
    std::string error;
    REQUIRE(find_cjk_font(face, error));
    REQUIRE(atlas.build(face, r, stats, error));
}

// Every BMP code point of `s` that the font has must be a glyph of `font` (beyond the BMP: emoji, shown as words).
std::vector<std::string> not_in_font(const ImFont* font, const std::string& s, const std::vector<std::uint32_t>& font_lacks) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const std::uint32_t c = kiosk::next_code_point(s, i);
        if (c < 0x20 || c > 0xFFFF || std::find(font_lacks.begin(), font_lacks.end(), c) != font_lacks.end()) continue;
        if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) out.push_back(s.substr(at, i - at));
    }
    return out;
}

} // namespace

TEST_CASE("per font: every character of the shipped content is in the body font and in the heading font") {
    using namespace kiosk;
    const Content content = load_content(std::string(KIOSK_SOURCE_DIR) + "/content", std::string(KIOSK_SOURCE_DIR) + "/scenarios");
    REQUIRE(content.scenarios.size() > 50);
    const GlyphText text = content_glyph_text(content, "");
    FontAtlas atlas;
    FontStats stats;
    build_with_cjk_face(atlas, FontRequest{24.0f, 34.8f, text.body, text.heading}, stats);
    const ImFont* body = atlas.imgui().Fonts[0];
    const ImFont* head = atlas.imgui().Fonts[1];
    // Prompts are drawn in the heading font: 「５（２）に照らして」 lost 照 when only titles were collected for it.
    for (const Scenario& s : content.scenarios) {
        for (const Text* t : {&s.title, &s.prompt, &s.situation.text, &s.explanation}) {
            for (const std::string* v : {&t->ja, &t->en}) {
                INFO(s.id << ": " << *v);
                CHECK(not_in_font(head, *v, stats.missing).empty());
                CHECK(not_in_font(body, *v, stats.missing).empty());
            }
        }
        if (s.post) {
            INFO(s.id << " post");
            CHECK(not_in_font(body, emoji_as_words(s.post->text.ja, Lang::ja), stats.missing).empty());
            CHECK(not_in_font(body, emoji_as_words(s.post->text.en, Lang::en), stats.missing).empty());
        }
    }
    for (const Clause& c : content.guideline.clauses) {
        INFO(c.id);
        CHECK(not_in_font(head, c.text.ja, stats.missing).empty());
    }
    CHECK(stats.missing.empty());  // the shipped content uses no character the font lacks
}

TEST_CASE("names added after start-up reach both fonts when the atlas is rebuilt with them") {
    FontAtlas atlas;
    FontStats stats;
    // A roster name with rare kanji: 髙橋 (U+9AD9) and 﨑 (U+FA11), as the sign-in confirmation shows it in the heading font.
    build_with_cjk_face(atlas, FontRequest{24.0f, 34.8f, "研修\u9AD9\u6A4B\uFA11", ""}, stats);
    for (int f = 0; f < 2; ++f) {
        CHECK(atlas.imgui().Fonts[f]->FindGlyphNoFallback(0x9AD9) != nullptr);
        CHECK(atlas.imgui().Fonts[f]->FindGlyphNoFallback(0xFA11) != nullptr);
    }
}

TEST_CASE("a character the atlas lacks is left out (no width, nothing drawn), not drawn as '?'") {
    FontAtlas atlas;
    FontStats stats;
    build_with_cjk_face(atlas, FontRequest{24.0f, 34.8f, "研修", ""}, stats);
    for (ImFont* f : atlas.imgui().Fonts) {
        const char* with = "研\xE0\xB8\x81修";  // U+0E01 between: not in the font
        CHECK(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, with).x == f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, "研修").x);
        CHECK(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, "?").x > 0.0f);
        const ImFontGlyph* g = f->FindGlyph(0x0E01);
        REQUIRE(g != nullptr);
        CHECK(g->Visible == 0);
        CHECK(g->AdvanceX == 0.0f);
    }
}
