// `kiosk backup -o FILE`: a consistent copy of the records while the kiosk may be running, verified before it is
// named; the chain heads it ends in are printed and the backup is logged as an event.
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/record_backup.hpp"
#include "core/output_guard.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

namespace kiosk::app {

namespace {

struct BackupOptions {
    std::string output;
    bool force = false;
};

int backup(const BackupOptions& o, const GlobalOptions& global) {
    const std::string path = resolve_db_path(global);
    if (const OutputCheck check = may_write_output(o.output, OutputUse::records_copy, o.force, protected_db_paths(global)); !check.ok) {
        std::cerr << "backup: " << check.reason << '\n';
        return 2;
    }
    const bool log_here = is_terminal_live_database(path, global);
    BackupResult r;
    try {
        r = backup_records(path, o.output);
    } catch (const StoreError& e) {
        std::cerr << "backup: " << e.what() << (e.disk_full() ? " — free some space on the backup drive and try again" : "") << '\n';
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "backup: " << e.what() << '\n';
        return 3;
    }
    std::cout << "backup: " << path << " → " << o.output << " (" << r.pages << " pages)\n";
    std::cout << "integrity_check: " << r.copy.integrity_message << '\n';
    for (const auto& h : r.copy.heads) std::cout << "chain " << h.terminal_id << ": " << h.length << " rows, head " << h.head << '\n';
    for (const auto& p : r.copy.problems) std::cout << "PROBLEM " << p.describe() << '\n';
    std::cout << (r.copy.ok() ? "backup: ok, the copy verifies" : "backup: the copy was kept but does NOT verify") << '\n';

    nlohmann::json heads = nlohmann::json::array();
    for (const auto& h : r.copy.heads) heads.push_back({{"terminal", h.terminal_id}, {"length", h.length}, {"head", h.head}});
    if (!log_here) {
        std::cerr << "backup: not logged: " << path << " is not this terminal's working database (a backup or a copy stays unchanged)\n";
        return r.copy.ok() ? 0 : 1;
    }
    AttemptStore store(path, terminal_id_for(global));
    try {
        store.log_event("backup", "",
                        nlohmann::json{{"output", o.output}, {"pages", r.pages}, {"verified", r.copy.ok()}, {"heads", heads}}.dump(),
                        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    } catch (const StoreError& e) {
        std::cerr << "backup: the backup could not be logged in the records: " << e.what() << '\n';
    }
    return r.copy.ok() ? 0 : 1;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<BackupOptions>();
    sub.add_option("-o,--output", o->output, "the backup file to write")->required();
    sub.add_flag("--force", o->force, "replace an existing file (never the records themselves, nor a database a program has open)");
    sub.footer("Exit status: 0 the copy verifies, 1 the copy was made but does not verify, 2 usage, 3 the copy could not be made.");
    return [o, &global] { return backup(*o, global); };
}

const bool registered = register_command(
    {"backup", "copy the records (safe while the kiosk runs) to one verified file; logs a backup event", setup});

} // namespace

} // namespace kiosk::app
