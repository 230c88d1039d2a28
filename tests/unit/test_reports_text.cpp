// Text tables for `kiosk report`: display width of Japanese text, clipping, and column alignment.
#include "core/text_table.hpp"

#include <catch2/catch.hpp>

using kiosk::TextTable;

TEST_CASE("display width: ASCII one cell, kana and kanji two, full-width digits two, combining marks none") {
    CHECK(kiosk::display_width("abc") == 3);
    CHECK(kiosk::display_width("千代田 花子") == 11);
    CHECK(kiosk::display_width("ｶﾅ") == 2);       // half-width katakana
    CHECK(kiosk::display_width("１２３") == 6);    // full-width digits
    CHECK(kiosk::display_width("e\xCC\x81") == 1);  // e + combining acute
    CHECK(kiosk::display_width("") == 0);
}

TEST_CASE("clipping keeps whole characters and marks the cut") {
    CHECK(kiosk::clip_to_width("政策経営部", 20) == "政策経営部");
    CHECK(kiosk::clip_to_width("政策経営部", 7) == "政策経…");
    CHECK(kiosk::display_width(kiosk::clip_to_width("政策経営部", 6)) <= 6);
    CHECK(kiosk::clip_to_width("abcdef", 4) == "abc…");
}

TEST_CASE("columns line up by display width, numbers right-aligned, no trailing spaces") {
    TextTable t({"name", "n"}, {TextTable::Align::left, TextTable::Align::right});
    t.add_row({"千代田", "5"});
    t.add_row({"abc", "120"});
    const std::string out = t.render("  ");
    CHECK(out ==
          "  name      n\n"
          "  -----------\n"
          "  千代田    5\n"
          "  abc     120\n");
}

TEST_CASE("a line break inside a value does not break the row") {
    TextTable t({"name"});
    t.add_row({"改行\nを含む"});
    CHECK(t.render() == "name\n-----------\n改行 を含む\n");
}
