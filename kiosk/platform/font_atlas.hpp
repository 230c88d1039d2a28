// Finds Noto Sans CJK JP through fontconfig and builds ImGui's atlas (FreeType) from the glyphs the content uses.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct ImFontAtlas;

namespace kiosk::platform {

struct FontRequest {
    float body_px = 24.0f;
    float heading_px = 36.0f;
    // UTF-8: every character the UI or the content may show. Both fonts (body and heading) get every character of
    // both texts: what is collected for one is drawn in either.
    std::string body_text;
    std::string heading_text;
};

struct FontStats {
    std::string font_file;
    int face_index = 0;
    int glyphs = 0;  // distinct code points requested and present
    int atlas_width = 0;
    int atlas_height = 0;
    double build_ms = 0.0;
    std::vector<std::uint32_t> missing;  // code points the font cannot draw (left out, never shown as tofu)
};

struct FontFace {
    std::string file;
    int index = 0;
    std::string family;
};

// Noto Sans CJK JP (the JP face of the .ttc). Returns false with a message when no CJK font is installed.
bool find_cjk_font(FontFace& out, std::string& error);

// The BMP code points the face has a glyph for (`has` becomes a bitmap of 65536), so that `kiosk validate` and the
// preview can name a character no installed font can show.
bool font_coverage(const FontFace& face, std::vector<bool>& has, std::string& error);

// ImGui's font atlas and the glyph ranges it keeps pointers to. The atlas needs no ImGui context to be built, so the
// kiosk builds it on a worker thread while the window opens and then gives it to the context:
// ImGui::CreateContext(&atlas.imgui()). It must outlive that context.
class FontAtlas {
public:
    FontAtlas();
    ~FontAtlas();
    FontAtlas(const FontAtlas&) = delete;
    FontAtlas& operator=(const FontAtlas&) = delete;

    // (Re)builds the atlas: font 0 = body, font 1 = heading. Not between ImGui::NewFrame and ImGui::Render.
    bool build(const FontFace& face, const FontRequest& request, FontStats& stats, std::string& error);

    bool built() const { return built_; }
    const FontFace& face() const { return face_; }  // of the last build
    ImFontAtlas& imgui() { return *atlas_; }

private:
    // The font file mapped read-only: FreeType reads only the tables and outlines it needs, the pages are the page cache's
    // (shared, never copied), and the coverage check and both fonts use the one mapping.
    struct Mapping {
        std::string file;
        void* data = nullptr;
        std::size_t size = 0;
        ~Mapping();
    };
    bool map_font(const std::string& file, std::string& error);

    std::unique_ptr<Mapping> mapping_;
    std::unique_ptr<ImFontAtlas> atlas_;  // declared after mapping_: destroyed first, as it points into the mapping
    FontFace face_;
    bool built_ = false;
    std::vector<unsigned short> body_ranges_;  // of every font
};

} // namespace kiosk::platform
