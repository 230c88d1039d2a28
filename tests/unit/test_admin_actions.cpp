// Admin maintenance actions on a real file: CSV and xAPI exports, online backup that verifies, export destinations,
// and the admin snapshot computed on a read-only connection of its own.
#include "core/admin_actions.hpp"
#include "core/admin_snapshot.hpp"
#include "core/content.hpp"
#include "core/demo_data.hpp"
#include "core/record_chain.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

const Content& shipped() {
    static const Content c = load_content(std::string(KIOSK_SOURCE_DIR) + "/content", std::string(KIOSK_SOURCE_DIR) + "/scenarios");
    return c;
}

constexpr EpochMs kNow = 1'780'000'000'000;

struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("kiosk-admin-actions-" + std::to_string(::getpid()));
    std::unique_ptr<AttemptStore> store;
    DemoSummary demo;
    Scratch() {
        fs::remove_all(dir);
        fs::create_directories(dir / "out");
        store = std::make_unique<AttemptStore>((dir / "kiosk.db").string(), "t1");
        REQUIRE(store->status().ok);
        DemoOptions o;
        o.staff = 40;
        o.departments = 4;
        o.years = 1;
        o.seed = 11;
        o.end = kNow;
        demo = seed_demo_data(*store, shipped(), o);
    }
    ~Scratch() {
        store.reset();
        fs::remove_all(dir);
    }
};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

long long count(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

} // namespace

TEST_CASE("CSV export: four files with a BOM in a new folder each time; every completion listed") {
    Scratch s;
    const auto in = snapshot_inputs(shipped(), kNow);
    const ActionOutcome r = export_csv(s.store->handle(), in.courses, in.item_clauses, (s.dir / "out").string(), kNow);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(fs::path(r.path).filename().string().rfind("kiosk-export-", 0) == 0);
    CHECK(r.files == std::vector<std::string>{"completions_report.csv", "completions.csv", "item_statistics.csv", "heatmap.csv"});
    const std::string all = read(fs::path(r.path) / "completions.csv");
    CHECK(all.rfind("\xEF\xBB\xBFstaff_id,name,department,course,completed_at,", 0) == 0);
    long long lines = 0;
    for (std::size_t i = all.find("\r\n"); i != std::string::npos; i = all.find("\r\n", i + 2)) ++lines;
    CHECK(lines - 1 == s.demo.completions);
    CHECK(read(fs::path(r.path) / "heatmap.csv").find("5.4.a,") != std::string::npos);

    const ActionOutcome again = export_csv(s.store->handle(), in.courses, in.item_clauses, (s.dir / "out").string(), kNow);
    REQUIRE(again.ok);
    CHECK(again.path != r.path);  // the same minute does not overwrite the first export

    const ActionOutcome bad = export_csv(s.store->handle(), in.courses, in.item_clauses, (s.dir / "missing").string(), kNow);
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("does not exist") != std::string::npos);
}

TEST_CASE("xAPI export: one statement per finished attempt, id = attempt UUID, verb from the result, valid JSON") {
    Scratch s;
    const ActionOutcome r = export_xapi(s.store->handle(), (s.dir / "out").string(), kNow);
    INFO(r.error);
    REQUIRE(r.ok);
    const auto statements = nlohmann::json::parse(read(fs::path(r.path) / "statements.json"));
    REQUIRE(statements.is_array());
    CHECK(static_cast<long long>(statements.size()) == s.demo.finished);
    CHECK(r.rows == s.demo.finished);
    std::set<std::string> ids;
    long long passed = 0;
    for (const auto& st : statements) {
        ids.insert(st.at("id").get<std::string>());
        const bool success = st.at("result").at("success").get<bool>();
        passed += success ? 1 : 0;
        CHECK(st.at("verb").at("id").get<std::string>() ==
              std::string("http://adlnet.gov/expapi/verbs/") + (success ? "passed" : "failed"));
        const double scaled = st.at("result").at("score").at("scaled").get<double>();
        CHECK(scaled >= 0.0);
        CHECK(scaled <= 1.0);
        CHECK(st.at("actor").at("account").at("name").get<std::string>().size() == 6);
        CHECK(st.at("object").at("id").get<std::string>().rfind("urn:chiyoda-kiosk:course:", 0) == 0);
        CHECK(st.at("timestamp").get<std::string>().size() == 24);  // 2026-05-28T20:26:40.000Z
        CHECK(st.at("context").at("extensions").at("urn:chiyoda-kiosk:guideline-sha256").get<std::string>() == shipped().guideline.hash);
    }
    CHECK(static_cast<long long>(ids.size()) == s.demo.finished);
    CHECK(passed == count(s.store->handle(), "SELECT count(*) FROM attempts WHERE state = 'finished' AND passed = 1"));
}

TEST_CASE("backup: a new file that verifies and holds the same rows; never over an existing file") {
    Scratch s;
    const std::string dest = (s.dir / "out" / backup_file_name(kNow)).string();
    const ActionOutcome r = backup_records(s.store->handle(), dest);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.rows > 0);
    sqlite3* copy = nullptr;
    REQUIRE(sqlite3_open_v2(dest.c_str(), &copy, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(count(copy, "SELECT count(*) FROM responses") == s.demo.responses);
    CHECK(count(copy, "PRAGMA application_id") == 0x43484B31);
    CHECK(verify_records(copy).ok());
    sqlite3_close(copy);

    const ActionOutcome twice = backup_records(s.store->handle(), dest);
    CHECK_FALSE(twice.ok);
    CHECK(twice.error.find("already exists") != std::string::npos);
    CHECK_FALSE(backup_records(s.store->handle(), (s.dir / "nowhere" / "b.db").string()).ok);
}

TEST_CASE("the admin snapshot on a read-only connection of its own equals the one on the store's connection") {
    Scratch s;
    const auto in = snapshot_inputs(shipped(), kNow);
    const AdminSnapshot a = load_admin_snapshot(s.store->handle(), in);
    const AdminSnapshot b = load_admin_snapshot_file((s.dir / "kiosk.db").string(), in);
    REQUIRE(a.error.empty());
    REQUIRE(b.error.empty());
    REQUIRE(a.completions.size() == b.completions.size());
    for (std::size_t i = 0; i < a.completions.size(); ++i) {
        CHECK(a.completions[i].people == b.completions[i].people);
        CHECK(a.completions[i].completed == b.completions[i].completed);
    }
    CHECK(a.items.items.size() == b.items.items.size());
    CHECK(a.heatmap.cells.size() == b.heatmap.cells.size());
    CHECK_FALSE(load_admin_snapshot_file((s.dir / "no-such.db").string(), in).error.empty());
}

TEST_CASE("export destinations: writable folders only, removable media first, then home") {
    const fs::path home = fs::temp_directory_path() / ("kiosk-home-" + std::to_string(::getpid()));
    fs::create_directories(home);
    const char* old = std::getenv("HOME");
    const std::string saved = old ? old : "";
    setenv("HOME", home.c_str(), 1);
    const auto d = suggested_destinations();
    if (saved.empty()) unsetenv("HOME");
    else setenv("HOME", saved.c_str(), 1);
    fs::remove_all(home);
    REQUIRE_FALSE(d.empty());
    CHECK(d.back() == home.string());
}
