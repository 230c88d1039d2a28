// `kiosk merge A.db B.db … -o ward.db`: combines terminals' records into one file. Each source is verified first and a
// broken one is reported and left out; running the same merge again changes nothing.
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/record_merge.hpp"
#include "core/terminal_config.hpp"
#include "core/terminal_identity.hpp"
#include "core/output_guard.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>

namespace kiosk::app {

namespace {

struct MergeOptions {
    std::vector<std::string> sources;
    std::string output;
    std::string enrolled;
};

std::string counts(const MergeCounts& c) {
    std::string s = std::to_string(c.learners) + " learners";
    if (c.learners_updated) s += " (+" + std::to_string(c.learners_updated) + " updated)";
    s += ", " + std::to_string(c.attempts) + " attempts";
    if (c.attempts_closed) s += " (+" + std::to_string(c.attempts_closed) + " closed)";
    return s + ", " + std::to_string(c.responses) + " answers, " + std::to_string(c.completions) + " completions, " +
           std::to_string(c.events) + " events";
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec) && std::filesystem::equivalent(a, b, ec);
}

int merge(const MergeOptions& o, const GlobalOptions& global) {
    std::optional<EnrolledKeys> enrolled;
    if (!o.enrolled.empty()) {
        enrolled = load_enrolled_keys(o.enrolled);
        if (!enrolled->ok()) {
            for (const auto& e : enrolled->errors) std::cerr << "merge: " << e << '\n';
            std::cerr << "merge: nothing was merged\n";
            return 2;
        }
    }
    // The output is a ward file: never a terminal's own records, never a file that is not a records database.
    if (const OutputCheck check = may_write_output(o.output, OutputUse::add_to_records, true, protected_db_paths(global)); !check.ok) {
        std::cerr << "merge: " << check.reason << '\n';
        return 2;
    }
    // The ward file writes its own merge events under its own terminal ID, never under one of the sources'.
    AttemptStore target(o.output);
    if (!target.status().ok || target.status().read_only) {
        std::cerr << "merge: " << o.output << " cannot be written: " << target.status().message << '\n';
        return target.status().problem == OpenProblem::no_permission ? kExitNoPermission : 2;
    }
    // Never add to a file that does not verify: the result could not be told apart from the damage.
    if (const VerifyReport before = verify_records(target.handle()); !before.ok()) {
        std::cerr << "merge: " << o.output << " does not verify; nothing was merged:\n";
        for (const auto& p : before.problems) std::cerr << "  " << p.describe() << '\n';
        return 2;
    }

    bool all_merged = true;
    MergeCounts total;
    nlohmann::json detail = nlohmann::json::array();
    for (const auto& path : o.sources) {
        if (same_file(path, o.output)) {
            std::cout << "merge: " << path << ": NOT merged: it is the output file\n";
            all_merged = false;
            continue;
        }
        MergeSourceResult r;
        try {
            r = merge_records(target.handle(), path, enrolled ? &*enrolled : nullptr);
        } catch (const StoreError& e) {
            r.path = path;
            r.problems.push_back(e.what());
        }
        if (!r.merged) {
            all_merged = false;
            std::cout << "merge: " << path << ": NOT merged\n";
            for (const auto& p : r.problems) std::cout << "  PROBLEM " << p << '\n';
            detail.push_back({{"source", path}, {"merged", false}, {"problems", r.problems}});
            continue;
        }
        std::cout << "merge: " << path << ": verified";
        for (const auto& h : r.heads) std::cout << "; chain " << h.terminal_id << " " << h.length << " rows";
        std::cout << "; added " << counts(r.added) << '\n';
        total.learners += r.added.learners;
        total.learners_updated += r.added.learners_updated;
        total.attempts += r.added.attempts;
        total.attempts_closed += r.added.attempts_closed;
        total.responses += r.added.responses;
        total.completions += r.added.completions;
        total.events += r.added.events;
        nlohmann::json heads = nlohmann::json::array();
        for (const auto& h : r.heads) heads.push_back({{"terminal", h.terminal_id}, {"length", h.length}, {"head", h.head}});
        detail.push_back({{"source", path}, {"merged", true}, {"heads", heads}, {"answers", r.added.responses}, {"attempts", r.added.attempts}});
    }

    const VerifyReport after = verify_records(target.handle());
    for (const auto& h : after.heads) std::cout << "chain " << h.terminal_id << ": " << h.length << " rows, head " << h.head << '\n';
    for (const auto& p : after.problems) std::cout << "PROBLEM " << p.describe() << '\n';
    std::cout << "merge: " << o.output << ": added " << counts(total) << (all_merged ? "" : "; some sources were NOT merged") << '\n';

    // A merge that adds nothing leaves the file as it was: running it twice changes nothing.
    if (total.total() > 0) {
        try {
            target.log_event("merge", "", nlohmann::json{{"sources", detail}}.dump(),
                             std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
        } catch (const StoreError& e) {
            std::cerr << "merge: the merge could not be logged: " << e.what() << '\n';
        }
    }
    return all_merged && after.ok() ? 0 : 1;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<MergeOptions>();
    sub.add_option("sources", o->sources, "terminal records files to merge")->required()->check(CLI::ExistingFile);
    sub.add_option("-o,--output", o->output, "the combined records file (created when missing)")->required();
    sub.add_option("--enrolled", o->enrolled,
                   "the ward's enrolled-keys file (lines printed by `kiosk enroll`): only chains signed by these keys are merged");
    sub.footer("Exit status: 0 every source merged, 1 a source was not merged (it is named with the reason), 2 the output cannot be used.");
    return [o, &global] { return merge(*o, global); };
}

const bool registered = register_command(
    {"merge", "combine terminals' records files into one; each source is verified first, a broken one is left out", setup});

} // namespace

} // namespace kiosk::app
