// `kiosk validate [PATH…]`: checks scenario files and prints `file:line:col: error|warning: message`, then a summary.
#include "commands.hpp"

#include "core/guideline.hpp"
#include "core/json_location.hpp"
#include "core/scenario_lints.hpp"
#include "core/scenario_loader.hpp"

#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::app {

namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    bool quiet_warnings = false;
};

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
    std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.file != b.file ? a.file < b.file : a.line != b.line ? a.line < b.line : a.column < b.column;
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
    add_tag_lints(r);
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
