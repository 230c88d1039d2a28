// `kiosk seed-demo`: fills a new, empty database with demonstration records (a ward office's staff and years of attempts).
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/content.hpp"
#include "core/dates.hpp"
#include "core/demo_data.hpp"
#include "core/output_guard.hpp"

#include <cstdio>
#include <iostream>

namespace kiosk::app {

namespace {

struct SeedOptions {
    DemoOptions demo;
    std::string end;  // YYYY-MM-DD
    bool quiet = false;
};

int seed(SeedOptions o, const GlobalOptions& global) {
    if (!o.end.empty()) {
        EpochMs day = 0;
        if (!parse_iso_date(o.end, day)) {
            std::cerr << "seed-demo: --end expects a date YYYY-MM-DD\n";
            return 2;
        }
        o.demo.end = day + 17 * 60 * 60 * 1000;  // the end of that office day
    }
    const Content content = load_content(resolve_content_dir(global), resolve_scenarios_dir(global));
    if (has_errors(content.diagnostics))
        std::cerr << "seed-demo: content has " << content.diagnostics.size() << " problem(s); `kiosk validate` lists them\n";
    const std::string db_path = db_path_for_writing(global);
    // Demonstration data never goes into this terminal's configured records, nor into a file that is not a records database.
    if (const OutputCheck check = may_write_output(db_path, OutputUse::add_to_records, true, {configured_db_path(global)}); !check.ok) {
        std::cerr << "seed-demo: " << check.reason << "\n";
        return 2;
    }
    AttemptStore store(db_path, "seed-demo");
    if (!store.status().ok || store.status().read_only) {
        std::cerr << "seed-demo: " << db_path << ": " << store.status().message << "\n";
        return store.status().problem == OpenProblem::no_permission ? kExitNoPermission : 3;
    }
    try {
        const auto progress = [&](const DemoSummary& s) {
            if (o.quiet) return;
            std::fprintf(stderr, "\rseed-demo: %lld attempts, %lld responses, %.1f s", s.attempts, s.responses, s.seconds);
            std::fflush(stderr);
        };
        const DemoSummary s = seed_demo_data(store, content, o.demo, progress);
        if (!o.quiet) std::fprintf(stderr, "\n");
        std::printf("database: %s\n", db_path.c_str());
        std::printf("learners: %d (%d in the roster, %d left during the period), departments: %d\n", s.people, s.in_roster,
                    s.people - s.in_roster, s.departments);
        std::printf("attempts: %lld (%lld finished), responses: %lld, completions: %lld, attestations: %lld, events: %lld\n", s.attempts,
                    s.finished, s.responses, s.completions, s.attestations, s.events);
        std::string miskeyed, easy;
        for (const auto& id : s.miskeyed_items) miskeyed += " " + id;
        for (const auto& id : s.easy_items) easy += " " + id;
        std::printf("answered as if mis-keyed:%s\nanswered right by nearly everyone:%s\n", miskeyed.c_str(), easy.c_str());
        std::printf("time: %.1f s (%.0f responses/s)\n", s.seconds, s.seconds > 0 ? static_cast<double>(s.responses) / s.seconds : 0.0);
    } catch (const std::invalid_argument& e) {
        std::cerr << "seed-demo: " << e.what() << "\n";
        return 2;
    } catch (const StoreError& e) {
        std::cerr << "\nseed-demo: the database refused a write: " << e.what() << "\n";
        return 3;
    }
    return 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<SeedOptions>();
    sub.add_option("--staff", o->demo.staff, "people in the roster")->check(CLI::Range(1, 200000));
    sub.add_option("--departments", o->demo.departments, "departments (ward office divisions and sections)")->check(CLI::Range(1, 46));
    sub.add_option("--years", o->demo.years, "years of attempts before the end date")->check(CLI::Range(1, 20));
    sub.add_option("--seed", o->demo.seed, "generator seed: the same seed gives the same people, answers and scores");
    sub.add_option("--end", o->end, "last day of the data YYYY-MM-DD (default: now)");
    sub.add_option("--batch", o->demo.attempts_per_transaction, "attempts per transaction")->check(CLI::Range(1, 1000000));
    sub.add_flag("--quiet", o->quiet, "no progress line");
    sub.footer("Writes only into a new, empty database (use --db). Demonstration data is never mixed with real records.");
    return [o, &global] { return seed(*o, global); };
}

const bool registered = register_command({"seed-demo", "fill a new database with demonstration staff, attempts and completions", setup});

} // namespace

} // namespace kiosk::app
