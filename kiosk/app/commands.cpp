// The subcommand registry and the resolution of the content, scenario and database locations.
#include "commands.hpp"

#include "core/output_guard.hpp"
#include "core/terminal_config.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
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

std::string config_path_of(const GlobalOptions& g) { return g.config_path.empty() ? default_config_path() : g.config_path; }

TerminalConfig config_for(const GlobalOptions& g) { return load_terminal_config(config_path_of(g)).config; }

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

namespace kiosk::app {

std::string config_problem(const GlobalOptions& g) {
    const std::string path = config_path_of(g);
    const LoadedTerminalConfig loaded = load_terminal_config(path);
    std::error_code ec;
    if (!loaded.file_found) {
        if (!g.config_path.empty() && !fs::exists(path, ec))
            return path + ": 設定ファイルがありません / the configuration file does not exist (--config); check the path";
        if (fs::exists(path, ec))
            return path + ": 設定ファイルを読めません / the configuration file cannot be read (permissions?)";
        return "";
    }
    std::string out;
    for (const auto& d : loaded.diagnostics)
        if (d.severity == Severity::error) out += (out.empty() ? "" : "\n") + d.format();
    return out;
}

std::string terminal_id_for(const GlobalOptions& g) {
    return config_for(g).terminal_id;  // empty: the records file's own terminal ID (the host name is only a label)
}

std::string configured_db_path(const GlobalOptions& g) {
    const auto cfg = config_for(g);
    return cfg.db_path.empty() ? default_db_path() : cfg.db_path;
}

std::vector<std::string> protected_db_paths(const GlobalOptions& g) { return {resolve_db_path(g), configured_db_path(g)}; }

bool is_terminal_live_database(const std::string& path, const GlobalOptions& g) {
    if (file_kind(path) != FileKind::records_database || !wal_mode_file(path)) return false;
    return same_file_or_companion(path, configured_db_path(g)) || held_open_by_another_process(path);
}

std::string db_path_for_writing(const GlobalOptions& g) {
    const std::string path = resolve_db_path(g);
    const bool first_run_default = g.db_path.empty() && config_for(g).db_path.empty();
    if (g.create || first_run_default) {
        std::error_code ec;
        const auto parent = fs::path(path).parent_path();
        if (!parent.empty() && path.rfind("file:", 0) != 0) fs::create_directories(parent, ec);
    }
    return path;
}

bool write_output_file(const std::string& path, const std::string& text, std::string& error) {
    if (path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return !std::ferror(stdout);
    }
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            error = "cannot write " + tmp;
            std::error_code ec;
            fs::remove(tmp, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        error = "cannot rename " + tmp + " to " + path + ": " + ec.message();
        return false;
    }
    return true;
}

} // namespace kiosk::app
