// Collects every character the content can put on screen, so the font atlas holds exactly those glyphs.
#pragma once
#include "content.hpp"
#include "diagnostic.hpp"
#include "guideline.hpp"
#include "model.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

void append_glyph_text(const Guideline& g, std::string& body, std::string& heading);
void append_glyph_text(const Scenario& s, std::string& body, std::string& heading);

struct GlyphText {
    std::string body;     // every character the kiosk may draw
    std::string heading;  // those it may draw in the larger heading font
};
// `ui_text` (the UI's strings and literal characters, which may appear in either font), the guideline, the scenarios and
// the courses' titles and descriptions.
GlyphText content_glyph_text(const Content& content, const std::string& ui_text);

// Emoji beyond the Basic Multilingual Plane (📚 🍛 🌸) cannot be drawn: Debian's ImGui keeps 16-bit characters, so its
// font atlas cannot hold them. A post shows each as a bracketed word instead (〔本〕 / [books]; an emoji without a word
// of its own: 〔絵文字〕 / [emoji]); variation selectors, joiners and skin-tone modifiers are dropped.
std::string emoji_as_words(std::string_view text, Lang lang);
// Every character those words use, for the atlas.
std::string emoji_word_glyphs();

// A warning at the first place of each distinct character of `text` (a file's bytes) that `font_has` says no installed
// font can draw, naming the character, its code point, and where it is; such a character would be left out on screen.
// Emoji beyond the BMP are not reported (they are shown as words).
std::vector<Diagnostic> unshowable_characters(const std::string& file, std::string_view text,
                                              const std::function<bool(std::uint32_t)>& font_has);

} // namespace kiosk
