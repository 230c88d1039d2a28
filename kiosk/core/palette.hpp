// Colour palettes of the kiosk (standard and high contrast) and WCAG contrast maths, kept free of ImGui so tests can check them.
#pragma once
#include <string>
#include <vector>

namespace kiosk {

struct Rgb {
    float r = 0, g = 0, b = 0;  // sRGB, 0..1
};

struct Palette {
    Rgb background;     // screen background
    Rgb surface;        // cards and panels
    Rgb text;           // body text on background and surface
    Rgb text_muted;     // secondary text
    Rgb accent;         // primary buttons
    Rgb accent_text;    // text on primary buttons
    Rgb button;         // secondary buttons
    Rgb button_text;
    Rgb selected;       // a chosen option
    Rgb selected_text;
    Rgb correct;        // "correct" marks and text on background
    Rgb wrong;          // "wrong" marks and text on background
    Rgb focus;          // keyboard focus ring
    Rgb border;
    Rgb highlight;      // tapped hottext span background
    Rgb highlight_text;
};

Palette standard_palette();
Palette high_contrast_palette();

// WCAG 2.x relative luminance and contrast ratio (1..21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

struct ColourPair {
    std::string name;
    Rgb foreground;
    Rgb background;
};
// Every foreground/background pair the UI draws text with.
std::vector<ColourPair> text_colour_pairs(const Palette& p);

} // namespace kiosk
