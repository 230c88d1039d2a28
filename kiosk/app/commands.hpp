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
};

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

} // namespace kiosk::app
