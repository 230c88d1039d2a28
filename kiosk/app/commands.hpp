// Subcommand registry: each kiosk/app/cmd_*.cpp registers its own subcommand, so main.cpp stays a thin composition root.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace kiosk::app {

// Options accepted by the kiosk and by every subcommand, before or after the subcommand's name.
struct GlobalOptions {
    std::string db_path;        // --db; empty = config file or XDG default
    std::string config_path;    // --config; empty = default location
    std::string content_dir;    // --content; empty = shipped content
    std::string scenarios_dir;  // --scenarios; empty = shipped scenarios
    bool create = false;        // --create: make the database's folder when it is missing
};

// Exit statuses every subcommand shares (docs/admin.md); the others are the command's own.
inline constexpr int kExitNoPermission = 4;  // this user cannot write the file or its folder: a permissions matter, not damage
inline constexpr int kExitConfig = 5;        // the terminal configuration does not exist (--config) or cannot be used

// A subcommand adds its options to `sub` and returns what to run once the command line is parsed.
using Runner = std::function<int()>;
using CommandSetup = std::function<Runner(CLI::App& sub, const GlobalOptions& global)>;

struct CommandSpec {
    std::string name;
    std::string description;
    CommandSetup setup;
};

// Call from a namespace-scope initialiser in the command's own file:
//   static const bool registered = kiosk::app::register_command({"validate", "...", setup});
bool register_command(CommandSpec spec);
std::vector<CommandSpec>& registered_commands();

// Where things are, after --flags, the terminal config and the defaults have been applied.
std::string resolve_content_dir(const GlobalOptions& g);
std::string resolve_scenarios_dir(const GlobalOptions& g);
std::string resolve_db_path(const GlobalOptions& g);

// "" when the terminal configuration can be used (a missing file at the default location is fine); otherwise every
// error with file:line:col. main() stops every subcommand on it; the kiosk shows it and records nothing.
std::string config_problem(const GlobalOptions& g);
std::string terminal_id_for(const GlobalOptions& g);
// The database this terminal records into by its configuration (db_path or the default location), ignoring --db.
std::string configured_db_path(const GlobalOptions& g);
// Records a command must never write over: the --db database and the configured one.
std::vector<std::string> protected_db_paths(const GlobalOptions& g);
// The file is the one this terminal records into: a WAL-mode records file that is the configured database, or is open
// in a running kiosk right now. Never a backup (one file, rollback journal) or a copy nobody has open: verify, export and
// backup log their event only there. Call it before this process opens `path` through SQLite.
bool is_terminal_live_database(const std::string& path, const GlobalOptions& g);
// For commands that record: the database path; its folder is created only at the default location (first run) or with
// --create. A missing folder otherwise is reported by AttemptStore, never created silently.
std::string db_path_for_writing(const GlobalOptions& g);
// Writes `text` next to `path` and renames it into place (or to stdout for "-"); false and `error` when it cannot.
bool write_output_file(const std::string& path, const std::string& text, std::string& error);

} // namespace kiosk::app
