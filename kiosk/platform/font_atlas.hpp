// Finds Noto Sans CJK JP through fontconfig and builds ImGui's atlas (FreeType) from the glyphs the content uses.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::platform {

struct FontRequest {
    float body_px = 24.0f;
    float heading_px = 36.0f;
    std::string body_text;     // UTF-8: every character the UI or the content may show
    std::string heading_text;  // UTF-8: characters shown in headings (a subset, rendered larger)
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

// Owns the glyph ranges ImGui keeps pointers to while the atlas exists.
class FontAtlas {
public:
    // Replaces the atlas of the current ImGui context: font 0 = body, font 1 = heading.
    bool build(const FontFace& face, const FontRequest& request, FontStats& stats, std::string& error);

private:
    std::vector<unsigned short> body_ranges_;
    std::vector<unsigned short> heading_ranges_;
};

} // namespace kiosk::platform
