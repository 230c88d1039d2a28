// Tests of the JSON text locator: byte offsets to line:column (code points) and JSON Pointers to positions.
#include "core/json_location.hpp"

#include <catch2/catch.hpp>

using kiosk::locate_key;
using kiosk::locate_pointer;
using kiosk::offset_to_location;

TEST_CASE("offsets become 1-based lines and columns counted in code points") {
    const std::string text = "{\n  \"題名\": \"あいう\", \"x\": 1\n}";
    CHECK(offset_to_location(text, 0).line == 1);
    CHECK(offset_to_location(text, 0).column == 1);
    const auto x = text.find("\"x\"");
    const auto loc = offset_to_location(text, x);
    CHECK(loc.line == 2);
    // `  "題名": "あいう", ` is 15 code points, although it is 25 bytes.
    CHECK(loc.column == 16);
    CHECK(offset_to_location(text, 10'000).line == 3);  // clamped to the end
}

TEST_CASE("pointers find values through objects, arrays and comments") {
    const std::string text = R"({
  // a comment with "quotes" and { braces
  "options": [
    {"id": "a", "correct": true},
    /* skipped: {"id": "zzz"} */ {"id": "b", "text": "x, y]", "correct": "true"}
  ],
  "a/b": {"c~d": 5}
})";
    auto loc = locate_pointer(text, "/options/1/correct");
    CHECK(loc.line == 5);
    CHECK(loc.column == 74);
    loc = locate_pointer(text, "/options/0/id");
    CHECK(loc.line == 4);
    CHECK(loc.column == 12);
    loc = locate_pointer(text, "/a~1b/c~0d");
    CHECK(loc.line == 7);
    CHECK(loc.column == 18);
    CHECK(locate_pointer(text, "").line == 1);
    CHECK(locate_pointer(text, "/options/2").line == 0);
    CHECK(locate_pointer(text, "/missing").line == 0);
    CHECK(locate_pointer(text, "/options/x").line == 0);
}

TEST_CASE("a key's own position is found for unknown-key warnings") {
    const std::string text = "{\"options\": [{\"id\": \"a\",\n   \"corect\": true}]}";
    const auto key = locate_key(text, "/options/0/corect");
    CHECK(key.line == 2);
    CHECK(key.column == 4);
    const auto value = locate_pointer(text, "/options/0/corect");
    CHECK(value.column == 14);
}

TEST_CASE("escaped keys are compared decoded") {
    const std::string text = R"({"\u0063orrect": false, "t\"q": 1})";
    CHECK(locate_pointer(text, "/correct").column == 18);
    CHECK(locate_pointer(text, "/t\"q").column == 33);
}

TEST_CASE("the locator survives broken and hostile text") {
    for (const std::string text : {"", "{", "[[[[", "{\"a\":", "{\"a\" 1}", "\"unterminated", "/* open", "{\"a\":[1,2", "]]]}}}"}) {
        CHECK_NOTHROW(locate_pointer(text, "/a/0"));
        CHECK_NOTHROW(locate_key(text, "/a"));
    }
    const std::string deep(100000, '[');
    CHECK(locate_pointer(deep, "/0/0/0").line == 1);
}
