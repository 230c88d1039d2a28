// Walks the guideline and scenarios and appends all their text (both languages) for the atlas builder.
#include "glyph_text.hpp"

namespace kiosk {

namespace {
void add(const Text& t, std::string& out) {
    out += t.ja;
    out += t.en;
}
} // namespace

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
    GlyphText g{ui_text, ui_text};
    append_glyph_text(content.guideline, g.body, g.heading);
    for (const auto& s : content.scenarios) append_glyph_text(s, g.body, g.heading);
    for (const auto& c : content.courses) {
        add(c.title, g.body);
        add(c.description, g.body);
        add(c.title, g.heading);
    }
    return g;
}

} // namespace kiosk
