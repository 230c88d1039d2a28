// The subcommand registry and the resolution of the content, scenario and database locations.
#include "commands.hpp"

#include "core/terminal_config.hpp"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace kiosk::app {

std::vector<CommandSpec>& registered_commands() {
    static std::vector<CommandSpec> commands;
    return commands;
}

bool register_command(CommandSpec spec) {
    registered_commands().push_back(std::move(spec));
    return true;
}

namespace {

// Installed layout first (<prefix>/share/chiyoda-kiosk/<what>), then the source tree the binary was built from.
std::string shipped_dir(const char* what) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "chiyoda-kiosk" / what;
        if (fs::is_directory(installed)) return installed.string();
    }
    return (fs::path(KIOSK_SOURCE_DIR) / what).string();
}

TerminalConfig config_for(const GlobalOptions& g) {
    return load_terminal_config(g.config_path.empty() ? default_config_path() : g.config_path).config;
}

} // namespace

std::string resolve_content_dir(const GlobalOptions& g) {
    if (!g.content_dir.empty()) return g.content_dir;
    const auto cfg = config_for(g);
    return cfg.content_dir.empty() ? shipped_dir("content") : cfg.content_dir;
}

std::string resolve_scenarios_dir(const GlobalOptions& g) {
    if (!g.scenarios_dir.empty()) return g.scenarios_dir;
    const auto cfg = config_for(g);
    return cfg.scenarios_dir.empty() ? shipped_dir("scenarios") : cfg.scenarios_dir;
}

std::string resolve_db_path(const GlobalOptions& g) {
    if (!g.db_path.empty()) return g.db_path;
    const auto cfg = config_for(g);
    return cfg.db_path.empty() ? default_db_path() : cfg.db_path;
}

} // namespace kiosk::app
