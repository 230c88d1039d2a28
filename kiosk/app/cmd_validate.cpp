// `kiosk validate [PATH…]`: checks scenario files and prints `file:line:col: error|warning: message`, then a summary.
#include "commands.hpp"

#include "core/glyph_text.hpp"
#include "core/guideline.hpp"
#include "core/json_location.hpp"
#include "core/scenario_lints.hpp"
#include "core/scenario_loader.hpp"
#include "platform/font_atlas.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::app {

namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    bool quiet_warnings = false;
};

// Characters no installed font has, in every file given: a trainer learns here, not from a blank on the kiosk.
void add_unshowable_characters(const std::vector<std::string>& paths, std::vector<Diagnostic>& diags) {
    platform::FontFace face;
    std::vector<bool> has;
    std::string error;
    if (!platform::find_cjk_font(face, error) || !platform::font_coverage(face, has, error)) {
        diags.push_back({Severity::warning, "", 0, 0, "", "characters were not checked against the font: " + error, ""});
        return;
    }
    const auto font_has = [&](std::uint32_t c) { return c < has.size() && has[c]; };
    std::vector<std::string> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            // A folder this user cannot read is the loader's diagnostic; here it is only passed over.
            for (std::filesystem::recursive_directory_iterator it(p, std::filesystem::directory_options::skip_permission_denied, ec), end;
                 !ec && it != end; it.increment(ec))
                if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path().string());
        } else {
            files.push_back(p);
        }
    }
    std::vector<Diagnostic> found;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        for (auto& d : unshowable_characters(f, ss.str(), font_has)) found.push_back(std::move(d));
    }
    diags.insert(diags.end(), found.begin(), found.end());
}

// The tag lints of every loaded item, as warnings located in its file (they never stop an item from loading).
void add_tag_lints(ScenarioLoadResult& r) {
    for (const auto& s : r.scenarios) {
        const auto lints = tag_lints(s);
        if (lints.empty()) continue;
        std::ifstream in(s.file, std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        std::string text = bytes.str();
        if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
        for (const auto& lint : lints) {
            const auto at = locate_pointer(text, lint.pointer);
            r.diagnostics.push_back({Severity::warning, s.file, at.line, at.column, lint.pointer, lint.message, lint.hint});
        }
    }
}

// Diagnostics in file, line and column order, whichever check found them.
void sort_by_position(std::vector<Diagnostic>& diags) {
    std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
}

int validate(const ValidateOptions& o, const GlobalOptions& global) {
    std::vector<Diagnostic> gdiags;
    const std::string guideline_path = (std::filesystem::path(resolve_content_dir(global)) / "guideline.json").string();
    const Guideline g = load_guideline(guideline_path, gdiags);
    for (const auto& d : gdiags) std::fprintf(stderr, "%s\n", d.format().c_str());
    if (has_errors(gdiags)) {
        std::fprintf(stderr, "the guideline could not be loaded, so clause IDs cannot be checked\n");
        return 2;
    }
    const std::vector<std::string> paths = o.paths.empty() ? std::vector<std::string>{resolve_scenarios_dir(global)} : o.paths;
    for (const auto& p : paths)
        if (!std::filesystem::exists(p)) {
            std::fprintf(stderr, "%s: error: no such file or directory\n", p.c_str());
            return 2;
        }
    ScenarioLoadResult r = load_scenarios(paths, g);
    add_unshowable_characters(paths, r.diagnostics);
    add_tag_lints(r);
    sort_by_position(r.diagnostics);
    int errors = 0, warnings = 0;
    for (const auto& d : r.diagnostics) {
        (d.severity == Severity::error ? errors : warnings)++;
        if (d.severity == Severity::warning && o.quiet_warnings) continue;
        std::printf("%s\n", d.format().c_str());
    }
    std::printf("%d file(s) read, %zu scenario(s) valid, %zu file(s) skipped; %d error(s), %d warning(s)\n", r.files_read,
                r.scenarios.size(), r.skipped_files.size(), errors, warnings);
    return errors > 0 ? 1 : 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ValidateOptions>();
    sub.add_option("paths", o->paths, "scenario files or directories (default: the scenario directory)");
    sub.add_flag("--no-warnings", o->quiet_warnings, "print errors only (warnings are still counted)");
    return [o, &global] { return validate(*o, global); };
}

const bool registered = register_command({"validate", "check scenario files; prints file:line:col: error|warning: message and exits non-zero on any error", setup});

} // namespace

} // namespace kiosk::app
