// Collects every character the content can put on screen, so the font atlas holds exactly those glyphs.
#pragma once
#include "guideline.hpp"
#include "model.hpp"

#include <string>
#include <vector>

namespace kiosk {

void append_glyph_text(const Guideline& g, std::string& body, std::string& heading);
void append_glyph_text(const Scenario& s, std::string& body, std::string& heading);

} // namespace kiosk
