// Admin maintenance actions on a real file: the export (record_export's CSV and xAPI files plus the dashboard's figures),
// the backup that verifies (record_backup), export destinations, and the admin snapshot on a read-only connection.
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
#include <map>
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

long long crlf_rows(const std::string& csv) {
    long long lines = 0;
    for (std::size_t i = csv.find("\r\n"); i != std::string::npos; i = csv.find("\r\n", i + 2)) ++lines;
    return lines - 1;  // minus the header
}

} // namespace

TEST_CASE("export: the records as `kiosk export` writes them and the dashboard's figures, in a new folder each time") {
    Scratch s;
    const auto in = snapshot_inputs(shipped(), kNow);
    const ActionOutcome r = export_records(s.store->handle(), in.courses, in.item_clauses, (s.dir / "out").string(), kNow);
    INFO(r.error);
    REQUIRE(r.ok);
    const fs::path folder(r.path);
    CHECK(folder.filename().string().rfind("kiosk-export-", 0) == 0);
    CHECK(r.files == std::vector<std::string>{"attempts.csv", "responses.csv", "statements.jsonl", "completions_report.csv",
                                              "item_statistics.csv", "heatmap.csv"});

    // attempts.csv and responses.csv: record_export's tables, Japanese headers by default, a BOM, one row per record.
    const std::string attempts = read(folder / "attempts.csv");
    CHECK(attempts.rfind("\xEF\xBB\xBF\"職員番号\",\"氏名\",\"所属\",\"研修\",", 0) == 0);
    CHECK(crlf_rows(attempts) == s.demo.attempts);
    CHECK(crlf_rows(attempts) == count(s.store->handle(), "SELECT count(*) FROM attempts"));
    const std::string responses = read(folder / "responses.csv");
    CHECK(responses.rfind("\xEF\xBB\xBF\"職員番号\",", 0) == 0);
    CHECK(responses.find("\"設問ID\",\"回答\",") != std::string::npos);
    CHECK(crlf_rows(responses) == s.demo.responses);

    // statements.jsonl: one JSON object a line; `answered` for every answer, `passed`/`failed` for every finished
    // attempt and `completed` for those with every item answered; ids never repeat.
    const std::string jsonl = read(folder / "statements.jsonl");
    std::istringstream lines(jsonl);
    std::string line;
    std::set<std::string> ids;
    std::map<std::string, long long> verbs;
    long long statements = 0;
    while (std::getline(lines, line)) {
        const auto st = nlohmann::json::parse(line);
        REQUIRE(st.is_object());
        ++statements;
        ids.insert(st.at("id").get<std::string>());
        const std::string verb = st.at("verb").at("id").get<std::string>();
        REQUIRE(verb.rfind("http://adlnet.gov/expapi/verbs/", 0) == 0);
        ++verbs[verb.substr(verb.rfind('/') + 1)];
        CHECK(st.at("version") == "1.0.3");
        CHECK(st.at("actor").at("account").at("name").get<std::string>().size() == 6);
        const double scaled = st.at("result").at("score").at("scaled").get<double>();
        CHECK(scaled >= 0.0);
        CHECK(scaled <= 1.0);
    }
    sqlite3* db = s.store->handle();
    CHECK(verbs["answered"] == s.demo.responses);
    CHECK(verbs["passed"] == count(db, "SELECT count(*) FROM attempts WHERE state = 'finished' AND passed = 1"));
    CHECK(verbs["passed"] + verbs["failed"] == s.demo.finished);
    CHECK(verbs["completed"] == count(db, "SELECT count(*) FROM attempts WHERE state = 'finished' AND completed = 1"));
    CHECK(static_cast<long long>(ids.size()) == statements);

    // The dashboard's figures, with a BOM as well.
    const std::string report = read(folder / "completions_report.csv");
    CHECK(report.rfind("\xEF\xBB\xBFkind,course,department,staff_id,name,", 0) == 0);
    CHECK(report.find("\r\ncourse,\"refresher\",") != std::string::npos);
    CHECK(read(folder / "item_statistics.csv").rfind("\xEF\xBB\xBFkind,course,item,", 0) == 0);
    const std::string heatmap = read(folder / "heatmap.csv");
    CHECK(heatmap.rfind("\xEF\xBB\xBF" "clause,department,", 0) == 0);
    CHECK(heatmap.find("\r\n\"5.4.a\",") != std::string::npos);
    CHECK(r.rows == crlf_rows(attempts) + crlf_rows(responses) + statements + crlf_rows(report.substr(3)) +
                        crlf_rows(read(folder / "item_statistics.csv").substr(3)) + crlf_rows(heatmap.substr(3)));

    const ActionOutcome again = export_records(s.store->handle(), in.courses, in.item_clauses, (s.dir / "out").string(), kNow, Lang::en);
    REQUIRE(again.ok);
    CHECK(again.path != r.path);  // the same minute does not overwrite the first export
    CHECK(read(fs::path(again.path) / "attempts.csv").rfind("\xEF\xBB\xBF\"staff_id\",\"name\",", 0) == 0);

    const ActionOutcome bad = export_records(s.store->handle(), in.courses, in.item_clauses, (s.dir / "missing").string(), kNow);
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("does not exist") != std::string::npos);
}

TEST_CASE("backup: a new file that verifies and holds the same rows; never over an existing file") {
    Scratch s;
    const std::string dest = (s.dir / "out" / backup_file_name(kNow)).string();
    const ActionOutcome r = backup_store(s.store->handle(), dest);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.path == dest);
    CHECK(r.rows == static_cast<long long>(fs::file_size(dest)));
    CHECK_FALSE(fs::exists(dest + ".part"));
    CHECK_FALSE(fs::exists(dest + "-wal"));  // one self-contained file
    sqlite3* copy = nullptr;
    REQUIRE(sqlite3_open_v2(dest.c_str(), &copy, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(count(copy, "SELECT count(*) FROM responses") == s.demo.responses);
    CHECK(count(copy, "PRAGMA application_id") == 0x43484B31);
    CHECK(verify_records(copy).ok());
    sqlite3_close(copy);

    const auto size = fs::file_size(dest);
    const ActionOutcome twice = backup_store(s.store->handle(), dest);
    CHECK_FALSE(twice.ok);
    CHECK(twice.error.find("already exists") != std::string::npos);
    CHECK(fs::file_size(dest) == size);
    CHECK_FALSE(backup_store(s.store->handle(), (s.dir / "nowhere" / "b.db").string()).ok);

    // Records that are not in a file (an in-memory database) cannot be copied.
    sqlite3* memory = nullptr;
    REQUIRE(sqlite3_open(":memory:", &memory) == SQLITE_OK);
    const ActionOutcome none = backup_store(memory, (s.dir / "out" / "memory.db").string());
    sqlite3_close(memory);
    CHECK_FALSE(none.ok);
    CHECK(none.error.find("not kept in a file") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "out" / "memory.db"));
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
