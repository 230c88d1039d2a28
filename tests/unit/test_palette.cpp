// Checks that every text colour pair of both palettes meets WCAG 1.4.3 (4.5:1) and the maths against known values.
#include "core/palette.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("contrast ratio matches WCAG reference values") {
    CHECK(contrast_ratio({0, 0, 0}, {1, 1, 1}) == Approx(21.0));
    CHECK(contrast_ratio({1, 1, 1}, {1, 1, 1}) == Approx(1.0));
    // #767676 on white is the well-known lightest grey that passes 4.5:1 (4.54).
    const float g = 0x76 / 255.0f;
    CHECK(contrast_ratio({g, g, g}, {1, 1, 1}) == Approx(4.54).margin(0.01));
}

TEST_CASE("every text colour pair meets 4.5:1") {
    for (const auto& [palette_name, palette] : {std::pair{"standard", standard_palette()}, std::pair{"high contrast", high_contrast_palette()}}) {
        for (const auto& pair : text_colour_pairs(palette)) {
            INFO(palette_name << ": " << pair.name << " = " << contrast_ratio(pair.foreground, pair.background));
            CHECK(contrast_ratio(pair.foreground, pair.background) >= 4.5);
        }
    }
}

TEST_CASE("the high-contrast palette has stronger body text contrast than the standard one") {
    CHECK(contrast_ratio(high_contrast_palette().text, high_contrast_palette().background) >=
          contrast_ratio(standard_palette().text, standard_palette().background));
    CHECK(contrast_ratio(high_contrast_palette().text, high_contrast_palette().background) >= 7.0);
}
