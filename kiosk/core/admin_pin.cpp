// Admin PIN rules, argon2id hashing with libsodium and the persistent lockout.
#include "admin_pin.hpp"

#include "attempt_store.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace kiosk {

namespace {

constexpr const char* kHashKey = "admin.pin_hash";
constexpr const char* kFailuresKey = "admin.pin_failures";
constexpr const char* kLockedUntilKey = "admin.pin_locked_until";

// Frequently chosen 6-digit PINs, compiled from published analyses of leaked PIN and password lists; the rules below
// catch the repeated, sequential, patterned and date-shaped ones as well, so this list holds the rest too.
constexpr std::array<std::string_view, 60> kCommonPins = {
    "123456", "111111", "000000", "121212", "777777", "100400", "200000", "444444", "222222", "333333",
    "123123", "555555", "654321", "666666", "888888", "999999", "101010", "112233", "131313", "123321",
    "159753", "696969", "112211", "121314", "147258", "147852", "159357", "202020", "232323", "252525",
    "292513", "369369", "456456", "520520", "521521", "555666", "654123", "666999", "686868", "789456",
    "102030", "110110", "147369", "258369", "321321", "456789", "987654", "123654", "131420", "123789",
    "007007", "010203", "111222", "112358", "123457", "212121", "246810", "999888", "147147", "741852"};

PinRuleCheck refuse(const char* ja, const char* en) { return {false, Text{ja, en}}; }

bool is_run(std::string_view pin, int step) {
    for (std::size_t i = 1; i < pin.size(); ++i)
        if ((pin[i - 1] - '0' + step + 10) % 10 != pin[i] - '0') return false;
    return true;
}

bool is_short_pattern(std::string_view pin) {
    for (std::size_t period = 1; period <= 3; ++period) {
        if (pin.size() % period != 0) continue;
        bool repeats = true;
        for (std::size_t i = period; i < pin.size() && repeats; ++i) repeats = pin[i] == pin[i - period];
        if (repeats) return true;
    }
    return false;
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

bool valid_month_day(int m, int d) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

bool looks_like_date(std::string_view pin) {
    if (pin.size() == 6) {
        const int yyyy = number(pin.substr(0, 4));
        if (yyyy >= 1900 && yyyy <= 2099 && valid_month_day(number(pin.substr(4, 2)), 1)) return true;  // YYYYMM
        return valid_month_day(number(pin.substr(2, 2)), number(pin.substr(4, 2)));                       // YYMMDD
    }
    if (pin.size() == 8) {
        const int yyyy = number(pin.substr(0, 4));
        return yyyy >= 1900 && yyyy <= 2099 && valid_month_day(number(pin.substr(4, 2)), number(pin.substr(6, 2)));
    }
    return false;
}

void ensure_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string setting(sqlite3* db, const char* key) {
    sql::Statement st(db, "SELECT value FROM settings WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
}

void put_setting(sqlite3* db, const char* key, const std::string& value) {
    sql::Statement st(db, "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

void add_event(sqlite3* db, const char* kind, const nlohmann::json& detail, EpochMs at, const std::string& terminal) {
    sql::Statement st(db, "INSERT INTO events(at, kind, staff_id, detail_json, terminal_id) VALUES(?1, ?2, '', ?3, ?4)");
    st.bind(1, at).bind(2, kind).bind(3, detail.dump()).bind(4, terminal).run();
}

} // namespace

PinRuleCheck check_new_pin(std::string_view pin) {
    if (pin.empty()) return refuse("PIN が入力されていません。", "The PIN is empty.");
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return refuse("PIN は数字だけにしてください。", "The PIN must contain digits only.");
    if (pin.size() < kMinPinDigits) return refuse("PIN は 6 桁以上にしてください。", "The PIN must have at least 6 digits.");
    if (pin.size() > kMaxPinDigits) return refuse("PIN は 12 桁以下にしてください。", "The PIN must have at most 12 digits.");
    if (std::find(kCommonPins.begin(), kCommonPins.end(), pin) != kCommonPins.end())
        return refuse("よく使われる PIN のため使えません。", "This is one of the most commonly used PINs.");
    if (is_short_pattern(pin))
        return refuse("同じ数字や短い並びの繰り返しは使えません。", "A digit or a short group repeated is easy to guess.");
    if (is_run(pin, 1) || is_run(pin, -1))
        return refuse("連続した数字（昇順・降順）は使えません。", "An ascending or descending run of digits is easy to guess.");
    if (looks_like_date(pin))
        return refuse("日付（誕生日など）に見える PIN は使えません。", "The PIN looks like a date (a birthday is easy to guess).");
    return {};
}

EpochMs lockout_delay_ms(int failures) {
    if (failures < kPinFailuresBeforeLock) return 0;
    constexpr EpochMs first = 30'000, cap = 3'600'000;
    const int doublings = std::min(failures - kPinFailuresBeforeLock, 20);  // 2^20 × 30 s is far beyond the cap
    return std::min(first << doublings, cap);
}

AdminPin::AdminPin(sqlite3* db, const Clock& clock, std::string terminal_id)
    : db_(db), clock_(clock), terminal_id_(std::move(terminal_id)) {
    ensure_sodium();
}

bool AdminPin::is_set() const { return !setting(db_, kHashKey).empty(); }

namespace {

// A setting that must be a whole number from 0 up; nullopt for anything else (edited by hand, damaged).
std::optional<std::int64_t> whole_number(const std::string& v) {
    if (v.empty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    return std::stoll(v);
}

} // namespace

std::string AdminPin::settings_problem() const {
    std::string out;
    for (const char* key : {kFailuresKey, kLockedUntilKey}) {
        const std::string v = setting(db_, key);
        if (!v.empty() && !whole_number(v))
            out += std::string(out.empty() ? "" : "; ") + "the setting " + key + " is not a whole number (\"" + v.substr(0, 40) +
                   "\"): the PIN entry stays locked until `kiosk admin set-pin` sets the PIN again";
    }
    return out;
}

int AdminPin::failures() const {
    const std::string v = setting(db_, kFailuresKey);
    if (v.empty()) return 0;
    // Not a number: as many failures as a lock needs, so the entry stays locked (the safe reading).
    const auto n = whole_number(v);
    return n ? static_cast<int>(std::min<std::int64_t>(*n, 1'000'000)) : kPinFailuresBeforeLock;
}

EpochMs AdminPin::locked_until() const {
    const std::string v = setting(db_, kLockedUntilKey);
    const auto n = whole_number(v);
    if (settings_problem().empty()) return n.value_or(0);
    // A value that is not a number: locked, an hour from now each time it is asked (the longest lock), until the PIN is
    // set again.
    return std::max(n.value_or(0), clock_.now() + lockout_delay_ms(kPinFailuresBeforeLock + 20));
}

void AdminPin::set(std::string_view pin) {
    const PinRuleCheck check = check_new_pin(pin);
    if (!check.ok) throw std::invalid_argument(check.reason.en);
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("not enough memory to hash the PIN");
    sql::Transaction tx(db_);
    put_setting(db_, kHashKey, hash);
    put_setting(db_, kFailuresKey, "0");
    put_setting(db_, kLockedUntilKey, "0");
    add_event(db_, "admin_pin_set", nlohmann::json::object(), clock_.now(), terminal_id_);
    tx.commit();
}

PinSignIn AdminPin::sign_in(std::string_view pin) {
    const EpochMs now = clock_.now();
    PinSignIn result;
    result.failures = failures();
    const EpochMs until = locked_until();
    if (until > now) {
        result.outcome = PinOutcome::locked;
        result.locked_until = until;
        return result;
    }
    const std::string hash = setting(db_, kHashKey);
    if (hash.empty()) {
        result.outcome = PinOutcome::not_set;
        return result;
    }
    // The failure count, the lock and its event are one transaction: a crash cannot leave a counted failure without its lock.
    sql::Transaction tx(db_);
    if (crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0) {
        put_setting(db_, kFailuresKey, "0");
        put_setting(db_, kLockedUntilKey, "0");
        nlohmann::json detail;
        detail["failures_before"] = result.failures;
        add_event(db_, "admin_sign_in", detail, now, terminal_id_);
        tx.commit();
        result.outcome = PinOutcome::accepted;
        result.failures = 0;
        return result;
    }
    result.failures += 1;
    result.outcome = PinOutcome::wrong;
    put_setting(db_, kFailuresKey, std::to_string(result.failures));
    // Built key by key: g++ 12 warns falsely (-Warray-bounds) on nlohmann's initializer lists here.
    nlohmann::json detail;
    detail["failures"] = result.failures;
    add_event(db_, "admin_failure", detail, now, terminal_id_);
    if (const EpochMs delay = lockout_delay_ms(result.failures); delay > 0) {
        result.outcome = PinOutcome::locked;
        result.locked_until = now + delay;
        put_setting(db_, kLockedUntilKey, std::to_string(result.locked_until));
        detail["locked_until"] = result.locked_until;
        detail["seconds"] = delay / 1000;
        add_event(db_, "admin_locked", detail, now, terminal_id_);
    }
    tx.commit();
    return result;
}

} // namespace kiosk
