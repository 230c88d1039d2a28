// libFuzzer target: arbitrary bytes as a scenario file → loader → checks → scoring of derived responses (see fuzz_scenario_entry.hpp).
#include "fuzz_scenario_entry.hpp"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string broken = kiosk::testing::fuzz_scenario_bytes(data, size);
    if (!broken.empty()) {
        std::fprintf(stderr, "invariant broken: %s\n", broken.c_str());
        std::abort();
    }
    return 0;
}
