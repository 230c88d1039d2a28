// Japanese line breaking: kinsoku rules, numbers kept whole, English word wrap, and the fill.
#include "core/line_break.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kiosk;

namespace {

// A monospaced stand-in for a font: a full-width character is 2 cells, anything else 1.
float cells(std::string_view s) {
    float w = 0;
    for (std::size_t i = 0; i < s.size();) w += next_code_point(s, i) < 0x80 ? 1.0f : 2.0f;
    return w;
}

std::vector<std::string> wrap(const std::string& s, float width) {
    std::vector<std::string> out;
    for (const LineRange& r : wrap_lines(s, width, cells)) out.push_back(s.substr(r.begin, r.end - r.begin));
    return out;
}

std::vector<std::string> lines(std::initializer_list<const char*> l) { return {l.begin(), l.end()}; }

} // namespace

TEST_CASE("a break is allowed between any two CJK characters") {
    CHECK(wrap("千代田区役所広報課", 8) == lines({"千代田区", "役所広報", "課"}));
}

TEST_CASE("no line starts with closing punctuation, small kana or the prolonged sound mark") {
    // Without the rule the second line would start with 「。」.
    CHECK(wrap("確認します。次へ", 10) == lines({"確認しま", "す。次へ"}));
    CHECK(wrap("投稿前に「確認」する", 10) == lines({"投稿前に", "「確認」す", "る"}));
    CHECK(wrap("あいうえおっと", 10) == lines({"あいうえ", "おっと"}));
    CHECK(wrap("あいうえコー", 10) == lines({"あいうえ", "コー"}));
    for (const char* closing : {"、", "）", "」", "』", "！", "？", "…"}) {
        const std::string s = std::string("一二三四") + closing + "五";
        const auto l = wrap(s, 8);
        INFO(s);
        REQUIRE(l.size() == 2);
        CHECK(l[1].rfind(closing, 0) != 0);
    }
}

TEST_CASE("no line ends with an opening bracket") {
    CHECK(wrap("一二三「四五」", 8) == lines({"一二三", "「四五」"}));
    CHECK(wrap("一二三（四五）", 8) == lines({"一二三", "（四五）"}));
    CHECK(wrap("一二三『四五』", 8) == lines({"一二三", "『四五』"}));
}

TEST_CASE("numbers stay whole, with their unit") {
    // The issue's 「過料2,／000円」: the comma and the digits around it stay on one line, and so does the unit.
    CHECK(wrap("過料は2,000円です", 10) == lines({"過料は", "2,000円で", "す"}));
    CHECK(wrap("倍率は3.5倍です", 8) == lines({"倍率は", "3.5倍で", "す"}));
    CHECK(wrap("第１５条による", 6) == lines({"第", "１５条", "による"}));
    CHECK(wrap("合格は80%以上", 8) == lines({"合格は", "80%以上"}));
    CHECK_FALSE(line_break_allowed('2', ',', '0'));
    CHECK_FALSE(line_break_allowed(0, '2', ','));
    CHECK_FALSE(line_break_allowed(0, '0', U'円'));
    CHECK(line_break_allowed(0, U'円', U'で'));
}

TEST_CASE("English keeps word wrapping") {
    CHECK(wrap("Check the post before you publish it", 16) == lines({"Check the post", "before you", "publish it"}));
    CHECK(wrap("fine, then.", 5) == lines({"fine,", "then."}));
}

TEST_CASE("a space is a break opportunity and never starts a line") {
    CHECK(wrap("SNS では 確認", 8) == lines({"SNS では", "確認"}));
}

TEST_CASE("line feeds always break, and an empty line is kept") {
    CHECK(wrap("一\n\n二", 40) == lines({"一", "", "二"}));
    CHECK(wrap("一二三\n四", 0) == lines({"一二三", "四"}));
}

TEST_CASE("a piece wider than the line is broken between code points") {
    CHECK(wrap("https://example.jp/abc", 8) == lines({"https://", "example.", "jp/abc"}));
}

TEST_CASE("malformed UTF-8 does not stop the wrap") {
    const std::string s = std::string("一二\xff\xfe三四五六七");
    const auto l = wrap_lines(s, 8, cells);
    REQUIRE(!l.empty());
    CHECK(l.back().end == s.size());
}
