// Walks the guideline and scenarios and appends all their text (both languages) for the atlas builder.
#include "glyph_text.hpp"

#include "json_location.hpp"
#include "line_break.hpp"

#include <cstdint>
#include <cstdio>
#include <set>

namespace kiosk {

namespace {
void add(const Text& t, std::string& out) {
    out += t.ja;
    out += t.en;
}

struct EmojiWord {
    std::uint32_t code_point;
    const char* ja;
    const char* en;
};
constexpr EmojiWord kEmojiWords[] = {
    {0x1F4DA, "本", "books"},        {0x1F35B, "カレー", "curry"},     {0x1F4F6, "電波", "signal"},
    {0x1F338, "桜", "cherry blossom"}, {0x1F37A, "ビール", "beer"},     {0x1F60A, "笑顔", "smile"},
    {0x1F600, "笑顔", "grin"},        {0x1F602, "笑い泣き", "tears of joy"}, {0x1F44D, "いいね", "thumbs up"},
    {0x1F64F, "お願い", "folded hands"}, {0x1F389, "お祝い", "party"},  {0x1F4F7, "カメラ", "camera"},
    {0x1F4F8, "カメラ", "camera"},    {0x1F6A8, "警報", "alert"},       {0x1F525, "炎", "fire"},
};
constexpr const char* kEmojiJa = "絵文字";
constexpr const char* kEmojiEn = "emoji";

bool dropped(std::uint32_t c) { return c == 0xFE0F || c == 0xFE0E || c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF); }
} // namespace

std::string emoji_as_words(std::string_view text, Lang lang) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const std::uint32_t c = next_code_point(text, i);
        if (dropped(c)) continue;
        if (c <= 0xFFFF) {
            out.append(text.substr(at, i - at));
            continue;
        }
        const char* word = lang == Lang::en ? kEmojiEn : kEmojiJa;
        for (const auto& e : kEmojiWords)
            if (e.code_point == c) word = lang == Lang::en ? e.en : e.ja;
        out += lang == Lang::en ? "[" : "〔";
        out += word;
        out += lang == Lang::en ? "]" : "〕";
    }
    return out;
}

std::string emoji_word_glyphs() {
    std::string out = std::string("〔〕[]") + kEmojiJa + kEmojiEn;
    for (const auto& e : kEmojiWords) out += std::string(e.ja) + e.en;
    return out;
}

void append_glyph_text(const Guideline& g, std::string& body, std::string& heading) {
    add(g.title, heading);
    add(g.effective_label, body);
    body += g.separator;
    for (const auto& c : g.clauses) {
        heading += c.label;
        add(c.title, heading);
        add(c.short_title, heading);
        body += c.label;
        add(c.title, body);
        add(c.text, body);
        add(c.short_title, body);
    }
    add(g.title, body);
}

void append_glyph_text(const Scenario& s, std::string& body, std::string& heading) {
    add(s.title, heading);
    add(s.title, body);
    for (const Text* t : {&s.situation.who, &s.situation.where, &s.situation.when, &s.situation.text, &s.prompt, &s.explanation})
        add(*t, body);
    if (s.post) {
        body += s.post->account;
        add(s.post->display_name, body);
        add(s.post->text, body);
        add(s.post->image, body);
        for (const auto& r : s.post->replies) {
            body += r.account;
            add(r.display_name, body);
            add(r.text, body);
        }
    }
    for (const auto& o : s.options) {
        add(o.text, body);
        add(o.rationale, body);
    }
    for (const auto& [k, t] : s.kind_rationale) add(t, body);
    for (const auto& n : s.nodes) {
        add(n.text, body);
        for (const auto& c : n.choices) {
            add(c.text, body);
            add(c.consequence, body);
            add(c.rationale, body);
        }
    }
}

GlyphText content_glyph_text(const Content& content, const std::string& ui_text) {
    GlyphText g{ui_text + emoji_word_glyphs(), ui_text};
    append_glyph_text(content.guideline, g.body, g.heading);
    for (const auto& s : content.scenarios) append_glyph_text(s, g.body, g.heading);
    for (const auto& c : content.courses) {
        add(c.title, g.body);
        add(c.description, g.body);
        add(c.title, g.heading);
    }
    return g;
}

std::vector<Diagnostic> unshowable_characters(const std::string& file, std::string_view text,
                                              const std::function<bool(std::uint32_t)>& font_has) {
    std::vector<Diagnostic> out;
    std::set<std::uint32_t> seen;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const std::uint32_t c = next_code_point(text, i);
        if (c < 0x80 || c > 0xFFFF || dropped(c) || !seen.insert(c).second || font_has(c)) continue;
        const TextLocation loc = offset_to_location(text, at);
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        out.push_back(Diagnostic{Severity::warning, file, loc.line, loc.column, "",
                                 "the character \"" + std::string(text.substr(at, i - at)) + "\" (" + code +
                                     ") is in no installed font: the kiosk cannot show it and leaves it out",
                                 "write it another way (a common kanji or kana), or install a font that has it"});
    }
    return out;
}

} // namespace kiosk
