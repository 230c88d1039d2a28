// Admin PIN: rules for a new PIN, the argon2id hash in `settings`, and sign-in with a lockout that survives restarts.
#pragma once
#include "clock.hpp"
#include "text.hpp"

#include <string>
#include <string_view>

struct sqlite3;

namespace kiosk {

constexpr std::size_t kMinPinDigits = 6;
constexpr std::size_t kMaxPinDigits = 12;
constexpr int kPinFailuresBeforeLock = 10;

struct PinRuleCheck {
    bool ok = true;
    Text reason;  // why the PIN is refused (empty when ok)
};

// Digits only, 6..12 long, and not guessable: not on the common-PIN list, not one digit repeated, not an ascending or
// descending run, not a short repeated pattern (121212, 123123), not a date (YYMMDD, YYYYMM, YYYYMMDD).
PinRuleCheck check_new_pin(std::string_view pin);

// How long the entry stays locked after `failures` consecutive failures: 0 below 10, then 30 s, 60 s, 2 min, … 1 h at most.
EpochMs lockout_delay_ms(int failures);

enum class PinOutcome { accepted, wrong, locked, not_set };

struct PinSignIn {
    PinOutcome outcome = PinOutcome::wrong;
    int failures = 0;          // consecutive failures after this try
    EpochMs locked_until = 0;  // 0 when not locked
};

// The PIN state lives in the database (settings: admin.pin_hash, admin.pin_failures, admin.pin_locked_until), so a
// restart neither forgets the PIN nor resets the lockout. Every sign-in, failure and lock is written to `events`.
class AdminPin {
public:
    AdminPin(sqlite3* db, const Clock& clock, std::string terminal_id);

    bool is_set() const;
    // Checks the rules, hashes with argon2id (crypto_pwhash_str, INTERACTIVE limits) and stores the hash; resets the
    // lockout. Throws std::invalid_argument with the reason when the PIN breaks a rule, StoreError when it cannot be written.
    void set(std::string_view pin);
    // While locked, the PIN is not even checked. Success resets the counter; a failure counts and may lock.
    PinSignIn sign_in(std::string_view pin);

    // A stored value that is not a whole number is read as the safe value: locked (an hour from now, until `kiosk admin
    // set-pin` resets it); settings_problem() says which and why, for the admin screen and the log.
    int failures() const;
    EpochMs locked_until() const;  // 0 or a time in the past when not locked
    std::string settings_problem() const;  // "" when admin.pin_failures and admin.pin_locked_until are whole numbers
    bool locked() const { return locked_until() > clock_.now(); }

private:
    sqlite3* db_;
    const Clock& clock_;
    std::string terminal_id_;
};

} // namespace kiosk
