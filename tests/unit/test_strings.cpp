// The UI string tables: both languages have every key, and every key the screens ask for exists in both.
#include "core/strings.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {
StringTable shipped() {
    StringTable t;
    std::vector<Diagnostic> diags;
    REQUIRE(t.load(std::string(KIOSK_SOURCE_DIR) + "/content/strings", diags));
    REQUIRE(diags.empty());
    return t;
}
} // namespace

TEST_CASE("every UI string exists in Japanese and in English") {
    const StringTable t = shipped();
    const auto missing = t.missing_keys();
    for (const auto& k : missing) INFO("missing in one language: " << k);
    CHECK(missing.empty());
    for (const auto& k : t.keys(Lang::ja)) {
        INFO(k);
        CHECK_FALSE(t.get(Lang::ja, k).empty());
        CHECK_FALSE(t.get(Lang::en, k).empty());
    }
}

TEST_CASE("every string key named in the screens is in both tables") {
    const StringTable t = shipped();
    const auto ja_keys = t.keys(Lang::ja), en_keys = t.keys(Lang::en);
    const std::set<std::string> ja(ja_keys.begin(), ja_keys.end()), en(en_keys.begin(), en_keys.end());
    // A key is a quoted dotted lower-case name in one of the namespaces the tables use.
    const std::regex key_re(R"re("((?:app|attract|common|feedback|home|idle|mark|preview|question|results|signin|store|top|admin|section)\.[a-z_.0-9]+)")re");
    int found = 0;
    for (const auto& entry : fs::directory_iterator(std::string(KIOSK_SOURCE_DIR) + "/kiosk/ui")) {
        std::ifstream in(entry.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string src = ss.str();
        for (auto it = std::sregex_iterator(src.begin(), src.end(), key_re); it != std::sregex_iterator(); ++it) {
            const std::string key = (*it)[1];
            if (key.back() == '.') continue;  // a prefix that code completes (e.g. "department." + n)
            ++found;
            INFO(entry.path().filename().string() << " uses " << key);
            CHECK(ja.count(key) == 1);
            CHECK(en.count(key) == 1);
        }
    }
    CHECK(found > 50);  // the scan really read the screens
}

TEST_CASE("placeholders are replaced and a missing key shows as itself") {
    const StringTable t = shipped();
    CHECK(t.format(Lang::en, "question.progress", {{"current", "3"}, {"total", "12"}}) == "3 / 12");
    CHECK(t.get(Lang::ja, "no.such.key") == "no.such.key");
    CHECK(replace_placeholders("{a} and {b} and {a}", {{"a", "1"}, {"b", "2"}}) == "1 and 2 and 1");
}
