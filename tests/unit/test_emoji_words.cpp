// Emoji beyond the BMP (which Debian's 16-bit ImGui cannot hold in its atlas) are shown as bracketed words.
#include "core/glyph_text.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("emoji beyond the BMP become bracketed words in the reader's language") {
    CHECK(emoji_as_words("読書週間📚はじまります", Lang::ja) == "読書週間〔本〕はじまります");
    CHECK(emoji_as_words("Reading week 📚 starts", Lang::en) == "Reading week [books] starts");
    CHECK(emoji_as_words("カレー祭り🍛🍛", Lang::ja) == "カレー祭り〔カレー〕〔カレー〕");
    // No word of its own: a generic one. Variation selectors, joiners and skin tones are dropped.
    CHECK(emoji_as_words("やった\U0001F973", Lang::ja) == "やった〔絵文字〕");
    CHECK(emoji_as_words("\U0001F44D\U0001F3FD", Lang::en) == "[thumbs up]");
    CHECK(emoji_as_words("\u2764\uFE0F", Lang::ja) == "\u2764");  // a BMP symbol stays (the atlas can hold it)
    CHECK(emoji_as_words("ふつうの文 ♡ 2,000円", Lang::ja) == "ふつうの文 ♡ 2,000円");
}

TEST_CASE("the words' characters are collected for the atlas") {
    const std::string g = emoji_word_glyphs();
    for (const char* s : {"〔", "〕", "本", "カ", "絵", "books", "["}) CHECK(g.find(s) != std::string::npos);
}

TEST_CASE("a character no font has is reported at its first place, with line, column and code point") {
    const std::string text = "{\n  \"title\": {\"ja\": \"区の\xE0\xB8\x81と\xE0\xB8\x81\"}\n}\n";  // U+0E01 twice
    const auto has = [](std::uint32_t c) { return c != 0x0E01; };
    const auto ds = unshowable_characters("a.json", text, has);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].severity == Severity::warning);
    CHECK(ds[0].line == 2);
    CHECK(ds[0].column == 22);
    CHECK(ds[0].format().find("U+0E01") != std::string::npos);
    CHECK(ds[0].format().rfind("a.json:2:22: warning:", 0) == 0);
    CHECK(unshowable_characters("a.json", "絵文字📚", [](std::uint32_t) { return false; }).size() == 3);  // 📚 is shown as a word
}
