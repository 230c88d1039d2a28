// Text a trainer can select with the mouse (drag over it), as in any editor: the hottext phrases are made this way.
#pragma once
#include <cstddef>
#include <string>

namespace kiosk::ui {

struct TextSelection {
    std::size_t anchor = 0;  // byte offsets into the text, on code-point boundaries
    std::size_t caret = 0;
    bool dragging = false;
    std::size_t begin() const { return anchor < caret ? anchor : caret; }
    std::size_t end() const { return anchor < caret ? caret : anchor; }
    bool empty() const { return anchor == caret; }
};

// Draws `text` wrapped to the available width, character by character, with the selection highlighted; a mouse drag
// over it selects. Prints "AUTHOR TEXT id x y w h em" for tests when `trace` is set (the rectangle
// of the text and the width of a full-width character).
void selectable_text(const char* id, const std::string& text, TextSelection& sel, bool trace);

} // namespace kiosk::ui
