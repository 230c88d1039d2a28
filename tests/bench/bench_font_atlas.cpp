// Benchmark (tests/bench/run.sh, not a test): the font atlas the kiosk builds at start-up for the shipped content —
// glyph count, atlas size and build time, median of several builds, each from a fresh atlas as at start-up, at every
// font scale. Prints one JSON object.
#include "core/content.hpp"
#include "core/glyph_text.hpp"
#include "core/strings.hpp"
#include "platform/font_atlas.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/widgets.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

using namespace kiosk;

int main(int argc, char** argv) {
    const std::string source = argc > 1 ? argv[1] : KIOSK_SOURCE_DIR;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 9;
    const Content content = load_content(source + "/content", source + "/scenarios");
    StringTable strings;
    std::vector<Diagnostic> diags;
    if (!strings.load(source + "/content/strings", diags) || content.guideline.clauses.empty()) {
        std::cerr << "bench_font_atlas: the content in " << source << " cannot be used\n";
        return 2;
    }
    const GlyphText text = content_glyph_text(content, strings.all_text() + ui::kUiLiteralGlyphs);
    platform::FontFace face;
    std::string error;
    if (!platform::find_cjk_font(face, error)) {
        std::cerr << "bench_font_atlas: " << error << "\n";
        return 2;
    }
    nlohmann::json out = {{"font", face.file}, {"scenarios", content.scenarios.size()}, {"runs", runs}};
    for (const int scale : {100, 125, 150, 200}) {
        platform::FontRequest request;
        request.body_px = ui::body_px_for(1.0f, scale);
        request.heading_px = ui::heading_px_for(request.body_px);
        request.body_text = text.body;
        request.heading_text = text.heading;
        std::vector<double> ms;
        platform::FontStats stats;
        for (int i = 0; i < runs; ++i) {
            platform::FontAtlas atlas;
            if (!atlas.build(face, request, stats, error)) {
                std::cerr << "bench_font_atlas: " << error << "\n";
                return 1;
            }
            ms.push_back(stats.build_ms);
        }
        std::sort(ms.begin(), ms.end());
        out["scale_" + std::to_string(scale)] = {{"glyphs", stats.glyphs},
                                                 {"atlas", std::to_string(stats.atlas_width) + "x" + std::to_string(stats.atlas_height)},
                                                 {"build_ms_median", ms[ms.size() / 2]},
                                                 {"build_ms_min", ms.front()}};
    }
    std::cout << out.dump() << "\n";
    return 0;
}
