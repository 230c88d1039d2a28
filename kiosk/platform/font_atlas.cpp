// fontconfig lookup of the Japanese face, FreeType coverage check, and the ImGui FreeType atlas build.
#include "font_atlas.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui.h>
#include <imgui_freetype.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace kiosk::platform {

namespace {

// The code points a UTF-8 text uses, as a bitmap over the Basic Multilingual Plane (ImWchar is 16-bit in Debian's
// build): a megabyte of scenario text is scanned in about a millisecond.
using CodePoints = std::vector<bool>;

void add_utf8(const std::string& s, CodePoints& out) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = 0;
        int len = 1;
        if (c < 0x80) cp = c;
        else if ((c >> 5) == 0x6) { cp = c & 0x1f; len = 2; }
        else if ((c >> 4) == 0xe) { cp = c & 0x0f; len = 3; }
        else if ((c >> 3) == 0x1e) { cp = c & 0x07; len = 4; }
        else { ++i; continue; }
        if (i + static_cast<std::size_t>(len) > s.size()) break;
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3f);
        i += static_cast<std::size_t>(len);
        if (cp >= 0x20 && cp <= 0xffff) out[cp] = true;
    }
}

std::vector<ImWchar> to_ranges(const CodePoints& cps) {
    std::vector<ImWchar> r;
    for (std::uint32_t cp = 0; cp < cps.size(); ++cp) {
        if (!cps[cp]) continue;
        std::uint32_t last = cp;
        while (last + 1 < cps.size() && cps[last + 1]) ++last;
        r.push_back(static_cast<ImWchar>(cp));
        r.push_back(static_cast<ImWchar>(last));
        cp = last;
    }
    r.push_back(0);
    return r;
}

// ImGui 1.86's AddFont copies the font file into the atlas when the atlas does not own the data — 19.5 MB per font for
// Noto Sans CJK, about 12 ms and 19.5 MB of heap each. This does what AddFont does (a new font, its configuration, the
// texture invalidated) but points the configuration at the mapped file instead.
ImFont* add_mapped_font(ImFontAtlas& atlas, const ImFontConfig& cfg) {
    ImFont* font = IM_NEW(ImFont)();
    atlas.Fonts.push_back(font);
    atlas.ConfigData.push_back(cfg);
    ImFontConfig& added = atlas.ConfigData.back();
    added.DstFont = font;
    added.FontDataOwnedByAtlas = false;  // Clear() leaves it alone; the mapping outlives the atlas
    if (font->EllipsisChar == static_cast<ImWchar>(-1)) font->EllipsisChar = cfg.EllipsisChar;
    atlas.ClearTexData();
    return font;
}

// ImGui draws a character the atlas lacks as '?' (its fallback glyph). A character no installed font has is left out
// instead — no width, nothing drawn — and named where a trainer sees it (`kiosk validate`, the preview); one that was
// merely not collected never gets this far (every text that can reach the screen is collected).
void leave_out_missing(ImFont* font) {
    static const ImFontGlyph nothing = [] {
        ImFontGlyph g{};
        g.Visible = 0;
        g.AdvanceX = 0.0f;
        return g;
    }();
    for (int c = 0; c < font->IndexLookup.Size && c < font->IndexAdvanceX.Size; ++c)
        if (font->IndexLookup[c] == static_cast<ImWchar>(-1)) font->IndexAdvanceX[c] = 0.0f;
    font->FallbackGlyph = &nothing;
    font->FallbackAdvanceX = 0.0f;
}

} // namespace

bool find_cjk_font(FontFace& out, std::string& error) {
    if (!FcInit()) {
        error = "fontconfig could not be initialised";
        return false;
    }
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>("Noto Sans CJK JP:lang=ja"));
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &result);
    FcPatternDestroy(pattern);
    bool ok = false;
    if (match) {
        FcChar8* file = nullptr;
        FcChar8* family = nullptr;
        int index = 0;
        FcLangSet* langs = nullptr;
        if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
            FcPatternGetLangSet(match, FC_LANG, 0, &langs) == FcResultMatch &&
            FcLangSetHasLang(langs, reinterpret_cast<const FcChar8*>("ja")) == FcLangEqual) {
            FcPatternGetInteger(match, FC_INDEX, 0, &index);
            if (FcPatternGetString(match, FC_FAMILY, 0, &family) != FcResultMatch) family = nullptr;
            out.file = reinterpret_cast<const char*>(file);
            out.index = index;
            out.family = family ? reinterpret_cast<const char*>(family) : "";
            ok = true;
        }
        FcPatternDestroy(match);
    }
    if (!ok)
        error = "no Japanese font found: install the Debian package fonts-noto-cjk (sudo apt-get install fonts-noto-cjk)";
    return ok;
}

