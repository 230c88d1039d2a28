// Loads content/guideline.json into the clause tree the kiosk teaches from, reporting every problem precisely.
#include "guideline.hpp"

#include "hash.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

namespace kiosk {

namespace {

using nlohmann::json;

// Line and column (1-based, columns in code points) of the byte at `offset`. Used only for parse errors, where
// nlohmann gives a byte position and no JSON Pointer exists yet.
void locate_offset(const std::string& text, std::size_t offset, int& line, int& column) {
    if (offset > text.size()) offset = text.size();
    line = 1;
    column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {  // continuation bytes belong to the code point already counted
            ++column;
        }
    }
}

// Offset of the opening quote of the JSON string whose closing quote is at `closing` (same line only), or `closing`.
std::size_t string_start(const std::string& text, std::size_t closing) {
    for (std::size_t i = closing; i-- > 0;) {
        if (text[i] == '\n') break;
        if (text[i] != '"') continue;
        std::size_t backslashes = 0;
        while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return i;
    }
    return closing;
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

// Escapes a key for use inside a JSON Pointer (RFC 6901).
std::string pointer_token(const std::string& key) {
    std::string out;
    for (const char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

// Short titles appear in lists and on result screens, where anything longer than this wraps.
constexpr std::size_t short_title_max_ja = 12;

class GuidelineReader {
public:
    GuidelineReader(const std::string& path, std::vector<Diagnostic>& diags) : path_(path), diags_(diags) {}

    void read(const json& doc, Guideline& g) {
        if (!doc.is_object()) {
            error("", "the guideline file must be a JSON object { ... }", "start the file with { and end it with }");
            return;
        }
        check_keys(doc, "", {"title", "effective_date", "effective_label", "separator", "clauses"});
        g.title = required_text(doc, "", "title", true);
        g.effective_label = required_text(doc, "", "effective_label", true);
        g.effective_date = required_string(doc, "", "effective_date", false);
        if (!g.effective_date.empty() && !is_iso_date(g.effective_date))
            error("/effective_date", "`effective_date` must be a date written YYYY-MM-DD", "for example \"2013-10-28\"");
        g.separator = required_string(doc, "", "separator", false);

        const auto it = doc.find("clauses");
        if (it == doc.end()) {
            error("", "`clauses` is missing", "add \"clauses\": [ ... ] with the preamble, the sections and the supplementary provision");
            return;
        }
        if (!it->is_array() || it->empty()) {
            error("/clauses", "`clauses` must be a non-empty array of clauses", "");
            return;
        }
        read_children(*it, "/clauses", nullptr, g);
    }

private:
    void report(Severity severity, const std::string& pointer, std::string message, std::string hint) {
        Diagnostic d;
        d.severity = severity;
        d.file = path_;
        d.pointer = pointer;
        d.message = std::move(message);
        d.hint = std::move(hint);
        diags_.push_back(std::move(d));
    }
    void error(const std::string& pointer, std::string message, std::string hint) {
        report(Severity::error, pointer, std::move(message), std::move(hint));
    }
    void warning(const std::string& pointer, std::string message, std::string hint) {
        report(Severity::warning, pointer, std::move(message), std::move(hint));
    }

    // An unknown key is most often a misspelt known one, whose value would otherwise be silently ignored.
    void check_keys(const json& obj, const std::string& at, std::initializer_list<const char*> known) {
        for (const auto& [key, value] : obj.items()) {
            bool found = false;
            for (const char* k : known) found = found || key == k;
            if (!found) {
                std::string list;
                for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
                warning(at + "/" + pointer_token(key), "unknown key `" + key + "` is ignored", "known keys here: " + list);
            }
        }
    }

    std::string required_string(const json& obj, const std::string& at, const char* key, bool allow_empty) {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            error(at, std::string("`") + key + "` is missing", "");
            return {};
        }
        if (!it->is_string()) {
            error(at + "/" + key, std::string("`") + key + "` must be a string", "write it in double quotes");
            return {};
        }
        auto s = it->get<std::string>();
        if (s.empty() && !allow_empty) error(at + "/" + key, std::string("`") + key + "` must not be empty", "");
        return s;
    }

    // A text value is {"ja": ..., "en": ...}; a plain string is Japanese only and is accepted with a warning,
    // as in scenario files. `need_ja`: the Japanese must not be empty.
    Text required_text(const json& obj, const std::string& at, const char* key, bool need_ja) {
        const std::string here = at + "/" + key;
        const auto it = obj.find(key);
        if (it == obj.end()) {
            error(at, std::string("`") + key + "` is missing",
                  std::string("add \"") + key + "\": {\"ja\": \"…\", \"en\": \"…\"}" + (need_ja ? "" : " (both may be empty)"));
            return {};
        }
        Text t;
        if (it->is_string()) {
            t.ja = it->get<std::string>();
            if (!t.ja.empty()) warning(here, std::string("`") + key + "` has no English", "write {\"ja\": \"…\", \"en\": \"…\"}");
        } else if (it->is_object()) {
            check_keys(*it, here, {"ja", "en"});
            for (const char* lang : {"ja", "en"}) {
                const auto l = it->find(lang);
                if (l == it->end()) {
                    error(here, std::string("`") + key + "` has no `" + lang + "`", "give both \"ja\" and \"en\"");
                } else if (!l->is_string()) {
                    error(here + "/" + lang, std::string("`") + key + "." + lang + "` must be a string", "");
                } else {
                    (std::string(lang) == "ja" ? t.ja : t.en) = l->get<std::string>();
                }
            }
            if (!t.ja.empty() && t.en.empty())
                warning(here + "/en", std::string("`") + key + "` has Japanese but no English", "staff reading English see the Japanese instead");
            if (t.ja.empty() && !t.en.empty())
                error(here + "/ja", std::string("`") + key + "` has English but no Japanese", "Japanese is the primary language: give it first");
        } else {
            error(here, std::string("`") + key + "` must be an object {\"ja\": \"…\", \"en\": \"…\"}", "");
            return {};
        }
        if (need_ja && t.ja.empty()) error(here, std::string("`") + key + "` must not be empty", "");
        return t;
    }

    static bool is_iso_date(const std::string& s) {
        if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
        for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
            if (s[i] < '0' || s[i] > '9') return false;
        const int month = std::stoi(s.substr(5, 2));
        const int day = std::stoi(s.substr(8, 2));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    static bool is_valid_id(const std::string& id) {
        if (id.empty() || id.front() == '.' || id.back() == '.') return false;
        for (const char c : id)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
        return id.find("..") == std::string::npos;
    }

    // Appends the clauses of `arr` (and, depth-first, their children) to g.clauses. `parent` indexes g.clauses or is null.
    void read_children(const json& arr, const std::string& at, const std::size_t* parent, Guideline& g) {
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string here = at + "/" + std::to_string(i);
            const json& node = arr[i];
            if (!node.is_object()) {
                error(here, "a clause must be an object { \"id\": …, … }", "");
                continue;
            }
            check_keys(node, here, {"id", "label", "mark", "title", "short_title", "operative", "text", "children"});

            Clause c;
            c.id = required_string(node, here, "id", false);
            if (!c.id.empty() && !is_valid_id(c.id))
                error(here + "/id", "clause id `" + c.id + "` may use only a-z, 0-9, '-' and '.' between parts",
                      "for example \"5.4.a\"");
            c.label = required_string(node, here, "label", false);
            c.mark = required_string(node, here, "mark", true);
            c.title = required_text(node, here, "title", false);
            c.short_title = required_text(node, here, "short_title", true);
            if (code_points(c.short_title.ja) > short_title_max_ja)
                warning(here + "/short_title/ja",
                        "`short_title` has " + std::to_string(code_points(c.short_title.ja)) + " Japanese characters",
                        "keep it to " + std::to_string(short_title_max_ja) + " or fewer so that it fits in lists");
            c.text = required_text(node, here, "text", false);
            if (c.title.empty() && c.text.empty())
                error(here, "clause `" + c.id + "` has neither a title nor a text", "");

            // Whether staff must follow a clause decides what the courses test: never guess it.
            if (const auto op = node.find("operative"); op == node.end())
                error(here, "`operative` is missing", "write \"operative\": true for a rule staff must follow, false otherwise");
            else if (!op->is_boolean())
                error(here + "/operative", "`operative` must be true or false", "write it without quotes");
            else
                c.operative = op->get<bool>();

            if (parent) {
                const Clause& p = g.clauses[*parent];
                c.parent = p.id;
                c.section = p.section;
                c.depth = p.depth + 1;
                if (!c.id.empty() && !p.id.empty() && c.id.rfind(p.id + ".", 0) != 0)
                    warning(here + "/id", "clause id `" + c.id + "` does not begin with its parent's id `" + p.id + ".`",
                            "number sub-items after their item, e.g. \"" + p.id + ".1\"");
            } else {
                c.section = c.id;
            }

            if (!c.id.empty()) {
                const auto [seen, inserted] = first_pointer_of_id_.emplace(c.id, here);
                if (!inserted)
                    error(here + "/id", "duplicate clause id `" + c.id + "` (first used at " + seen->second + ")",
                          "every clause needs its own id; scenarios refer to clauses by it");
            }

            const std::size_t index = g.clauses.size();
            if (parent) g.clauses[*parent].children.push_back(c.id);
            g.clauses.push_back(std::move(c));

            if (const auto ch = node.find("children"); ch != node.end()) {
                if (!ch->is_array()) error(here + "/children", "`children` must be an array of clauses", "");
                else read_children(*ch, here + "/children", &index, g);
            }
        }
    }

    const std::string& path_;
    std::vector<Diagnostic>& diags_;
    std::map<std::string, std::string> first_pointer_of_id_;
};

} // namespace

const Clause* Guideline::find(std::string_view id) const {
    for (const auto& c : clauses)
        if (c.id == id) return &c;
    return nullptr;
}

bool Guideline::within(std::string_view id, std::string_view ancestor) const {
    if (ancestor.empty()) return false;
    // Walk up the parent chain; depth bounds the walk even if a malformed file made a cycle impossible to rule out.
    const Clause* c = find(id);
    for (int steps = 0; c && steps <= static_cast<int>(clauses.size()); ++steps) {
        if (c->id == ancestor) return true;
        if (c->parent.empty()) return false;
        c = find(c->parent);
    }
    return false;
}

std::vector<const Clause*> Guideline::operative_clauses() const {
    std::vector<const Clause*> out;
    for (const auto& c : clauses)
        if (c.operative) out.push_back(&c);
    return out;
}

std::vector<const Clause*> Guideline::sections() const {
    std::vector<const Clause*> out;
    for (const auto& c : clauses)
        if (c.depth == 0) out.push_back(&c);
    return out;
}

Guideline load_guideline(const std::string& path, std::vector<Diagnostic>& diags) {
    Guideline g;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Diagnostic d;
        d.file = path;
        d.message = "cannot open the guideline file";
        d.hint = "check that the content directory holds guideline.json and that it is readable";
        diags.push_back(std::move(d));
        return g;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    g.hash = sha256_hex(bytes);

    json doc;
    try {
        doc = json::parse(bytes, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        Diagnostic d;
        d.file = path;
        // e.byte counts the characters read, so the offending one is at e.byte - 1.
        std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        std::string what = e.what();
        // The parser reads a whole string before rejecting it; point at its opening quote, where the reader looks.
        if (what.find("string literal") != std::string::npos && offset < bytes.size() && bytes[offset] == '"')
            offset = string_start(bytes, offset);
        locate_offset(bytes, offset, d.line, d.column);
        // nlohmann's message repeats the position in its own counting; keep only the reason.
        if (const auto colon = what.find(": "); what.rfind("[json.exception", 0) == 0 && colon != std::string::npos)
            what = what.substr(colon + 2);
        d.message = "the guideline file is not valid JSON: " + what;
        d.hint = "look for a missing comma, quote or bracket at or just before this place";
        diags.push_back(std::move(d));
        return g;
    }

    GuidelineReader(path, diags).read(doc, g);
    return g;
}

} // namespace kiosk
