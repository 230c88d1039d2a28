// The two palettes and WCAG 2.x contrast computations.
#include "palette.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

namespace {
constexpr Rgb hex(unsigned v) {
    return {static_cast<float>((v >> 16) & 0xff) / 255.0f, static_cast<float>((v >> 8) & 0xff) / 255.0f,
            static_cast<float>(v & 0xff) / 255.0f};
}
double channel(float c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
} // namespace

Palette standard_palette() {
    Palette p;
    p.background = hex(0xF4F6F8);
    p.surface = hex(0xFFFFFF);
    p.text = hex(0x1B2430);
    p.text_muted = hex(0x4A5563);
    p.accent = hex(0x0B5CAD);
    p.accent_text = hex(0xFFFFFF);
    p.button = hex(0xE3E8EE);
    p.button_text = hex(0x1B2430);
    p.selected = hex(0xD4E6FA);
    p.selected_text = hex(0x0B2E55);
    p.correct = hex(0x1E6B34);
    p.wrong = hex(0xB0202A);
    p.focus = hex(0xC25E00);
    p.border = hex(0xB8C2CC);
    p.highlight = hex(0xFFE08A);
    p.highlight_text = hex(0x1B2430);
    return p;
}

Palette high_contrast_palette() {
    Palette p;
    p.background = hex(0x000000);
    p.surface = hex(0x111111);
    p.text = hex(0xFFFFFF);
    p.text_muted = hex(0xE0E0E0);
    p.accent = hex(0xFFD400);
    p.accent_text = hex(0x000000);
    p.button = hex(0x2A2A2A);
    p.button_text = hex(0xFFFFFF);
    p.selected = hex(0x00E5FF);
    p.selected_text = hex(0x000000);
    p.correct = hex(0x6CFF8E);
    p.wrong = hex(0xFF8A8A);
    p.focus = hex(0xFF7AF5);
    p.border = hex(0xFFFFFF);
    p.highlight = hex(0xFFD400);
    p.highlight_text = hex(0x000000);
    return p;
}

double relative_luminance(Rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

double contrast_ratio(Rgb a, Rgb b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<ColourPair> text_colour_pairs(const Palette& p) {
    return {
        {"text on background", p.text, p.background},
        {"text on surface", p.text, p.surface},
        {"muted text on background", p.text_muted, p.background},
        {"muted text on surface", p.text_muted, p.surface},
        {"primary button text", p.accent_text, p.accent},
        {"secondary button text", p.button_text, p.button},
        {"selected option text", p.selected_text, p.selected},
        {"correct on surface", p.correct, p.surface},
        {"wrong on surface", p.wrong, p.surface},
        {"correct on background", p.correct, p.background},
        {"wrong on background", p.wrong, p.background},
        {"hottext highlight", p.highlight_text, p.highlight},
    };
}

} // namespace kiosk
