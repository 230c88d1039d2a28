// Admin PIN: argon2id hash in settings, rules for new PINs, and a lockout that survives closing the database.
#include "core/admin_pin.hpp"
#include "core/attempt_store.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

// The schema exactly as documented in docs/records.md (the first ```sql block), so these tests follow the contract.
std::string documented_schema() {
    std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/docs/records.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string md = ss.str();
    const auto start = md.find("```sql\n");
    REQUIRE(start != std::string::npos);
    const auto end = md.find("```", start + 7);
    return md.substr(start + 7, end - start - 7);
}

struct Db {
    sqlite3* db = nullptr;
    explicit Db(const std::string& path) {
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name = 'settings'", -1, &st, nullptr);
        sqlite3_step(st);
        const bool exists = sqlite3_column_int(st, 0) > 0;
        sqlite3_finalize(st);
        if (!exists) REQUIRE(sqlite3_exec(db, documented_schema().c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ~Db() { sqlite3_close(db); }
    std::string one(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        std::string v;
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    }
};

std::string temp_db(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("kiosk-admin-pin-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::filesystem::remove(path);
    return path.string();
}

} // namespace

TEST_CASE("new PINs: length, digits and guessable patterns are refused with a reason") {
    using kiosk::check_new_pin;
    CHECK(check_new_pin("").ok == false);
    CHECK(check_new_pin("48213").ok == false);         // too short
    CHECK(check_new_pin("48a2139").ok == false);       // not digits
    CHECK(check_new_pin("4821397305123").ok == false); // 13 digits
    for (const char* p : {"000000", "111111", "999999", "123456", "654321", "123123", "112233", "121212", "123321",
                          "696969", "159753", "234567", "876543", "890123", "147258", "12121212"}) {
        INFO(p);
        const auto r = check_new_pin(p);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.reason.ja.empty());
        CHECK_FALSE(r.reason.en.empty());
    }
    CHECK_FALSE(check_new_pin("850412").ok);    // YYMMDD birthday
    CHECK_FALSE(check_new_pin("198504").ok);    // YYYYMM
    CHECK_FALSE(check_new_pin("19850412").ok);  // YYYYMMDD
    CHECK(check_new_pin("483920").ok);          // 48-39-20: month 39 is no date
    CHECK(check_new_pin("7391846").ok);
    CHECK(check_new_pin("20519377").ok);        // 2051-93-77 is no date
}

TEST_CASE("lockout delays grow from 30 s after 10 failures and stop at one hour") {
    CHECK(kiosk::lockout_delay_ms(9) == 0);
    CHECK(kiosk::lockout_delay_ms(10) == 30'000);
    CHECK(kiosk::lockout_delay_ms(11) == 60'000);
    CHECK(kiosk::lockout_delay_ms(12) == 120'000);
    CHECK(kiosk::lockout_delay_ms(16) == 1'920'000);
    CHECK(kiosk::lockout_delay_ms(17) == 3'600'000);
    CHECK(kiosk::lockout_delay_ms(500) == 3'600'000);
}

TEST_CASE("the PIN is stored as an argon2id hash and verified") {
    Db db(":memory:");
    kiosk::ManualClock clock;
    kiosk::AdminPin pin(db.db, clock, "T1");
    CHECK_FALSE(pin.is_set());
    CHECK(pin.sign_in("483920").outcome == kiosk::PinOutcome::not_set);
    CHECK_THROWS_AS(pin.set("123456"), std::invalid_argument);
    CHECK_FALSE(pin.is_set());

    pin.set("483920");
    CHECK(pin.is_set());
    const std::string stored = db.one("SELECT value FROM settings WHERE key = 'admin.pin_hash'");
    CHECK(stored.rfind("$argon2id$", 0) == 0);
    CHECK(stored.find("483920") == std::string::npos);

    CHECK(pin.sign_in("483921").outcome == kiosk::PinOutcome::wrong);
    CHECK(pin.failures() == 1);
    CHECK(pin.sign_in("483920").outcome == kiosk::PinOutcome::accepted);
    CHECK(pin.failures() == 0);
    CHECK(db.one("SELECT count(*) FROM events WHERE kind = 'admin_failure' AND terminal_id = 'T1'") == "1");
    CHECK(db.one("SELECT count(*) FROM events WHERE kind = 'admin_sign_in'") == "1");
}

TEST_CASE("ten failures lock the entry, and closing and reopening the database does not unlock it") {
    const std::string path = temp_db("lockout.db");
    kiosk::ManualClock clock;
    {
        Db db(path);
        kiosk::AdminPin pin(db.db, clock, "T1");
        pin.set("483920");
        for (int i = 1; i <= 9; ++i) REQUIRE(pin.sign_in("000001").outcome == kiosk::PinOutcome::wrong);
        const auto tenth = pin.sign_in("000001");
        CHECK(tenth.outcome == kiosk::PinOutcome::locked);
        CHECK(tenth.locked_until == clock.now() + 30'000);
    }
    {
        Db db(path);  // a restart of the kiosk
        kiosk::AdminPin pin(db.db, clock, "T1");
        CHECK(pin.failures() == 10);
        CHECK(pin.locked());
        clock.advance(29'000);
        CHECK(pin.sign_in("483920").outcome == kiosk::PinOutcome::locked);  // even the right PIN waits
        clock.advance(1'000);
        const auto eleventh = pin.sign_in("000001");
        CHECK(eleventh.outcome == kiosk::PinOutcome::locked);
        CHECK(eleventh.locked_until == clock.now() + 60'000);
        CHECK(db.one("SELECT count(*) FROM events WHERE kind = 'admin_locked'") == "2");
    }
    {
        Db db(path);
        kiosk::AdminPin pin(db.db, clock, "T1");
        clock.advance(60'000);
        CHECK(pin.sign_in("483920").outcome == kiosk::PinOutcome::accepted);
        CHECK(pin.failures() == 0);
        CHECK_FALSE(pin.locked());
    }
    std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("a lockout setting that is not a number is reported and read as locked, never a crash") {
    for (const char* key : {"admin.pin_failures", "admin.pin_locked_until"}) {
        Db db(":memory:");
        kiosk::ManualClock clock;
        kiosk::AdminPin pin(db.db, clock, "T1");
        pin.set("483920");
        REQUIRE(pin.settings_problem().empty());
        REQUIRE_FALSE(pin.locked());
        const std::string sql = std::string("UPDATE settings SET value = 'soon' WHERE key = '") + key + "'";
        REQUIRE(sqlite3_exec(db.db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        CAPTURE(key);
        CHECK_NOTHROW(pin.failures());
        CHECK_NOTHROW(pin.locked_until());
        CHECK(pin.settings_problem().find(key) != std::string::npos);
        CHECK(pin.locked());
        // Even the right PIN is not checked while locked.
        CHECK(pin.sign_in("483920").outcome == kiosk::PinOutcome::locked);
        // Setting the PIN again (kiosk admin set-pin) repairs it.
        pin.set("483920");
        CHECK(pin.settings_problem().empty());
        CHECK(pin.sign_in("483920").outcome == kiosk::PinOutcome::accepted);
    }
}
