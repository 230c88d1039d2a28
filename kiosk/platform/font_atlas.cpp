// fontconfig lookup of the Japanese face, FreeType coverage check, and the ImGui FreeType atlas build.
#include "font_atlas.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui.h>
#include <imgui_freetype.h>

#include <chrono>
#include <set>

namespace kiosk::platform {

namespace {

std::set<std::uint32_t> decode_utf8(const std::string& s) {
    std::set<std::uint32_t> out;
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
        if (cp >= 0x20 && cp <= 0xffff) out.insert(cp);  // ImWchar is 16-bit in Debian's build
    }
    return out;
}

std::vector<ImWchar> to_ranges(const std::set<std::uint32_t>& cps) {
    std::vector<ImWchar> r;
    for (auto it = cps.begin(); it != cps.end();) {
        const std::uint32_t first = *it;
        std::uint32_t last = first;
        ++it;
        while (it != cps.end() && *it == last + 1) last = *it++;
        r.push_back(static_cast<ImWchar>(first));
        r.push_back(static_cast<ImWchar>(last));
    }
    r.push_back(0);
    return r;
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

bool FontAtlas::build(const FontFace& face, const FontRequest& request, FontStats& stats, std::string& error) {
    const auto t0 = std::chrono::steady_clock::now();
    std::set<std::uint32_t> body = decode_utf8(request.body_text);
    std::set<std::uint32_t> heading = decode_utf8(request.heading_text);
    for (std::uint32_t c = 0x20; c < 0x7f; ++c) body.insert(c);  // printable ASCII: digits, staff IDs, codes
    for (std::uint32_t c = 0x20; c < 0x7f; ++c) heading.insert(c);
    body.insert(0x2026);  // '…', used by ImGui when it clips text

    // Ask FreeType which code points the face really has, so none is drawn as tofu.
    stats.missing.clear();
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
    for (auto it = body.begin(); it != body.end();) {
        if (FT_Get_Char_Index(ft_face, *it) == 0) {
            if (*it > 0x7e) stats.missing.push_back(*it);
            heading.erase(*it);
            it = body.erase(it);
        } else {
            ++it;
        }
    }
    FT_Done_Face(ft_face);
    FT_Done_FreeType(ft);
    // Heading glyphs are a subset of the body glyphs.
    for (auto it = heading.begin(); it != heading.end();) it = body.count(*it) ? std::next(it) : heading.erase(it);

    body_ranges_ = to_ranges(body);
    heading_ranges_ = to_ranges(heading);

    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    io.Fonts->TexDesiredWidth = 1024;

    ImFontConfig cfg;
    cfg.FontNo = face.index;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    if (!io.Fonts->AddFontFromFileTTF(face.file.c_str(), request.body_px, &cfg, body_ranges_.data()) ||
        !io.Fonts->AddFontFromFileTTF(face.file.c_str(), request.heading_px, &cfg, heading_ranges_.data())) {
        error = "cannot load font " + face.file;
        return false;
    }
    if (!io.Fonts->Build()) {
        error = "the font atlas could not be built";
        return false;
    }
    stats.font_file = face.file;
    stats.face_index = face.index;
    stats.glyphs = static_cast<int>(body.size());
    stats.atlas_width = io.Fonts->TexWidth;
    stats.atlas_height = io.Fonts->TexHeight;
    stats.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return true;
}

} // namespace kiosk::platform
static_assert(sizeof(ImWchar) == sizeof(unsigned short), "Debian builds ImGui with 16-bit ImWchar");
