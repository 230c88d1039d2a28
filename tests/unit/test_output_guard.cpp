// The one "may I write this output path" check: never the records, never a records database for an export, existing
// files only with --force, no silent folder creation.
#include "core/attempt_store.hpp"
#include "core/output_guard.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

struct Dir {
    fs::path path = fs::temp_directory_path() / ("kiosk-output-guard-" + std::to_string(::getpid()));
    Dir() { fs::create_directories(path); }
    ~Dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string at(const char* name) const { return (path / name).string(); }
};

} // namespace

TEST_CASE("the records database itself is never an output, not even with --force, nor its -wal or a hard link to it") {
    Dir d;
    const std::string db = d.at("kiosk.db");
    { AttemptStore store(db, "T1"); REQUIRE(store.status().ok); store.log_event("x", "", "{}", 1); }
    fs::create_hard_link(db, d.at("alias.db"));
    for (const auto use : {OutputUse::replace_file, OutputUse::records_copy, OutputUse::add_to_records}) {
        CHECK_FALSE(may_write_output(db, use, true, {db}).ok);
        CHECK_FALSE(may_write_output(d.at("alias.db"), use, true, {db}).ok);
    }
    CHECK(may_write_output(db, OutputUse::replace_file, true, {db}).reason.find("records database") != std::string::npos);
    CHECK(file_kind(db) == FileKind::records_database);
    CHECK(wal_mode_file(db));
}

TEST_CASE("an export or report never replaces any records database; a backup may replace an old one with --force") {
    Dir d;
    const std::string old_backup = d.at("old.db");
    { AttemptStore store(old_backup, "T1"); REQUIRE(store.status().ok); }
    CHECK_FALSE(may_write_output(old_backup, OutputUse::replace_file, true, {}).ok);
    CHECK_FALSE(may_write_output(old_backup, OutputUse::records_copy, false, {}).ok);
    CHECK(may_write_output(old_backup, OutputUse::records_copy, true, {}).ok);
    CHECK(may_write_output(old_backup, OutputUse::add_to_records, false, {}).ok);
}

TEST_CASE("an existing file only with --force; stdout always; a folder or a missing folder never") {
    Dir d;
    std::ofstream(d.at("notes.txt")) << "keep";
    CHECK_FALSE(may_write_output(d.at("notes.txt"), OutputUse::replace_file, false, {}).ok);
    CHECK(may_write_output(d.at("notes.txt"), OutputUse::replace_file, true, {}).ok);
    CHECK_FALSE(may_write_output(d.at("notes.txt"), OutputUse::add_to_records, true, {}).ok);  // merge: not a records file
    CHECK(may_write_output("-", OutputUse::replace_file, false, {}).ok);
    CHECK(may_write_output(d.at("new.csv"), OutputUse::replace_file, false, {}).ok);
    CHECK_FALSE(may_write_output(d.path.string(), OutputUse::replace_file, true, {}).ok);
    const auto missing = may_write_output(d.at("unmounted/out.csv"), OutputUse::replace_file, true, {});
    CHECK_FALSE(missing.ok);
    CHECK(missing.reason.find("does not exist") != std::string::npos);
    CHECK_FALSE(fs::exists(d.at("unmounted")));
}
