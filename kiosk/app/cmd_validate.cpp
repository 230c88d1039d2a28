// `kiosk validate [PATH…]`: checks scenario files and prints `file:line:col: error|warning: message`, then a summary.
#include "commands.hpp"

#include "core/guideline.hpp"
#include "core/scenario_loader.hpp"

#include <cstdio>
#include <filesystem>

namespace kiosk::app {

namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    bool quiet_warnings = false;
};

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
    const ScenarioLoadResult r = load_scenarios(paths, g);
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
