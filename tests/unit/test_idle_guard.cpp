// IdleGuard phases, countdown and wake-up times, driven by an explicit clock.
#include "core/idle_guard.hpp"

#include <catch2/catch.hpp>

using kiosk::IdleGuard;

TEST_CASE("idle guard goes active → warning → expired and wakes once a second during the countdown") {
    IdleGuard g(90, 30);
    CHECK(g.phase(0) == IdleGuard::Phase::off);
    CHECK(g.ms_until_due(0) < 0);
    g.arm(1000);
    CHECK(g.phase(1000) == IdleGuard::Phase::active);
    CHECK(g.ms_until_due(1000) == 90000);
    CHECK(g.phase(90999) == IdleGuard::Phase::active);
    CHECK(g.phase(91000) == IdleGuard::Phase::warning);
    CHECK(g.seconds_left(91000) == 30);
    CHECK(g.seconds_left(91001) == 30);
    CHECK(g.seconds_left(92000) == 29);
    CHECK(g.ms_until_due(91000) == 1000);
    CHECK(g.ms_until_due(91400) == 600);
    CHECK(g.phase(121000) == IdleGuard::Phase::expired);
    CHECK(g.ms_until_due(121000) == 0);
}

TEST_CASE("activity during the warning restarts the idle period; after expiry it does not") {
    IdleGuard g(90, 30);
    g.arm(0);
    g.activity(100000);  // in the warning
    CHECK(g.phase(100000) == IdleGuard::Phase::active);
    CHECK(g.phase(189999) == IdleGuard::Phase::active);
    g.activity(300000);  // long expired: a touch must not revive the old session
    CHECK(g.phase(300000) == IdleGuard::Phase::expired);
    g.disarm();
    CHECK(g.phase(300000) == IdleGuard::Phase::off);
}
