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
