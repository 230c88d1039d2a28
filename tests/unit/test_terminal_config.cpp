// Terminal configuration: defaults when the file is missing, bad values reported with their place and replaced by defaults.
#include "core/terminal_config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
    const fs::path p = fs::temp_directory_path() / ("kiosk-config-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}
} // namespace

TEST_CASE("a missing configuration file gives the defaults and no diagnostics") {
    const auto loaded = load_terminal_config("/nonexistent/chiyoda-kiosk/config.json");
    CHECK_FALSE(loaded.file_found);
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.config.idle_seconds == 90);
    CHECK(loaded.config.warning_seconds >= 20);
    CHECK(loaded.config.language == Lang::ja);
}

TEST_CASE("the shipped example configuration is valid") {
    const auto loaded = load_terminal_config(std::string(KIOSK_SOURCE_DIR) + "/assets/deploy/config.example.json");
    CHECK(loaded.file_found);
    for (const auto& d : loaded.diagnostics) INFO(d.format());
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.config.terminal_id == "kanda-2f-01");
}

TEST_CASE("bad values are reported at their line and replaced by the defaults") {
    const std::string path = write_temp("bad.json",
                                        "{\n"
                                        "  \"idle_seconds\": 5,\n"
                                        "  \"warning_seconds\": \"30\",\n"
                                        "  \"language\": \"fr\",\n"
                                        "  \"font_scale\": 175,\n"
                                        "  \"high_contrst\": true\n"
                                        "}\n");
    const auto loaded = load_terminal_config(path);
    fs::remove(path);
    REQUIRE(loaded.diagnostics.size() == 5);
    CHECK(loaded.config.idle_seconds == 90);
    CHECK(loaded.config.warning_seconds == 30);
    CHECK(loaded.config.language == Lang::ja);
    CHECK(loaded.config.font_scale_percent == 100);
    CHECK(loaded.diagnostics[0].line == 2);
    CHECK(loaded.diagnostics[1].line == 3);
    CHECK(loaded.diagnostics.back().message.find("high_contrst") != std::string::npos);
}

TEST_CASE("a configuration that is not JSON keeps every default and says where it broke") {
    const std::string path = write_temp("broken.json", "{\n  \"idle_seconds\": 120,\n  \"language\" \"en\"\n}\n");
    const auto loaded = load_terminal_config(path);
    fs::remove(path);
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].severity == Severity::error);
    CHECK(loaded.diagnostics[0].line == 3);
    CHECK(loaded.config.idle_seconds == 90);
}

TEST_CASE("the ward server keys: a connection string and the sync interval; none means no server") {
    CHECK(load_terminal_config("/nonexistent/chiyoda-kiosk/config.json").config.server.empty());
    const std::string path = write_temp("server.json", "{\n  \"server\": \"service=ward\",\n  \"sync_seconds\": 120\n}\n");
    const auto loaded = load_terminal_config(path);
    for (const auto& d : loaded.diagnostics) INFO(d.format());
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.config.server == "service=ward");
    CHECK(loaded.config.sync_seconds == 120);
    const std::string bad = write_temp("server-bad.json", "{\n  \"sync_seconds\": 1\n}\n");
    const auto refused = load_terminal_config(bad);
    REQUIRE(refused.diagnostics.size() == 1);
    CHECK(refused.diagnostics[0].line == 2);
    CHECK(refused.config.sync_seconds == 60);
    fs::remove(path);
    fs::remove(bad);
}
