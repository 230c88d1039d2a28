// Reads the terminal's JSON configuration; every bad value is reported and replaced by its default.
#include "terminal_config.hpp"

#include "json_location.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace kiosk {

namespace {

std::string xdg_dir(const char* var, const char* fallback) {
    if (const char* v = std::getenv(var); v && *v) return v;
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : "/tmp") + "/" + fallback;
}

} // namespace

std::string default_config_path() { return xdg_dir("XDG_CONFIG_HOME", ".config") + "/chiyoda-kiosk/config.json"; }
std::string default_db_path() { return xdg_dir("XDG_DATA_HOME", ".local/share") + "/chiyoda-kiosk/kiosk.db"; }

std::string host_terminal_id() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0 || !buf[0]) return "terminal";
    return buf;
}

LoadedTerminalConfig load_terminal_config(const std::string& path) {
    LoadedTerminalConfig out;
    std::ifstream in(path, std::ios::binary);
    if (!in) return out;
    out.file_found = true;
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();

    auto report = [&](const std::string& pointer, std::string message, std::string hint) {
        Diagnostic d;
        d.severity = Severity::warning;
        d.file = path;
        d.pointer = pointer;
        d.message = std::move(message);
        d.hint = std::move(hint);
        const auto loc = locate_pointer(text, pointer);
        d.line = loc.line;
        d.column = loc.column;
        out.diagnostics.push_back(std::move(d));
    };

    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const nlohmann::json::parse_error& e) {
        Diagnostic d;
        d.severity = Severity::error;
        d.file = path;
        const auto loc = offset_to_location(text, e.byte > 0 ? e.byte - 1 : 0);
        d.line = loc.line;
        d.column = loc.column;
        d.message = "the configuration is not valid JSON: commands stop and the kiosk records nothing until it is fixed";
        d.hint = "check for a missing comma or quote near this place";
        out.diagnostics.push_back(std::move(d));
        return out;
    }
    if (!j.is_object()) {
        report("", "the configuration must be a JSON object { ... }: commands stop and the kiosk records nothing until it is fixed", "");
        out.diagnostics.back().severity = Severity::error;
        return out;
    }

    auto& c = out.config;
    auto get_string = [&](const char* key, std::string& target) {
        if (!j.contains(key)) return;
        if (j[key].is_string()) target = j[key].get<std::string>();
        else report(std::string("/") + key, std::string("`") + key + "` must be a string", "write it in double quotes");
    };
    auto get_int = [&](const char* key, int& target, int lo, int hi) {
        if (!j.contains(key)) return;
        const auto& v = j[key];
        if (v.is_number_integer() && v.get<long long>() >= lo && v.get<long long>() <= hi) {
            target = v.get<int>();
        } else {
            report(std::string("/") + key,
                   std::string("`") + key + "` must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                       "; using " + std::to_string(target),
                   "");
        }
    };

    get_string("terminal_id", c.terminal_id);
    get_int("idle_seconds", c.idle_seconds, 15, 3600);
    get_int("warning_seconds", c.warning_seconds, 20, 600);
    if (j.contains("language")) {
        const auto& v = j["language"];
        if (v == "ja") c.language = Lang::ja;
        else if (v == "en") c.language = Lang::en;
        else report("/language", "`language` must be \"ja\" or \"en\"; using \"ja\"", "");
    }
    if (j.contains("font_scale")) {
        const auto& v = j["font_scale"];
        const bool ok = v.is_number_integer() && (v == 100 || v == 125 || v == 150 || v == 200);
        if (ok) c.font_scale_percent = v.get<int>();
        else report("/font_scale", "`font_scale` must be 100, 125, 150 or 200; using 100", "");
    }
    if (j.contains("high_contrast")) {
        if (j["high_contrast"].is_boolean()) c.high_contrast = j["high_contrast"].get<bool>();
        else report("/high_contrast", "`high_contrast` must be true or false", "write true or false without quotes");
    }
    get_string("db_path", c.db_path);
    get_string("content_dir", c.content_dir);
    get_string("scenarios_dir", c.scenarios_dir);
    get_string("server", c.server);
    get_int("sync_seconds", c.sync_seconds, 5, 86400);

    static const char* known[] = {"terminal_id", "idle_seconds", "warning_seconds", "language", "font_scale",
                                  "high_contrast", "db_path", "content_dir", "scenarios_dir", "server", "sync_seconds"};
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool found = false;
        for (const char* k : known) found = found || it.key() == k;
        if (!found) report("/" + it.key(), "unknown setting `" + it.key() + "` is ignored", "check the spelling against the README");
    }
    return out;
}

} // namespace kiosk
