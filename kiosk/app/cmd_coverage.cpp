// `kiosk coverage [--csv]`: for every clause of the guideline, how many items test it, by audience and type.
#include "commands.hpp"

#include "core/coverage.hpp"
#include "core/guideline.hpp"
#include "core/quality.hpp"
#include "core/scenario_loader.hpp"

#include <cstdio>
#include <filesystem>

namespace kiosk::app {

namespace {

struct CoverageOptions {
    bool csv = false;
    bool quality = false;
    int minimum = 3;
};

// --quality: the cue figures of issue 14 and the tag lints; non-zero exit when a target is missed.
int print_quality(const std::vector<Scenario>& scenarios) {
    const QualityReport q = compute_quality(scenarios);
    std::printf("cue report over %zu scenarios\n\n", scenarios.size());
    std::printf("(a) single-choice items whose keyed option is strictly the longest (Japanese, code points): %d of %d = %.1f %% "
                "(target <= 30 %%)\n",
                q.keyed_longest, q.single_items, 100.0 * q.keyed_longest_share());
    for (const auto& id : q.keyed_longest_ids) std::printf("      %s\n", id.c_str());
    std::printf("(b) position of the keyed option in file order (target: 1st-4th each 15-35 %%)\n");
    for (int i = 0; i < 5; ++i)
        std::printf("      %d: %3d  %5.1f %%\n", i + 1, q.key_position[static_cast<std::size_t>(i)], 100.0 * q.position_share(i));
    std::printf("(c) multiple/hottext items by number of correct options (target: 1, 2, 3 and 4 each at least twice), of %d\n", q.multi_items);
    for (const auto& [n, items] : q.correct_count) std::printf("      %d correct: %d\n", n, items);
    std::printf("tag lints: %zu\n", q.lints.size());
    for (const auto& [id, lint] : q.lints) std::printf("      %s %s: %s\n", id.c_str(), lint.pointer.c_str(), lint.message.c_str());
    const auto missed = q.missed_targets();
    std::printf("\n");
    for (const auto& m : missed) std::printf("target missed: %s\n", m.c_str());
    if (missed.empty()) std::printf("every target is met\n");
    return missed.empty() ? 0 : 1;
}

int coverage(const CoverageOptions& o, const GlobalOptions& global) {
    std::vector<Diagnostic> diags;
    const Guideline g = load_guideline((std::filesystem::path(resolve_content_dir(global)) / "guideline.json").string(), diags);
    if (has_errors(diags)) {
        for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.format().c_str());
        return 2;
    }
    const ScenarioLoadResult r = load_scenarios({resolve_scenarios_dir(global)}, g);
    for (const auto& d : r.diagnostics)
        if (d.severity == Severity::error) std::fprintf(stderr, "%s\n", d.format().c_str());
    if (o.quality) return print_quality(r.scenarios);
    const Coverage cov = compute_coverage(g, r.scenarios, o.minimum);
    constexpr ItemType types[] = {ItemType::single, ItemType::multiple, ItemType::hottext, ItemType::classify, ItemType::branching};
    if (o.csv) {
        std::printf("clause,label,operative,primary,cited");
        for (const char* a : coverage_audiences) std::printf(",%s", a);
        for (ItemType t : types) std::printf(",%s", to_string(t));
        std::printf("\n");
        for (const auto& row : cov.rows) {
            std::printf("%s,%s,%d,%d,%d", row.clause->id.c_str(), row.clause->label.c_str(), row.clause->operative ? 1 : 0, row.primary,
                        row.cited);
            for (int n : row.by_audience) std::printf(",%d", n);
            for (int n : row.by_type) std::printf(",%d", n);
            std::printf("\n");
        }
    } else {
        std::printf("%-13s %-4s %7s %5s  %-5s %-5s %-5s  %-3s %-3s %-3s %-3s %-3s  %s\n", "clause", "op", "primary", "cited", "orien", "refr",
                    "oper", "sgl", "mul", "hot", "cls", "br", "title");
        for (const auto& row : cov.rows) {
            const bool low = row.clause->operative && row.primary < cov.minimum;
            std::printf("%-13s %-4s %7d %5d  %-5d %-5d %-5d  %-3d %-3d %-3d %-3d %-3d  %s%s\n", row.clause->id.c_str(),
                        row.clause->operative ? "yes" : "", row.primary, row.cited, row.by_audience[0], row.by_audience[1],
                        row.by_audience[2], row.by_type[0], row.by_type[1], row.by_type[2], row.by_type[3], row.by_type[4],
                        row.clause->short_title.ja.c_str(), low ? "   <-- below minimum" : "");
        }
        std::printf("\n%zu clauses, %zu scenarios loaded, %zu file(s) skipped with errors\n", cov.rows.size(), r.scenarios.size(),
                    r.skipped_files.size());
    }
    const auto low = cov.below_minimum();
    if (!low.empty()) {
        // With --csv the table stays clean on standard output and the shortfall goes to standard error.
        FILE* out = o.csv ? stderr : stdout;
        std::fprintf(out, "operative clauses with fewer than %d items as primary subject:", cov.minimum);
        for (const auto* row : low) std::fprintf(out, " %s(%d)", row->clause->id.c_str(), row->primary);
        std::fprintf(out, "\n");
    } else if (!o.csv) {
        std::printf("every operative clause is the primary subject of at least %d items\n", cov.minimum);
    }
    return (low.empty() && r.skipped_files.empty()) ? 0 : 1;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<CoverageOptions>();
    sub.add_flag("--csv", o->csv, "CSV on standard output");
    sub.add_flag("--quality", o->quality, "the cue report: keyed option longest, key positions, correct-option counts, tag lints");
    sub.add_option("--minimum", o->minimum, "items each operative clause needs as primary subject")->check(CLI::Range(1, 100));
    return [o, &global] { return coverage(*o, global); };
}

const bool registered = register_command({"coverage", "the clause x scenario matrix; lists operative clauses with fewer than 3 items", setup});

} // namespace

} // namespace kiosk::app