bool font_coverage(const FontFace& face, std::vector<bool>& has, std::string& error) {
    has.assign(0x10000, false);
    FT_Library ft = nullptr;
    if (FT_Init_FreeType(&ft) != 0) {
        error = "FreeType could not be initialised";
        return false;
    }
    FT_Face ft_face = nullptr;
    if (FT_New_Face(ft, face.file.c_str(), face.index, &ft_face) != 0) {
        FT_Done_FreeType(ft);
        error = "cannot open font " + face.file;
        return false;
    }
    FT_UInt index = 0;
    for (FT_ULong c = FT_Get_First_Char(ft_face, &index); index != 0; c = FT_Get_Next_Char(ft_face, c, &index))
        if (c < has.size()) has[c] = true;
    FT_Done_Face(ft_face);
    FT_Done_FreeType(ft);
    return true;
}

FontAtlas::FontAtlas() : atlas_(std::make_unique<ImFontAtlas>()) {}
FontAtlas::~FontAtlas() = default;

FontAtlas::Mapping::~Mapping() {
    if (data) munmap(data, size);
}

bool FontAtlas::map_font(const std::string& file, std::string& error) {
    if (mapping_ && mapping_->file == file) return true;
    const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size <= 0) {
        error = "cannot open font " + file + ": " + std::strerror(errno);
        if (fd >= 0) close(fd);
        return false;
    }
    void* data = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (data == MAP_FAILED) {
        error = "cannot map font " + file + ": " + std::strerror(errno);
        return false;
    }
    atlas_->Clear();  // nothing may point into the old mapping
    built_ = false;
    auto m = std::make_unique<Mapping>();
    m->file = file;
    m->data = data;
    m->size = static_cast<std::size_t>(st.st_size);
    mapping_ = std::move(m);
    return true;
}

bool FontAtlas::build(const FontFace& face, const FontRequest& request, FontStats& stats, std::string& error) {
    const auto t0 = std::chrono::steady_clock::now();
    CodePoints body(0x10000);
    add_utf8(request.body_text, body);
    add_utf8(request.heading_text, body);
    for (std::uint32_t c = 0x20; c < 0x7f; ++c) body[c] = true;  // printable ASCII: digits, staff IDs, codes
    body[0x2026] = true;  // '…', used by ImGui when it clips text

    if (!map_font(face.file, error)) return false;
    // Ask FreeType which code points the face really has, so none is drawn as tofu.
    stats.missing.clear();
    FT_Library ft = nullptr;
    if (FT_Init_FreeType(&ft) != 0) {
        error = "FreeType could not be initialised";
        return false;
    }
    FT_Face ft_face = nullptr;
    if (FT_New_Memory_Face(ft, static_cast<const FT_Byte*>(mapping_->data), static_cast<FT_Long>(mapping_->size), face.index, &ft_face) != 0) {
        FT_Done_FreeType(ft);
        error = "cannot open font " + face.file;
        return false;
    }
    int glyphs = 0;
    for (std::uint32_t cp = 0; cp < body.size(); ++cp) {
        if (!body[cp]) continue;
        if (FT_Get_Char_Index(ft_face, cp) == 0) {
            if (cp > 0x7e) stats.missing.push_back(cp);
            body[cp] = false;
        } else {
            ++glyphs;
        }
    }
    FT_Done_Face(ft_face);
    FT_Done_FreeType(ft);
    // Every font holds every glyph: any text may be drawn in the heading font (prompts, names, titles, keypad digits),
    // and a character collected for one font only was drawn as "?" in the other.
    body_ranges_ = to_ranges(body);

    built_ = false;
    ImFontAtlas& fonts = *atlas_;
    fonts.Clear();
    fonts.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    fonts.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    fonts.TexDesiredWidth = 1024;

    ImFontConfig cfg;
    cfg.FontNo = face.index;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.FontData = mapping_->data;
    cfg.FontDataSize = static_cast<int>(mapping_->size);
    cfg.SizePixels = request.body_px;
    cfg.GlyphRanges = body_ranges_.data();
    std::snprintf(cfg.Name, sizeof cfg.Name, "%s body %.0fpx", face.family.c_str(), static_cast<double>(request.body_px));
    add_mapped_font(fonts, cfg);
    cfg.SizePixels = request.heading_px;
    cfg.GlyphRanges = body_ranges_.data();
    std::snprintf(cfg.Name, sizeof cfg.Name, "%s heading %.0fpx", face.family.c_str(), static_cast<double>(request.heading_px));
    add_mapped_font(fonts, cfg);
    if (!fonts.Build()) {
        error = "the font atlas could not be built";
        return false;
    }
    for (ImFont* f : fonts.Fonts) leave_out_missing(f);
    stats.font_file = face.file;
    stats.face_index = face.index;
    stats.glyphs = glyphs;
    stats.atlas_width = fonts.TexWidth;
    stats.atlas_height = fonts.TexHeight;
    stats.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    face_ = face;
    built_ = true;
    return true;
}

} // namespace kiosk::platform
static_assert(sizeof(ImWchar) == sizeof(unsigned short), "Debian builds ImGui with 16-bit ImWchar");
