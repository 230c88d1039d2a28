// Clock: where the engine and the store get "now"; injected so tests control time.
#pragma once
#include "records.hpp"

#include <chrono>

namespace kiosk {

struct Clock {
    virtual ~Clock() = default;
    virtual EpochMs now() const = 0;  // Unix epoch milliseconds, UTC
};

struct SystemClock final : Clock {
    EpochMs now() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    }
};

// For tests: time moves only when the test says so.
struct ManualClock final : Clock {
    EpochMs t = 1'700'000'000'000;  // 2023-11-14
    EpochMs now() const override { return t; }
    void advance(EpochMs ms) { t += ms; }
};

} // namespace kiosk
