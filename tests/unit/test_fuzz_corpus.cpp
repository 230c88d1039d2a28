// Replays the fuzz corpus, the shipped scenarios and the mistakes corpus through the fuzz target's entry function in a
// normal build (no libFuzzer): every input keeps every invariant, so a fixed finding stays fixed.
#include "../fuzz/fuzz_scenario_entry.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const std::string kSource = KIOSK_SOURCE_DIR;

std::vector<std::string> files_below(const std::string& dir, bool json_only) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && (!json_only || e.path().extension() == ".json")) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string run(const std::string& bytes) {
    return kiosk::testing::fuzz_scenario_bytes(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

// Replays every file; returns how many loaded as valid items.
int replay(const std::vector<std::string>& files) {
    int loaded = 0;
    for (const auto& f : files) {
        INFO(f);
        const auto bytes = read_file(f);
        CHECK(run(bytes).empty());
        kiosk::Scenario s;
        std::vector<kiosk::Diagnostic> ds;
        if (kiosk::parse_scenario(bytes, f, kiosk::testing::guideline_for_tests(), s, ds)) ++loaded;
    }
    return loaded;
}

} // namespace

TEST_CASE("every input of the fuzz corpus keeps the loader's and the scorer's invariants") {
    const auto files = files_below(kSource + "/tests/fuzz/corpus", false);
    REQUIRE(files.size() >= 20);
    CHECK(replay(files) >= 5);  // the seeds include valid items of every type, so scoring is exercised
}

TEST_CASE("every shipped scenario and every mistake keeps the invariants") {
    const auto shipped = files_below(kSource + "/scenarios", true);
    REQUIRE_FALSE(shipped.empty());
    CHECK(replay(shipped) == static_cast<int>(shipped.size()));
    const auto mistakes = files_below(kSource + "/tests/fixtures/mistakes", true);
    REQUIRE(mistakes.size() >= 30);
    replay(mistakes);
}

TEST_CASE("inputs at the edges keep the invariants") {
    // Nothing, an open brace, a lone BOM, a NUL, UTF-16, 2 MB of brackets (too large), 300 KB of quotes.
    for (const std::string& bytes : {std::string(), std::string("{"), std::string("\xEF\xBB\xBF"), std::string(1, '\0'),
                                    std::string("\xFF\xFE{\0", 4), std::string(2'000'000, '['), std::string(300'000, '"')}) {
        INFO(bytes.size());
        CHECK(run(bytes).empty());
    }
}
