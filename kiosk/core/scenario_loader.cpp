// Scenario format v1 loader: reads one item per file, checks it strictly and explains every problem in plain words.
// GCC 12 reports a false -Warray-bounds inside the standard map that nlohmann's DOM builder uses (set_parents under
// JSON_DIAGNOSTICS); the warning is located in the library headers, so it must be silenced before they are read.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif
#include "scenario_loader.hpp"

#include "hash.hpp"
#include "json_location.hpp"
#include "scoring.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace kiosk {

namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxFileBytes = 1024 * 1024;
constexpr int kMaxDepth = 64;
constexpr int kMaxPoints = 1000;
constexpr int kMaxWeight = 100;
constexpr double kMaxMark = 100;
constexpr std::size_t kMaxDiagnostics = 50;
constexpr std::size_t kMaxNodes = 40;
constexpr std::size_t kMaxPaths = 10000;  // a branching item is a short incident, and the best path is searched exhaustively

const std::vector<std::string> kItemTypes = {"single", "multiple", "hottext", "classify", "branching"};
const std::vector<std::string> kRoles = {"organization", "personal"};
const std::vector<std::string> kAudiences = {"orientation", "refresher", "operator"};
const std::vector<std::string> kScorings = {"partial", "all_or_nothing"};
const std::vector<std::string> kKinds = {"5.4.a", "5.4.b", "5.4.c", "5.4.d", "5.4.e",
                                         "5.4.f", "5.4.g", "5.4.h", "5.4.i"};
const std::vector<std::string> kKindMarks = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ"};  // 5.4.a … 5.4.i
const std::vector<std::string> kCommonKeys = {"schema", "id",    "type",      "role",   "audience",   "difficulty",
                                              "clauses", "title", "situation", "post",   "prompt",     "explanation", "mark"};

std::vector<std::string> keys_for_type(const std::string& type) {
    if (type == "single") return {"points", "options"};
    if (type == "multiple") return {"scoring", "options"};
    if (type == "hottext") return {"scoring", "spans"};
    if (type == "classify") return {"scoring", "kinds", "acceptable_kinds", "kind_rationale"};
    if (type == "branching") return {"start", "nodes"};
    return {"points", "scoring", "options", "spans", "kinds", "acceptable_kinds", "kind_rationale", "start", "nodes"};
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// The candidate a typo most likely meant, or "" when none is close enough to suggest.
std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.size() > 64) return "";
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& c : candidates) {
        if (c.size() > 64) continue;
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance && d < std::max<std::size_t>(c.size(), 2)) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

bool contains(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

// At most `max` code points of `s` for a message, cut on a character boundary and marked with "…" when cut.
std::string clip(std::string_view s, std::size_t max = 40) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (points++ == max) return std::string(s.substr(0, i)) + "…";
    }
    return std::string(s);
}

std::string describe(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: return "the text \"" + clip(v.get_ref<const std::string&>()) + "\"";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "the number " + clip(v.dump(), 24);
    case json::value_t::array: return "a list [ … ]";
    case json::value_t::object: return "an object { … }";
    default: return "something else";
    }
}

// Offset of the first byte that breaks UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

// Why the file is not UTF-8 text at all (UTF-16, an office document, an image…), or "" when it may be.
std::string not_utf8_text(std::string_view s) {
    if (s.substr(0, 2) == "\xFF\xFE" || s.substr(0, 2) == "\xFE\xFF")
        return "the file is saved as UTF-16 (\"Unicode\"), not UTF-8";
    struct Signature {
        std::string_view bytes;
        const char* what;
    };
    static constexpr Signature signatures[] = {
        {"PK\x03\x04", "a ZIP archive (an Excel or Word file, perhaps)"},
        {"%PDF", "a PDF document"},
        {"\x89PNG", "a PNG image"},
        {"\xFF\xD8\xFF", "a JPEG image"},
        {"\xD0\xCF\x11\xE0", "an old-style Office document"},
    };
    for (const auto& sig : signatures)
        if (s.substr(0, sig.bytes.size()) == sig.bytes) return std::string("the file is ") + sig.what + ", not a scenario text file";
    // UTF-16 without a byte order mark: every other byte of ASCII text is 0.
    if (s.size() >= 4 && ((s[0] == '\0') != (s[1] == '\0')) && ((s[2] == '\0') != (s[3] == '\0')))
        return "the file looks like UTF-16 (\"Unicode\") without a byte order mark, not UTF-8";
    return "";
}

// Shift-JIS lead bytes followed by a valid trail byte: the usual way a Windows editor saves Japanese text.
bool looks_like_shift_jis(std::string_view s, std::size_t at) {
    if (at + 1 >= s.size()) return false;
    const auto a = static_cast<unsigned char>(s[at]);
    const auto b = static_cast<unsigned char>(s[at + 1]);
    const bool lead = (a >= 0x81 && a <= 0x9F) || (a >= 0xE0 && a <= 0xFC);
    const bool trail = b >= 0x40 && b <= 0xFC && b != 0x7F;
    return lead && trail;
}

// Offset of the bracket that first goes deeper than kMaxDepth, or npos. Runs before nlohmann sees the text.
std::size_t too_deep_at(std::string_view s) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const auto end = s.find("*/", i + 2);
            if (end == std::string_view::npos) return std::string_view::npos;
            i = end + 1;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

// A clause citation reduced to a comparable form: full-width digits and brackets made half-width, spaces dropped,
// so that ５（４）ア, 5(4)ア and "5 (4) ア" compare equal.
std::string normalise_label(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t') continue;
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            const auto d = static_cast<unsigned char>(s[i + 2]);
            if (d >= 0x90 && d <= 0x99) {  // ０-９
                out.push_back(static_cast<char>('0' + (d - 0x90)));
                i += 2;
                continue;
            }
            if (d == 0x88 || d == 0x89) {  // （ ）
                out.push_back(d == 0x88 ? '(' : ')');
                i += 2;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < s.size() && s.substr(i, 3) == "\xE3\x80\x80") {  // full-width space
            i += 2;
            continue;
        }
        out.push_back(static_cast<char>(c));
    }
    return out;
}

// The English citation of a clause ID: 5.4.a → 5(4)(a), 6.2 → 6(2).
std::string english_citation(const std::string& id) {
    std::string out;
    std::size_t start = 0;
    for (bool first = true; start <= id.size(); first = false) {
        const auto dot = id.find('.', start);
        const auto part = id.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        out += first ? part : "(" + part + ")";
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return out;
}

struct SyntaxProblem {
    std::size_t offset = std::string_view::npos;
    std::string message;
    std::string hint;
};

// The mistakes trainers make most, found by walking the text outside strings: full-width punctuation typed with
// the Japanese IME on, single quotes, and a comma before a closing bracket.
SyntaxProblem friendly_syntax_problem(std::string_view s) {
    bool in_string = false;
    std::size_t last_comma = std::string_view::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            } else if (c == '\n' || c == '\r') {
                return {i, "this text goes on past the end of the line: its closing quote \" is missing, or it contains a line break",
                        "close the text with \" on the same line; write \\n where the text should break"};
            } else if (c == '\t') {
                return {i, "a tab character inside a text; JSON does not allow it", "replace it with spaces, or write \\t"};
            } else if (static_cast<unsigned char>(c) < 0x20) {
                char code[8];
                std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(static_cast<unsigned char>(c)));
                return {i, std::string("an invisible control character (") + code + ") inside a text",
                        "delete it: retype the text around this point"};
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
            continue;
        }
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const auto end = s.find("*/", i + 2);
            if (end == std::string_view::npos) break;
            i = end + 1;
            continue;
        }
        if ((c == ']' || c == '}') && last_comma != std::string_view::npos)
            return {last_comma, std::string("trailing comma before `") + c + "`",
                    "JSON does not allow a comma after the last element; remove it"};
        last_comma = c == ',' ? i : std::string_view::npos;
        if (c == '"') {
            in_string = true;
        } else if (c == '\'') {
            return {i, "single quote ' used where JSON needs a double quote \"", "write \"…\" around texts and keys"};
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            const std::string_view ch = s.substr(i, 3);
            struct FullWidth {
                const char* bytes;
                const char* what;
                const char* ascii;
            };
            static const FullWidth table[] = {
                {"\xE2\x80\x9C", "full-width quote \xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "full-width quote \xE2\x80\x9D", "\""},
                {"\xEF\xBC\x82", "full-width quote \xEF\xBC\x82", "\""}, {"\xEF\xBC\x9A", "full-width colon \xEF\xBC\x9A", ":"},
                {"\xEF\xBC\x8C", "full-width comma \xEF\xBC\x8C", ","},  {"\xE3\x80\x81", "Japanese comma \xE3\x80\x81", ","},
                {"\xEF\xBD\x9B", "full-width brace \xEF\xBD\x9B", "{"},  {"\xEF\xBD\x9D", "full-width brace \xEF\xBD\x9D", "}"},
                {"\xEF\xBC\xBB", "full-width bracket \xEF\xBC\xBB", "["}, {"\xEF\xBC\xBD", "full-width bracket \xEF\xBC\xBD", "]"},
            };
            if (ch == "\xE3\x80\x80")
                return {i, "full-width space (全角スペース) outside a text", "replace it with a half-width space, or delete it"};
            for (const auto& f : table)
                if (ch == f.bytes)
                    return {i, std::string(f.what) + " outside a text; JSON needs the half-width `" + f.ascii + "`",
                            "switch the IME to half-width (半角) and type " + std::string(f.ascii)};
            return {i, "unexpected character outside quotes", "texts must be inside \"…\""};
        }
    }
    return {};
}

class Checker {
public:
    Checker(std::string_view body, const std::string& file, const Guideline& guideline, std::vector<Diagnostic>& diags)
        : body_(body), file_(file), diags_(diags), first_diag_(diags.size()) {
        for (const auto& c : guideline.clauses) {
            clause_ids_.push_back(c.id);
            if (!c.label.empty()) clause_by_label_.emplace(normalise_label(c.label), c.id);
            if (c.id.find('.') != std::string::npos) clause_by_label_.emplace(english_citation(c.id), c.id);
        }
    }

    // One file reports at most kMaxDiagnostics problems: after that many, the rest would only bury the first ones
    // (and locating each one in a huge file costs time).
    bool full() const { return diags_.size() - first_diag_ >= kMaxDiagnostics; }

    void add(Severity sev, TextLocation loc, const std::string& pointer, std::string message, std::string hint) {
        if (sev == Severity::error) ++errors_;
        if (full()) {
            ++suppressed_;
            if (sev == Severity::error) ++suppressed_errors_;
            return;
        }
        diags_.push_back(Diagnostic{sev, file_, loc.line, loc.column, pointer, std::move(message), std::move(hint)});
    }

    // Says how many problems were left out (an error when one of them is); called once, at the end of the file.
    void finish() {
        if (suppressed_ == 0) return;
        diags_.push_back(Diagnostic{suppressed_errors_ > 0 ? Severity::error : Severity::warning, file_, 0, 0, "",
                                    std::to_string(suppressed_) + " more problem(s) in this file are not shown",
                                    "fix the problems above and check the file again"});
    }

    // Where the value at `pointer` starts; a pointer to something missing falls back to its nearest parent.
    TextLocation where(std::string pointer) const {
        while (true) {
            const auto loc = locate_pointer(body_, pointer);
            if (loc.line > 0 || pointer.empty()) return loc.line > 0 ? loc : TextLocation{1, 1};
            pointer.erase(pointer.rfind('/'));
        }
    }
    TextLocation where_key(const std::string& pointer) const {
        const auto loc = locate_key(body_, pointer);
        return loc.line > 0 ? loc : where(pointer);
    }

    void error(const std::string& pointer, std::string message, std::string hint) {
        add(Severity::error, full() ? TextLocation{} : where(pointer), pointer, std::move(message), std::move(hint));
    }
    void warning(const std::string& pointer, std::string message, std::string hint) {
        add(Severity::warning, full() ? TextLocation{} : where(pointer), pointer, std::move(message), std::move(hint));
    }

    // A required key is missing. When the object holds a key that looks like a misspelling of it (`corect`), the
    // error is placed on that key and names it, instead of a separate "unknown key" warning.
    void missing(const std::string& parent, const std::string& key, std::string message, std::string hint) {
        const auto pointer = pointer_append(parent, key);
        if (const auto it = near_misses_.find(parent); it != near_misses_.end()) {
            for (const auto& miss : it->second) {
                if (miss.meant != key) continue;
                const auto written_pointer = pointer_append(parent, miss.written);
                drop_warning(written_pointer);
                add(Severity::error, full() ? TextLocation{} : where_key(written_pointer), written_pointer,
                    message + "; `" + clip(miss.written) + (miss.typo ? "` looks like a misspelling of it" : "` is written in its place"),
                    "rename `" + clip(miss.written) + "` to `" + key + "`");
                return;
            }
        }
        add(Severity::error, full() ? TextLocation{} : where(parent), pointer, std::move(message), std::move(hint));
    }

    int errors() const { return errors_; }

    // A did-you-mean candidate; none once the file has shown all the problems it may (keeps hostile files fast).
    std::string suggest(std::string_view word, const std::vector<std::string>& candidates) const {
        return full() ? std::string() : closest(word, candidates);
    }

    // The clause ID a citation label stands for (５（４）ア or 5(4)(a) → 5.4.a), or "".
    std::string clause_for_label(std::string_view label) const {
        const auto it = clause_by_label_.find(normalise_label(label));
        return it == clause_by_label_.end() ? "" : it->second;
    }

    // Unknown keys are warnings (the file still loads); keys of another item type say so.
    // `stand_ins` maps a key of another type to the key it is often written for (hottext `options` → `spans`).
    void check_keys(const json& obj, const std::string& pointer, const std::vector<std::string>& known,
                    const std::vector<std::string>& other_known = {}, const std::string& owner = {},
                    const std::map<std::string, std::string>& stand_ins = {}) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string& key = it.key();
            if (contains(known, key)) continue;
            const auto p = pointer_append(pointer, key);
            if (contains(other_known, key)) {
                if (const auto s = stand_ins.find(key); s != stand_ins.end()) near_misses_[pointer].push_back({key, s->second, false});
                add(Severity::warning, full() ? TextLocation{} : where_key(p), p, "`" + key + "` is not used by " + owner + " and is ignored",
                    "remove it, or check `type`");
                continue;
            }
            const auto guess = suggest(key, known);
            if (!guess.empty() && !obj.contains(guess)) near_misses_[pointer].push_back({key, guess, true});
            add(Severity::warning, full() ? TextLocation{} : where_key(p), p, "unknown key `" + clip(key) + "` is ignored",
                guess.empty() ? "the keys allowed here are: " + join(known) : "did you mean `" + guess + "`?");
        }
    }

    const json* member(const json& obj, const char* key) const {
        const auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    // Text value: "…" (Japanese only) or {"ja": "…", "en": "…"}.
    bool text(const json& obj, const std::string& parent, const char* key, Text& out, bool required) {
        const auto p = pointer_append(parent, key);
        const json* v = member(obj, key);
        if (!v) {
            if (required)
                missing(parent, key, "`" + std::string(key) + "` is missing",
                        "add \"" + std::string(key) + "\": {\"ja\": \"…\", \"en\": \"…\"}");
            return !required;
        }
        if (v->is_string()) {
            out.ja = v->get<std::string>();
            if (!out.ja.empty())
                warning(p, "English is missing for `" + std::string(key) + "`",
                        "write {\"ja\": \"…\", \"en\": \"…\"} so that English readers see a translation");
        } else if (v->is_object()) {
            check_keys(*v, p, {"ja", "en"});
            const json* ja = member(*v, "ja");
            const json* en = member(*v, "en");
            if (!ja) {
                missing(p, "ja", "`" + std::string(key) + "` has no Japanese text (`ja`)", "Japanese is required; add \"ja\": \"…\"");
                return false;
            }
            if (!ja->is_string()) {
                error(pointer_append(p, "ja"), "`ja` must be a text in quotes, not " + describe(*ja), "write \"ja\": \"…\"");
                return false;
            }
            out.ja = ja->get<std::string>();
            if (!en) {
                warning(p, "English is missing for `" + std::string(key) + "`", "add \"en\": \"…\"");
            } else if (!en->is_string()) {
                error(pointer_append(p, "en"), "`en` must be a text in quotes, not " + describe(*en), "write \"en\": \"…\"");
                return false;
            } else {
                out.en = en->get<std::string>();
                if (out.en.empty() && !out.ja.empty())
                    warning(pointer_append(p, "en"), "the English text of `" + std::string(key) + "` is empty",
                            "write the translation, or remove \"en\" until there is one");
            }
        } else {
            error(p, "`" + std::string(key) + "` must be a text, not " + describe(*v),
                  "write \"…\" or {\"ja\": \"…\", \"en\": \"…\"}");
            return false;
        }
        if (required && out.ja.empty()) {
            error(p, "`" + std::string(key) + "` is empty", "write the Japanese text");
            return false;
        }
        return true;
    }

    bool string(const json& obj, const std::string& parent, const char* key, std::string& out, bool required) {
        const json* v = member(obj, key);
        if (!v) {
            if (required) missing(parent, key, "`" + std::string(key) + "` is missing", "add \"" + std::string(key) + "\": \"…\"");
            return !required;
        }
        if (!v->is_string()) {
            error(pointer_append(parent, key), "`" + std::string(key) + "` must be a text in quotes, not " + describe(*v),
                  "write \"" + std::string(key) + "\": \"…\"");
            return false;
        }
        out = v->get<std::string>();
        return true;
    }

    // A strict boolean: never defaulted when required, never read from "true" in quotes.
    bool boolean(const json& obj, const std::string& parent, const char* key, bool& out, bool required) {
        const json* v = member(obj, key);
        const auto p = pointer_append(parent, key);
        if (!v) {
            if (required)
                missing(parent, key, "`" + std::string(key) + "` is missing",
                        "add \"" + std::string(key) + "\": true or \"" + std::string(key) + "\": false; it is never guessed");
            return !required;
        }
        if (v->is_boolean()) {
            out = v->get<bool>();
            return true;
        }
        std::string hint = "write true or false without quotes";
        if (v->is_string()) {
            const auto s = v->get<std::string>();
            std::string l;
            for (const char c : s) l.push_back(lower(c));
            if (l == "true" || l == "yes" || l == "1") hint = "did you mean `true`? write it without quotes";
            if (l == "false" || l == "no" || l == "0") hint = "did you mean `false`? write it without quotes";
        } else if (v->is_number()) {
            hint = v->get<double>() != 0 ? "did you mean `true`?" : "did you mean `false`?";
        }
        error(p, "`" + std::string(key) + "` must be true or false, not " + describe(*v), hint);
        return false;
    }

    bool integer(const json& obj, const std::string& parent, const char* key, int& out, bool required, int min, int max) {
        const json* v = member(obj, key);
        const auto p = pointer_append(parent, key);
        const auto range = std::to_string(min) + " to " + std::to_string(max);
        if (!v) {
            if (required) missing(parent, key, "`" + std::string(key) + "` is missing", "add \"" + std::string(key) + "\": a whole number from " + range);
            return !required;
        }
        long long value = 0;
        if (v->is_number_unsigned()) {
            const auto u = v->get<unsigned long long>();
            value = u > static_cast<unsigned long long>(INT_MAX) ? static_cast<long long>(INT_MAX) + 1 : static_cast<long long>(u);
        } else if (v->is_number_integer()) {
            value = v->get<long long>();
        } else {
            std::string hint = "write a whole number from " + range + " without quotes";
            if (v->is_string()) {
                const auto s = v->get<std::string>();
                if (!s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
                    hint = "did you mean `" + s + "`? write it without quotes";
            }
            error(p, "`" + std::string(key) + "` must be a whole number, not " + describe(*v), hint);
            return false;
        }
        if (value < min || value > max) {
            error(p, "`" + std::string(key) + "` must be from " + range + ", not " + std::to_string(value),
                  value < min ? "the smallest allowed is " + std::to_string(min) : "the largest allowed is " + std::to_string(max));
            return false;
        }
        out = static_cast<int>(value);
        return true;
    }

    // One of a fixed set of words (type, role, scoring…), with a did-you-mean for typos.
    bool word(const json& obj, const std::string& parent, const char* key, const std::vector<std::string>& allowed,
              std::string& out, bool required) {
        std::string s;
        if (!string(obj, parent, key, s, required)) return false;
        if (!member(obj, key)) return true;
        if (!contains(allowed, s)) {
            const auto guess = suggest(s, allowed);
            error(pointer_append(parent, key), "`" + std::string(key) + "` cannot be \"" + clip(s) + "\"",
                  guess.empty() ? "use one of: " + join(allowed) : "did you mean `" + guess + "`?");
            return false;
        }
        out = s;
        return true;
    }

    bool clause_id(const std::string& id, const std::string& pointer) {
        if (clause_ids_.empty() || contains(clause_ids_, id)) return true;
        if (const auto it = clause_by_label_.find(normalise_label(id)); it != clause_by_label_.end()) {
            error(pointer, "`" + clip(id) + "` is how the guideline cites a clause, not its ID",
                  "write the clause ID \"" + it->second + "\"");
            return false;
        }
        const auto guess = suggest(id, clause_ids_);
        error(pointer, "unknown clause `" + clip(id) + "`: the guideline has no such clause",
              guess.empty() ? "the clause IDs are listed in scenarios/README.md, section 9" : "did you mean `" + guess + "`?");
        return false;
    }

    bool clause_list(const json& obj, const std::string& parent, const char* key, std::vector<std::string>& out,
                     bool required) {
        const json* v = member(obj, key);
        const auto p = pointer_append(parent, key);
        if (!v) {
            if (required) missing(parent, key, "`" + std::string(key) + "` is missing", "add \"clauses\": [\"5.4.a\"] — the first is the main subject");
            return !required;
        }
        if (!v->is_array()) {
            error(p, "`" + std::string(key) + "` must be a list of clause IDs, not " + describe(*v), "write [\"5.1\", \"5.3\"]");
            return false;
        }
        if (required && v->empty()) {
            error(p, "`" + std::string(key) + "` is empty", "name at least the clause the item is about");
            return false;
        }
        bool ok = true;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const auto ip = pointer_append(p, std::to_string(i));
            const json& c = (*v)[i];
            if (!c.is_string()) {
                error(ip, "a clause ID must be a text in quotes, not " + describe(c),
                      c.is_number() ? "write \"" + clip(c.dump(), 24) + "\"" : "write \"5.4.a\"");
                ok = false;
                continue;
            }
            const auto id = c.get<std::string>();
            if (!clause_id(id, ip)) ok = false;
            else if (contains(out, id)) warning(ip, "clause `" + id + "` is listed twice", "remove the second one");
            else out.push_back(id);
        }
        return ok;
    }

private:
    // Removes the warning this checker gave for `pointer` (replaced by a more precise error).
    void drop_warning(const std::string& pointer) {
        for (std::size_t i = diags_.size(); i > first_diag_; --i) {
            const auto& d = diags_[i - 1];
            if (d.severity == Severity::warning && d.pointer == pointer) {
                diags_.erase(diags_.begin() + static_cast<std::ptrdiff_t>(i - 1));
                return;
            }
        }
    }

    std::string_view body_;
    const std::string& file_;
    std::vector<Diagnostic>& diags_;
    std::size_t first_diag_;  // diagnostics before this index belong to other files
    std::vector<std::string> clause_ids_;
    std::map<std::string, std::string> clause_by_label_;  // normalised citation label (5(4)ア) → clause ID
    struct NearMiss {
        std::string written, meant;
        bool typo;  // false: a key of another item type written for this one
    };
    std::map<std::string, std::vector<NearMiss>> near_misses_;  // by the pointer of the object holding them
    int errors_ = 0;
    int suppressed_ = 0;
    int suppressed_errors_ = 0;
};

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 100) return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
        if (!ok) return false;
    }
    return true;
}

void read_post(Checker& ck, const json& v, const std::string& p, Post& post) {
    if (!v.is_object()) {
        ck.error(p, "`post` must be an object { … }, not " + describe(v),
                 "write \"post\": {\"account\": …, \"display_name\": …, \"text\": …}");
        return;
    }
    ck.check_keys(v, p, {"account", "display_name", "official", "text", "image", "replies"});
    if (ck.string(v, p, "account", post.account, true) && !post.account.empty() && post.account.front() == '@')
        ck.warning(pointer_append(p, "account"), "`account` starts with @", "write the account without the @; the kiosk adds it");
    ck.text(v, p, "display_name", post.display_name, true);
    ck.boolean(v, p, "official", post.official, false);
    ck.text(v, p, "text", post.text, true);
    ck.text(v, p, "image", post.image, false);
    if (const json* replies = ck.member(v, "replies")) {
        const auto rp = pointer_append(p, "replies");
        if (!replies->is_array()) {
            ck.error(rp, "`replies` must be a list [ … ], not " + describe(*replies), "write \"replies\": [{…}, {…}]");
            return;
        }
        for (std::size_t i = 0; i < replies->size(); ++i) {
            const auto ip = pointer_append(rp, std::to_string(i));
            const json& r = (*replies)[i];
            if (!r.is_object()) {
                ck.error(ip, "a reply must be an object {\"account\", \"display_name\", \"text\"}, not " + describe(r),
                     "write {\"account\": …, \"display_name\": …, \"text\": …}");
                continue;
            }
            ck.check_keys(r, ip, {"account", "display_name", "text"});
            Reply reply;
            ck.string(r, ip, "account", reply.account, true);
            ck.text(r, ip, "display_name", reply.display_name, true);
            ck.text(r, ip, "text", reply.text, true);
            post.replies.push_back(std::move(reply));
        }
    }
}

// Options of single/multiple, or the spans of hottext (key = "spans").
void read_options(Checker& ck, const json& doc, const std::string& type, Scenario& out) {
    const bool spans = type == "hottext";
    const char* key = spans ? "spans" : "options";
    const auto p = pointer_append("", key);
    const json* v = ck.member(doc, key);
    if (!v) {
        ck.missing("", key, "`" + std::string(key) + "` is missing", spans ? "list the phrases of the post to tap" : "list 3 to 5 answer options");
        return;
    }
    if (!v->is_array()) {
        ck.error(p, "`" + std::string(key) + "` must be a list [ … ], not " + describe(*v),
                 "write \"" + std::string(key) + "\": [{…}, {…}, {…}]");
        return;
    }
    if (v->empty()) {
        ck.error(p, "`" + std::string(key) + "` is empty", spans ? "a hottext item needs 3 to 8 spans" : "an item needs 3 to 5 options");
        return;
    }
    const std::size_t lo = 3, hi = spans ? 8 : (type == "single" ? 5 : 8);
    if (v->size() < 2)
        ck.error(p, "`" + std::string(key) + "` has only one entry; there is nothing to choose", "add more");
    else if (v->size() < lo || v->size() > hi)
        ck.warning(p, "`" + std::string(key) + "` has " + std::to_string(v->size()) + " entries; a " + type + " item should have " +
                          std::to_string(lo) + " to " + std::to_string(hi),
                   v->size() < lo ? "add entries" : "remove entries, or split the item");

    std::vector<std::string> known = {"id", "text", "correct", "rationale", "clauses"};
    if (type != "single") known.push_back("weight");
    if (type != "single") known.push_back("acceptable");
    if (!spans) known.push_back("pinned");
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto ip = pointer_append(p, std::to_string(i));
        const json& o = (*v)[i];
        if (!o.is_object()) {
            ck.error(ip, "an entry of `" + std::string(key) + "` must be an object { … }, not " + describe(o),
                     "write {\"id\": …, \"text\": …, \"correct\": …, \"rationale\": …}");
            continue;
        }
        ck.check_keys(o, ip, known, {"weight", "pinned", "acceptable"}, type + " items");
        Option opt;
        if (ck.string(o, ip, "id", opt.id, true)) {
            if (opt.id.empty()) {
                ck.error(pointer_append(ip, "id"), "`id` is empty", "give each option a short id such as \"a\"");
            } else if (const auto it = seen.find(opt.id); it != seen.end()) {
                ck.error(pointer_append(ip, "id"), "id `" + clip(opt.id) + "` is used twice in this item (also " + key + "[" +
                                                       std::to_string(it->second) + "])",
                         "every option needs its own id");
            } else {
                seen.emplace(opt.id, i);
            }
        }
        ck.text(o, ip, "text", opt.text, true);
        ck.boolean(o, ip, "correct", opt.correct, true);
        if (type != "single" && ck.boolean(o, ip, "acceptable", opt.acceptable, false) && opt.acceptable && opt.correct)
            ck.error(pointer_append(ip, "acceptable"), "an entry cannot be both correct and acceptable",
                     "\"acceptable\": true is for a wrong-looking answer that a second reading defends; write \"correct\": false with it, "
                     "or remove \"acceptable\"");
        if (type != "single") ck.integer(o, ip, "weight", opt.weight, false, 1, kMaxWeight);
        ck.text(o, ip, "rationale", opt.rationale, true);
        ck.clause_list(o, ip, "clauses", opt.clauses, false);
        if (!spans) ck.boolean(o, ip, "pinned", opt.pinned, false);
        out.options.push_back(std::move(opt));
    }
    if (ck.errors() > 0) return;

    const auto correct = std::count_if(out.options.begin(), out.options.end(), [](const Option& o) { return o.correct; });
    const auto n = static_cast<long>(out.options.size());
    if (type == "single" && correct != 1)
        ck.error(p, "a single item needs exactly one correct option; this one has " + std::to_string(correct),
                 correct == 0 ? "mark the right answer with \"correct\": true" : "use type \"multiple\" if several answers are right");
    if (type != "single" && correct == 0)
        ck.error(p, "no entry is marked correct", "mark at least one with \"correct\": true");
    if (type == "multiple" && correct == n)
        ck.error(p, "every option is correct, so selecting everything scores full marks", "add at least one wrong option");
}

// Each span must be found in the post text of its language, and no two may share characters.
void check_spans(Checker& ck, Scenario& s) {
    if (!s.post) return;
    for (const bool english : {false, true}) {
        const std::string& post = english ? s.post->text.en : s.post->text.ja;
        if (english && post.empty()) continue;
        struct Range {
            std::size_t begin, end, index;
        };
        std::vector<Range> ranges;
        for (std::size_t i = 0; i < s.options.size(); ++i) {
            const std::string& phrase = english ? s.options[i].text.en : s.options[i].text.ja;
            if (phrase.empty()) continue;
            const auto p = "/spans/" + std::to_string(i) + "/text";
            const auto at = post.find(phrase);
            if (at == std::string::npos) {
                ck.error(p + (english ? "/en" : "/ja"),
                         std::string("span `") + s.options[i].id + "` is not in the " + (english ? "English" : "Japanese") +
                             " post text: \"" + clip(phrase, 60) + "\"",
                         std::string("copy the phrase exactly from post.text.") + (english ? "en" : "ja") +
                             ", with the same punctuation and full-width/half-width characters");
                continue;
            }
            ranges.push_back({at, at + phrase.size(), i});
        }
        std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
        for (std::size_t k = 1; k < ranges.size(); ++k) {
            if (ranges[k].begin < ranges[k - 1].end) {
                const auto& a = s.options[ranges[k - 1].index];
                const auto& b = s.options[ranges[k].index];
                ck.error("/spans/" + std::to_string(ranges[k].index) + "/text",
                         "span `" + b.id + "` overlaps span `" + a.id + "` in the " + (english ? "English" : "Japanese") + " post text",
                         "spans must not share characters; shorten one of them");
            }
        }
    }
}

// What a wrong kind was probably meant to be: its mark (ア), its citation (５（４）ア, 5(4)(a)) or a typo of the ID.
std::string kind_hint(const Checker& ck, const std::string& written) {
    for (std::size_t i = 0; i < kKindMarks.size(); ++i)
        if (written == kKindMarks[i]) return "write the kind's ID \"" + kKinds[i] + "\"";
    if (const auto id = ck.clause_for_label(written); contains(kKinds, id)) return "write the kind's ID \"" + id + "\"";
    const auto guess = ck.suggest(written, kKinds);
    return guess.empty() ? "the kinds are 5.4.a (ア) … 5.4.i (ケ)" : "did you mean `" + guess + "`?";
}

// `acceptable_kinds`: kinds whose choice or non-choice is neutral; never one of `kinds` (read before it).
void read_acceptable_kinds(Checker& ck, const json& doc, Scenario& out) {
    const json* list = ck.member(doc, "acceptable_kinds");
    if (!list) return;
    if (!list->is_array()) {
        ck.error("/acceptable_kinds", "`acceptable_kinds` must be a list of kind IDs, not " + describe(*list), "write [\"5.4.c\"] or remove it");
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto ip = "/acceptable_kinds/" + std::to_string(i);
        const json& k = (*list)[i];
        const std::string id = k.is_string() ? k.get<std::string>() : "";
        if (!k.is_string() || !contains(kKinds, id)) {
            ck.error(ip, k.is_string() ? "`" + clip(id) + "` is not one of the prohibited kinds 5.4.a … 5.4.i"
                                       : "a kind must be a text such as \"5.4.c\", not " + describe(k),
                     k.is_string() ? kind_hint(ck, id) : "write the kind's ID in quotes");
        } else if (contains(out.kinds, id)) {
            ck.error(ip, "kind `" + id + "` is in both `kinds` and `acceptable_kinds`",
                     "a kind is either part of the key (kinds) or neutral (acceptable_kinds); remove it from one of them");
        } else if (contains(out.acceptable_kinds, id)) {
            ck.warning(ip, "kind `" + id + "` is listed twice", "remove the second one");
        } else {
            out.acceptable_kinds.push_back(id);
        }
    }
}

void read_classify(Checker& ck, const json& doc, const Guideline& guideline, Scenario& out) {
    const json* kinds = ck.member(doc, "kinds");
    if (!kinds) {
        ck.missing("", "kinds", "`kinds` is missing", "list the kinds 5.4.a … 5.4.i that apply, or [] when none does");
    } else if (!kinds->is_array()) {
        ck.error("/kinds", "`kinds` must be a list of kind IDs, not " + describe(*kinds), "write [\"5.4.a\", \"5.4.h\"] or []");
    } else {
        for (std::size_t i = 0; i < kinds->size(); ++i) {
            const auto ip = "/kinds/" + std::to_string(i);
            const json& k = (*kinds)[i];
            if (!k.is_string()) {
                ck.error(ip, "a kind must be a text such as \"5.4.a\", not " + describe(k), "write the kind's ID in quotes");
                continue;
            }
            const auto id = k.get<std::string>();
            if (!contains(kKinds, id)) {
                ck.error(ip, "`" + clip(id) + "` is not one of the prohibited kinds 5.4.a … 5.4.i", kind_hint(ck, id));
            } else if (contains(out.kinds, id)) {
                ck.warning(ip, "kind `" + id + "` is listed twice", "remove the second one");
            } else {
                out.kinds.push_back(id);
            }
        }
    }
    read_acceptable_kinds(ck, doc, out);
    if (const json* kr = ck.member(doc, "kind_rationale")) {
        if (!kr->is_object()) {
            ck.error("/kind_rationale", "`kind_rationale` must be an object {\"5.4.a\": …}, not " + describe(*kr),
                     "write \"kind_rationale\": {\"5.4.a\": {\"ja\": …, \"en\": …}}");
        } else {
            for (auto it = kr->begin(); it != kr->end(); ++it) {
                const auto kp = pointer_append("/kind_rationale", it.key());
                if (!contains(kKinds, it.key())) {
                    ck.error(kp, "`" + clip(it.key()) + "` is not one of the prohibited kinds 5.4.a … 5.4.i", kind_hint(ck, it.key()));
                    continue;
                }
                Text t;
                if (ck.text(*kr, "/kind_rationale", it.key().c_str(), t, true)) out.kind_rationale[it.key()] = t;
            }
        }
    }
    // The nine kinds in guideline order, then the pinned "none of these".
    for (const auto& kind : kKinds) {
        Option o;
        o.id = kind;
        for (const auto& c : guideline.clauses) {
            if (c.id != kind) continue;
            o.text = !c.short_title.empty() ? c.short_title : !c.text.empty() ? c.text : Text{c.label, c.label};
        }
        if (o.text.empty()) o.text = Text{kind, kind};
        o.correct = contains(out.kinds, kind);
        o.acceptable = contains(out.acceptable_kinds, kind);
        if (const auto it = out.kind_rationale.find(kind); it != out.kind_rationale.end()) o.rationale = it->second;
        o.clauses = {kind};
        out.options.push_back(std::move(o));
    }
    Option none;
    none.id = "none";
    none.text = Text{"どれにも該当しない", "None of these"};
    none.correct = out.kinds.empty();
    none.pinned = true;
    out.options.push_back(std::move(none));
    for (std::size_t i = 0; i < out.acceptable_kinds.size(); ++i)
        if (!out.kind_rationale.count(out.acceptable_kinds[i]))
            ck.warning("/acceptable_kinds/" + std::to_string(i), "acceptable kind `" + out.acceptable_kinds[i] + "` has no `kind_rationale`",
                       "say in kind_rationale why this second reading is defensible, citing the clause's words");
}

void read_branching(Checker& ck, const json& doc, Scenario& out) {
    const int errors_before = ck.errors();
    ck.string(doc, "", "start", out.start, true);
    const json* nodes = ck.member(doc, "nodes");
    if (!nodes) {
        ck.missing("", "nodes", "`nodes` is missing", "list the steps and the ends of the incident");
        return;
    }
    if (!nodes->is_array()) {
        ck.error("/nodes", "`nodes` must be a list [ … ], not " + describe(*nodes), "write \"nodes\": [{…}, {…}]");
        return;
    }
    if (nodes->empty()) {
        ck.error("/nodes", "`nodes` is empty", "a branching item needs at least one step and one end");
        return;
    }
    if (nodes->size() > kMaxNodes) {
        ck.error("/nodes", "a branching item may have at most " + std::to_string(kMaxNodes) + " nodes; this one has " +
                               std::to_string(nodes->size()),
                 "split the incident into several items");
        return;
    }
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < nodes->size(); ++i) {
        const auto ip = "/nodes/" + std::to_string(i);
        const json& n = (*nodes)[i];
        Node node;
        if (!n.is_object()) {
            ck.error(ip, "a node must be an object { … }, not " + describe(n), "write {\"id\": …, \"text\": …, \"choices\": […]}");
            out.nodes.push_back(node);
            continue;
        }
        const bool end_ok = ck.boolean(n, ip, "end", node.end, false);
        ck.check_keys(n, ip, {"id", "end", "text", "choices", "cap"});
        if (ck.member(n, "cap")) {
            int cap = 0;
            if (end_ok && !node.end)
                ck.error(ip + "/cap", "only an end node can have a `cap`", "move the cap to the end node this step leads to, or remove it");
            else if (ck.integer(n, ip, "cap", cap, false, 0, kMaxPoints))
                node.cap = cap;
        }
        if (ck.string(n, ip, "id", node.id, true)) {
            if (node.id.empty()) ck.error(ip + "/id", "`id` is empty", "give each node a short id such as \"step-1\"");
            else if (const auto it = index.find(node.id); it != index.end())
                ck.error(ip + "/id", "node id `" + clip(node.id) + "` is used twice (also nodes[" + std::to_string(it->second) + "])",
                         "every node needs its own id");
            else index.emplace(node.id, i);
        }
        ck.text(n, ip, "text", node.text, true);
        const json* choices = ck.member(n, "choices");
        if (!end_ok) {  // whether it is an end is unknown, so its choices cannot be judged
            out.nodes.push_back(std::move(node));
            continue;
        }
        if (node.end) {
            if (choices) ck.error(ip + "/choices", "an end node has no choices", "remove `choices`, or remove \"end\": true");
            out.nodes.push_back(std::move(node));
            continue;
        }
        if (!choices) {
            ck.missing(ip, "choices", "node `" + node.id + "` has no `choices`", "add choices, or write \"end\": true if the story ends here");
        } else if (!choices->is_array()) {
            ck.error(ip + "/choices", "`choices` must be a list [ … ], not " + describe(*choices), "write \"choices\": [{…}, {…}]");
        } else if (choices->empty()) {
            ck.error(ip + "/choices", "`choices` is empty", "add 2 to 4 choices, or write \"end\": true if the story ends here");
        } else {
            if (choices->size() < 2 || choices->size() > 4)
                ck.warning(ip + "/choices", "a step should offer 2 to 4 choices; this one has " + std::to_string(choices->size()),
                           choices->size() < 2 ? "add a choice" : "remove choices, or split the step");
            std::set<std::string> seen;
            for (std::size_t j = 0; j < choices->size(); ++j) {
                const auto cp = ip + "/choices/" + std::to_string(j);
                const json& c = (*choices)[j];
                if (!c.is_object()) {
                    ck.error(cp, "a choice must be an object { … }, not " + describe(c),
                             "write {\"id\": …, \"text\": …, \"points\": …, \"next\": …, \"consequence\": …, \"rationale\": …}");
                    continue;
                }
                ck.check_keys(c, cp, {"id", "text", "points", "next", "consequence", "rationale", "clauses"});
                Choice choice;
                if (ck.string(c, cp, "id", choice.id, true)) {
                    if (choice.id.empty()) ck.error(cp + "/id", "`id` is empty", "give each choice a short id such as \"a\"");
                    else if (!seen.insert(choice.id).second)
                        ck.error(cp + "/id", "choice id `" + clip(choice.id) + "` is used twice in this node", "every choice of a node needs its own id");
                }
                ck.text(c, cp, "text", choice.text, true);
                ck.integer(c, cp, "points", choice.points, true, 0, kMaxPoints);
                ck.string(c, cp, "next", choice.next, true);
                ck.text(c, cp, "consequence", choice.consequence, true);
                ck.text(c, cp, "rationale", choice.rationale, true);
                ck.clause_list(c, cp, "clauses", choice.clauses, false);
                node.choices.push_back(std::move(choice));
            }
        }
        out.nodes.push_back(std::move(node));
    }
    if (ck.errors() > errors_before) return;

    // The graph: every `next` and the start exist; no loops; all reachable; an end reachable from everywhere.
    std::vector<std::string> ids;
    for (const auto& n : out.nodes) ids.push_back(n.id);
    auto did_you_mean = [&](const std::string& id) {
        if (ck.full()) return std::string();
        const auto g = ck.suggest(id, ids);
        return g.empty() ? "the nodes are: " + join(ids) : "did you mean `" + g + "`?";
    };
    bool graph_ok = true;
    if (!index.count(out.start)) {
        ck.error("/start", "the start node `" + clip(out.start) + "` does not exist", did_you_mean(out.start));
        graph_ok = false;
    }
    for (std::size_t i = 0; i < out.nodes.size(); ++i)
        for (std::size_t j = 0; j < out.nodes[i].choices.size(); ++j) {
            const auto& next = out.nodes[i].choices[j].next;
            if (!index.count(next)) {
                ck.error("/nodes/" + std::to_string(i) + "/choices/" + std::to_string(j) + "/next",
                         "choice `" + out.nodes[i].choices[j].id + "` leads to node `" + clip(next) + "`, which does not exist",
                         did_you_mean(next));
                graph_ok = false;
            }
        }
    if (!graph_ok) return;

    const std::size_t n = out.nodes.size();
    // Loops, by an iterative depth-first search from every node (a stack of (node, next choice)).
    std::vector<int> colour(n, 0);  // 0 unvisited, 1 on the current path, 2 done
    for (std::size_t root = 0; root < n && graph_ok; ++root) {
        if (colour[root]) continue;
        std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
        colour[root] = 1;
        while (!stack.empty() && graph_ok) {
            auto& [node, next_choice] = stack.back();
            if (next_choice >= out.nodes[node].choices.size()) {
                colour[node] = 2;
                stack.pop_back();
                continue;
            }
            const std::size_t choice = next_choice++;
            const std::size_t target = index.at(out.nodes[node].choices[choice].next);
            if (colour[target] == 1) {
                std::string loop;
                bool in_loop = false;
                for (const auto& frame : stack) {
                    if (frame.first == target) in_loop = true;
                    if (in_loop) loop += out.nodes[frame.first].id + " → ";
                }
                loop += out.nodes[target].id;
                ck.error("/nodes/" + std::to_string(node) + "/choices/" + std::to_string(choice) + "/next",
                         "the story goes round in a loop: " + loop, "every path must reach an end node; point this choice elsewhere");
                graph_ok = false;
            } else if (colour[target] == 0) {
                colour[target] = 1;
                stack.emplace_back(target, 0);
            }
        }
    }
    if (!graph_ok) return;

    std::vector<bool> reached(n, false);
    std::vector<std::size_t> todo{index.at(out.start)};
    reached[todo.front()] = true;
    while (!todo.empty()) {
        const auto at = todo.back();
        todo.pop_back();
        for (const auto& c : out.nodes[at].choices) {
            const auto t = index.at(c.next);
            if (!reached[t]) {
                reached[t] = true;
                todo.push_back(t);
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!reached[i])
            ck.error("/nodes/" + std::to_string(i), "node `" + out.nodes[i].id + "` cannot be reached from the start `" + out.start + "`",
                     "let a choice lead to it, or remove it");
    // No loops, so a step leads to an end exactly when one of its choices does; settle nodes until nothing changes.
    std::vector<bool> ends(n, false);
    for (std::size_t i = 0; i < n; ++i) ends[i] = out.nodes[i].end;
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (ends[i]) continue;
            for (const auto& c : out.nodes[i].choices)
                if (ends[index.at(c.next)]) {
                    ends[i] = changed = true;
                    break;
                }
        }
    }
    bool ends_ok = true;
    for (std::size_t i = 0; i < n; ++i)
        if (!ends[i] && reached[i]) {
            ck.error("/nodes/" + std::to_string(i), "from node `" + clip(out.nodes[i].id) + "` no end can be reached",
                     "add an end node ({\"id\": …, \"end\": true, \"text\": …}) and lead a choice to it");
            ends_ok = false;
        }
    if (!ends_ok) return;

    // Scoring looks for the best of all paths, so their number must stay small (a few steps of 2 to 4 choices make
    // at most a few hundred). Counted from the ends back, saturating, over the loop-free graph.
    std::vector<std::size_t> paths(n, 0);
    std::vector<bool> counted(n, false);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (counted[i]) continue;
            std::size_t sum = out.nodes[i].end ? 1 : 0;
            bool ready = true;
            for (const auto& c : out.nodes[i].choices) {
                const auto t = index.at(c.next);
                if (!counted[t]) {
                    ready = false;
                    break;
                }
                sum = std::min(sum + paths[t], kMaxPaths + 1);
            }
            if (!ready) continue;
            paths[i] = sum;
            counted[i] = changed = true;
        }
    }
    const std::size_t from_start = paths[index.at(out.start)];
    if (from_start > kMaxPaths) {
        ck.error("/nodes", "the story has more than " + std::to_string(kMaxPaths) + " different paths from start to end",
                 "a branching item is a short incident of a few steps; lead several choices to the same step, or split it into items");
        return;
    }
    // A cap above the item's best score never bites: the author meant something else.
    const int max = max_points(out);
    for (std::size_t i = 0; i < n; ++i)
        if (out.nodes[i].cap && *out.nodes[i].cap > max)
            ck.error("/nodes/" + std::to_string(i) + "/cap",
                     "`cap` is " + std::to_string(*out.nodes[i].cap) + ", more than the item's best score " + std::to_string(max),
                     "a cap is from 0 to " + std::to_string(max) + ": the most a path ending here may score");
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' || c == '.';
}

// The start of the string literal whose closing quote is at `close`.
std::size_t string_start(std::string_view s, std::size_t close) {
    for (std::size_t i = close; i-- > 0;) {
        if (s[i] != '"') continue;
        std::size_t backslashes = 0;
        while (i > backslashes && s[i - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return i;
    }
    return close;
}

// The start of the token whose last byte is at `at`, as nlohmann reports it.
std::size_t token_start(std::string_view s, std::size_t at) {
    if (at >= s.size()) return at;
    if (s[at] == '"') return string_start(s, at);
    if (!is_word_char(s[at])) return at;
    while (at > 0 && is_word_char(s[at - 1])) --at;
    return at;
}

// A bare word where JSON expects a value or a key (`True`, `correct:` without quotes, text after a closed quote).
SyntaxProblem invalid_word(std::string_view s, std::size_t at) {
    std::size_t begin = at, end = at;
    if (at < s.size() && is_word_char(s[at])) {
        while (begin > 0 && is_word_char(s[begin - 1])) --begin;
        while (end < s.size() && is_word_char(s[end])) ++end;
    } else {
        end = std::min(at + 1, s.size());
    }
    const std::string word(s.substr(begin, end - begin));
    std::string lower_word;
    for (const char c : word) lower_word.push_back(lower(c));
    std::size_t prev = begin;
    while (prev > 0 && (s[prev - 1] == ' ' || s[prev - 1] == '\t' || s[prev - 1] == '\r' || s[prev - 1] == '\n')) --prev;
    const char before = prev > 0 ? s[prev - 1] : '\0';
    std::size_t next = end;
    while (next < s.size() && (s[next] == ' ' || s[next] == '\t')) ++next;
    const char after = next < s.size() ? s[next] : '\0';

    if (word.size() == 1 && !is_word_char(word[0])) {
        const char c = word[0];
        if (c == '#') return {begin, "`#` does not start a comment in JSON", "write // for a comment"};
        if (c == '=') return {begin, "`=` between a key and its value; JSON uses `:`", "write \"key\": value"};
        if (c == ';') return {begin, "`;` between entries; JSON uses `,`", "separate entries with a comma ,"};
        return {begin, std::string("unexpected character `") + c + "`", "texts must be inside \"…\""};
    }
    if (lower_word == "true" || lower_word == "false" || lower_word == "null")
        return {begin, "`" + word + "` must be written in lower case", "write " + lower_word};
    if (after == ':')
        return {begin, "the key `" + clip(word) + "` is not in double quotes", "write \"" + clip(word) + "\""};
    if (before == '"')
        return {begin, "`" + clip(word) + "` is outside quotes: the text before it ends too early, or its closing quote is missing",
                "every text needs \" at both ends; write \\\" for a quote inside a text"};
    if (lower_word == "yes" || lower_word == "no")
        return {begin, "`" + word + "` is not a value JSON understands", std::string("write ") + (lower_word == "yes" ? "true" : "false")};
    return {begin, "`" + clip(word) + "` is not a value JSON understands", "put texts in double quotes: \"" + clip(word) + "\""};
}

// The innermost bracket (or quote) still open at the end of the text, or the `/*` of a comment never closed, or npos.
std::size_t innermost_unclosed(std::string_view s) {
    std::vector<std::size_t> open;
    std::size_t string_at = std::string_view::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (string_at != std::string_view::npos) {
            if (c == '\\') ++i;
            else if (c == '"') string_at = std::string_view::npos;
            continue;
        }
        if (c == '"') {
            string_at = i;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const auto end = s.find("*/", i + 2);
            if (end == std::string_view::npos) return i;  // everything after it is comment: that is what is open
            i = end + 1;
        } else if (c == '{' || c == '[') {
            open.push_back(i);
        } else if ((c == '}' || c == ']') && !open.empty()) {
            open.pop_back();
        }
    }
    if (string_at != std::string_view::npos) return string_at;
    return open.empty() ? std::string_view::npos : open.back();
}

// True when the text holds nothing but spaces and comments.
bool blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
            continue;
        }
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const auto end = s.find("*/", i + 2);
            if (end == std::string_view::npos) return false;
            i = end + 1;
            continue;
        }
        return false;
    }
    return true;
}

void report_syntax(Checker& ck, std::string_view body, const json::parse_error& e) {
    const std::size_t parser_at = e.byte > 0 ? std::min<std::size_t>(e.byte - 1, body.size()) : 0;
    const auto friendly = friendly_syntax_problem(body);
    // The friendly reading wins when it points where the parser stopped (a multi-byte character may put the parser a
    // few bytes further), unless the parser stopped earlier on an ASCII character of its own.
    const bool parser_first = friendly.offset > parser_at && parser_at < body.size() && static_cast<unsigned char>(body[parser_at]) < 0x80;
    if (friendly.offset != std::string_view::npos && friendly.offset <= parser_at + 3 && !parser_first) {
        ck.add(Severity::error, offset_to_location(body, friendly.offset), "", friendly.message, friendly.hint);
        return;
    }
    std::string detail = e.what();
    if (const auto colon = detail.find(": ", detail.find("column")); colon != std::string::npos) detail = detail.substr(colon + 2);
    for (const char* noise : {"syntax error while parsing ", "syntax error "})
        if (detail.rfind(noise, 0) == 0) detail = detail.substr(std::string_view(noise).size());
    auto has = [&](const char* what) { return detail.find(what) != std::string::npos; };
    std::size_t at = parser_at;
    std::string message = "the file is not valid JSON: " + detail;
    std::string hint = "look for a missing comma, quote or bracket at or just before this point";
    if (has("; expected end of input")) {
        at = token_start(body, parser_at);
        message = "there is more after the end of the item";
        hint = "the item's last } comes before this point; one file holds one item, so move the rest to a file of its own";
    } else if (parser_at >= body.size() || has("unexpected end of input") || has("missing closing '*/'")) {
        message = "the file ends too early: a bracket { [ or a quote is not closed";
        hint = "every { needs a }, every [ a ], every \" a closing \"";
        if (const auto open = innermost_unclosed(body); open != std::string_view::npos && body[open] == '/') {
            at = open;
            const auto loc = offset_to_location(body, open);
            message = "the comment /* on line " + std::to_string(loc.line) + ", column " + std::to_string(loc.column) +
                      " is never closed, so the rest of the file is read as part of it";
            hint = "end the comment with */ (or use // for a comment of one line)";
        } else if (open != std::string_view::npos) {
            const auto loc = offset_to_location(body, open);
            message = std::string("the file ends before the `") + body[open] + "` on line " + std::to_string(loc.line) + ", column " +
                      std::to_string(loc.column) + " is closed";
            hint = body[open] == '"' ? "close the text with \"" : std::string("add the missing `") + (body[open] == '{' ? '}' : ']') + "`";
        }
    } else if (has("invalid literal")) {
        const auto word = invalid_word(body, parser_at);
        at = word.offset;
        message = word.message;
        hint = word.hint;
    } else if ((has("expected '}'") || has("expected ']'")) && has("unexpected ") && !has("unexpected ':'") && !has("unexpected ','")) {
        at = token_start(body, parser_at);
        message = "a comma is missing before this entry";
        hint = "separate entries with a comma ,";
    } else if (has("expected ':'")) {
        at = token_start(body, parser_at);
        message = "a colon : is missing between the key and its value";
        hint = "write \"key\": value";
    } else if (has("unexpected ','") || has("unexpected ']'") || has("unexpected '}'")) {
        message = "a value is missing here";
        hint = "write a value after every `:` and between two commas";
    }
    ck.add(Severity::error, offset_to_location(body, at), "", message, hint);
}

json parse_json_text(std::string_view body) {
    return json::parse(std::string(body), nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
}

bool parse_document(Checker& ck, std::string_view body, const std::string& file, const Guideline& guideline, Scenario& out) {
    if (blank(body)) {
        ck.add(Severity::error, {1, 1}, "", "the file is empty", "a scenario file holds one item { … }; see scenarios/README.md");
        return false;
    }
    json doc;
    try {
        doc = parse_json_text(body);
    } catch (const json::parse_error& e) {
        report_syntax(ck, body, e);
        return false;
    }
    // nlohmann keeps the last of two equal keys without a word; for `correct` that silently flips the answer.
    for (const auto& d : find_duplicate_keys(body)) {
        const auto first = offset_to_location(body, d.first);
        ck.add(Severity::error, offset_to_location(body, d.offset), d.pointer,
               "`" + clip(d.key) + "` is written twice in the same object (first on line " + std::to_string(first.line) +
                   "); only one may stay",
               "remove one of them");
    }
    if (ck.errors() > 0) return false;
    if (!doc.is_object()) {
        ck.add(Severity::error, {1, 1}, "", "a scenario file must hold one object { … }, not " + describe(doc), "start the file with { and end it with }");
        return false;
    }

    std::string type;
    std::vector<std::string> all_type_keys = keys_for_type("");
    if (const json* t = ck.member(doc, "type"); t && t->is_string()) type = t->get<std::string>();
    const bool known_type = contains(kItemTypes, type);
    std::vector<std::string> known = kCommonKeys;
    for (const auto& k : keys_for_type(known_type ? type : "")) known.push_back(k);
    // The list of answers has a different name in hottext (`spans`) than in single and multiple (`options`).
    std::map<std::string, std::string> stand_ins;
    if (type == "hottext") stand_ins = {{"options", "spans"}};
    if (type == "single" || type == "multiple") stand_ins = {{"spans", "options"}};
    ck.check_keys(doc, "", known, all_type_keys, type + " items", stand_ins);

    if (ck.integer(doc, "", "schema", out.schema, true, INT_MIN, INT_MAX) && out.schema != 1)
        ck.error("/schema", "`schema` must be 1; this kiosk reads scenario format v1, not " + std::to_string(out.schema),
                 "write \"schema\": 1 and use the keys described in scenarios/README.md");

    if (ck.string(doc, "", "id", out.id, true)) {
        if (!valid_id(out.id)) {
            ck.error("/id", "`id` \"" + clip(out.id, 60) + "\" is not a valid id",
                     "use lower-case letters a-z, digits and '-', starting with a letter or digit, e.g. \"post-photo-01\"");
        } else if (!file.empty()) {
            const auto stem = fs::path(file).stem().string();
            if (stem != out.id)
                ck.warning("/id", "the file name `" + fs::path(file).filename().string() + "` does not match the id `" + out.id + "`",
                           "rename the file to " + out.id + ".json");
        }
    }
    if (ck.word(doc, "", "type", kItemTypes, type, true)) {
        out.type = type == "single" ? ItemType::single
                 : type == "multiple" ? ItemType::multiple
                 : type == "hottext" ? ItemType::hottext
                 : type == "classify" ? ItemType::classify
                                      : ItemType::branching;
    }
    std::string role;
    if (ck.word(doc, "", "role", kRoles, role, true)) out.role = role == "personal" ? Role::personal : Role::organization;

    if (const json* a = ck.member(doc, "audience"); !a) {
        ck.missing("", "audience", "`audience` is missing", "add \"audience\": [\"orientation\", \"refresher\"]");
    } else if (!a->is_array() || a->empty()) {
        ck.error("/audience", a->is_array() ? "`audience` is empty" : "`audience` must be a list, not " + describe(*a),
                 "choose from: " + join(kAudiences));
    } else {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const auto ip = "/audience/" + std::to_string(i);
            const json& x = (*a)[i];
            const std::string s = x.is_string() ? x.get<std::string>() : "";
            if (!contains(kAudiences, s)) {
                const auto guess = ck.suggest(s, kAudiences);
                ck.error(ip, x.is_string() ? "unknown audience \"" + clip(s) + "\"" : "an audience must be a text, not " + describe(x),
                         guess.empty() ? "choose from: " + join(kAudiences) : "did you mean `" + guess + "`?");
            } else if (contains(out.audience, s)) {
                ck.warning(ip, "audience `" + s + "` is listed twice", "remove the second one");
            } else {
                out.audience.push_back(s);
            }
        }
    }
    ck.integer(doc, "", "difficulty", out.difficulty, true, 1, 3);
    ck.clause_list(doc, "", "clauses", out.clauses, true);
    if (ck.text(doc, "", "title", out.title, true) && code_points(out.title.ja) > 30)
        ck.warning("/title", "the title is " + std::to_string(code_points(out.title.ja)) + " characters long; keep it to 30",
                   "the title appears in lists and reports; put details in `situation`");

    if (const json* s = ck.member(doc, "situation"); !s) {
        ck.missing("", "situation", "`situation` is missing", "add \"situation\": {\"who\": …, \"text\": …}");
    } else if (!s->is_object()) {
        ck.error("/situation", "`situation` must be an object {\"who\": …, \"text\": …}, not " + describe(*s),
                 "write \"situation\": {\"who\": {\"ja\": …, \"en\": …}, \"text\": {\"ja\": …, \"en\": …}}");
    } else {
        ck.check_keys(*s, "/situation", {"who", "where", "when", "text"});
        ck.text(*s, "/situation", "who", out.situation.who, true);
        ck.text(*s, "/situation", "where", out.situation.where, false);
        ck.text(*s, "/situation", "when", out.situation.when, false);
        ck.text(*s, "/situation", "text", out.situation.text, true);
    }
    if (const json* p = ck.member(doc, "post")) {
        out.post.emplace();
        read_post(ck, *p, "/post", *out.post);
    } else if (type == "hottext") {
        ck.missing("", "post", "a hottext item needs a `post`", "add the post whose phrases the learner taps");
    }
    ck.text(doc, "", "prompt", out.prompt, type != "branching");
    ck.text(doc, "", "explanation", out.explanation, true);

    if (type == "single") ck.integer(doc, "", "points", out.points, false, 0, kMaxPoints);
    if (const json* m = ck.member(doc, "mark")) {
        if (!m->is_number() || !(m->get<double>() > 0) || m->get<double>() > kMaxMark)
            ck.error("/mark", "`mark` must be a number greater than 0 (at most " + std::to_string(static_cast<int>(kMaxMark)) + "), not " + describe(*m),
                     "the item's mark in a course: 1 (the default) for most items, 2 for an item worth twice as much");
        else
            out.mark = m->get<double>();
    }
    if (type == "multiple" || type == "hottext" || type == "classify") {
        std::string scoring;
        if (ck.word(doc, "", "scoring", kScorings, scoring, false) && !scoring.empty())
            out.scoring = scoring == "all_or_nothing" ? Scoring::all_or_nothing : Scoring::partial;
    }
    if (type == "single" || type == "multiple" || type == "hottext") read_options(ck, doc, type, out);
    if (type == "hottext" && ck.errors() == 0) check_spans(ck, out);
    if (type == "classify") read_classify(ck, doc, guideline, out);
    if (type == "branching") read_branching(ck, doc, out);
    return ck.errors() == 0;
}

} // namespace

bool parse_scenario(std::string_view text, const std::string& file, const Guideline& guideline, Scenario& out,
                    std::vector<Diagnostic>& diags) {
    out = Scenario{};
    out.file = file;
    std::string_view body = text;
    const bool has_bom = body.substr(0, 3) == "\xEF\xBB\xBF";
    if (has_bom) body.remove_prefix(3);  // locations are counted as an editor shows them, without the BOM
    Checker ck(body, file, guideline, diags);
    try {
        if (text.size() > kMaxFileBytes) {
            std::ostringstream size;
            size.precision(1);
            size << std::fixed << static_cast<double>(text.size()) / (1024.0 * 1024.0);
            ck.add(Severity::error, {}, "", "the file is too large (" + size.str() + " MB); a scenario file may be at most 1 MB",
                   "one file holds one item; remove pasted data or split it");
            return false;
        }
        out.content_hash = sha256_hex(text);
        if (has_bom)
            ck.add(Severity::warning, {1, 1}, "", "the file starts with a byte order mark (BOM); it is accepted",
                   "save as \"UTF-8\" rather than \"UTF-8 with BOM\"");
        if (const auto other = not_utf8_text(text); !other.empty()) {
            ck.add(Severity::error, {1, 1}, "", other, "save the file as UTF-8 text (in Notepad or VS Code choose the encoding \"UTF-8\")");
            return false;
        }
        if (const auto nul = body.find('\0'); nul != std::string_view::npos) {
            ck.add(Severity::error, offset_to_location(body, nul), "", "the file contains a NUL byte (character 0); it is not plain text",
                   "save the file as UTF-8 text; if it was pasted from another program, retype the text around this point");
            return false;
        }
        if (const auto bad = first_invalid_utf8(body); bad != std::string_view::npos) {
            const auto loc = offset_to_location(body, bad);
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(body[bad]));
            ck.add(Severity::error, loc, "",
                   "line " + std::to_string(loc.line) + " is not valid UTF-8 (byte " + byte + ")" +
                       (looks_like_shift_jis(body, bad) ? "; the file looks like it was saved as Shift-JIS" : ""),
                   "save the file as UTF-8 (in Notepad or VS Code choose the encoding \"UTF-8\")");
            return false;
        }
        if (const auto deep = too_deep_at(body); deep != std::string_view::npos) {
            ck.add(Severity::error, offset_to_location(body, deep), "",
                   "the file is nested deeper than " + std::to_string(kMaxDepth) + " levels and was not read",
                   "a scenario needs only a few levels of { } and [ ]; look for brackets that are never closed");
            return false;
        }
        const bool ok = parse_document(ck, body, file, guideline, out);
        ck.finish();
        return ok;
    } catch (const std::exception& e) {
        ck.add(Severity::error, {}, "", std::string("the file could not be read: ") + e.what(),
               "this is a fault in the kiosk, not in the file; keep the file and report it");
        return false;
    }
}

namespace {

// Every .json file under `dir`; a folder that cannot be read is a diagnostic (its items would otherwise vanish unseen).
// Symbolic links to folders are not followed, so a link loop cannot recurse forever.
void collect_json_files(const fs::path& dir, std::vector<std::string>& found, std::vector<Diagnostic>& diagnostics) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    const auto unreadable = [&](const std::error_code& why) {
        diagnostics.push_back({Severity::error, dir.string(), 0, 0, "",
                               "this folder cannot be read (" + why.message() + "); the scenarios in it are not loaded",
                               "give the kiosk's user read access to the folder (chmod a+rx, or change its owner)"});
    };
    if (ec) {
        unreadable(ec);
        return;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        std::error_code entry_ec;
        if (it->is_directory(entry_ec) && !it->is_symlink(entry_ec)) collect_json_files(it->path(), found, diagnostics);
        else if (it->is_regular_file(entry_ec) && it->path().extension() == ".json") found.push_back(it->path().string());
    }
    if (ec) unreadable(ec);
}

} // namespace

ScenarioLoadResult load_scenarios(const std::vector<std::string>& paths, const Guideline& guideline) {
    ScenarioLoadResult result;
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> found;
            collect_json_files(path, found, result.diagnostics);
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(path, ec)) {
            files.push_back(path);
        } else {
            result.diagnostics.push_back({Severity::error, path, 0, 0, "", "no such file or directory", ""});
        }
    }

    std::map<std::string, std::string> first_file_of_id;
    for (const auto& file : files) {
        ++result.files_read;
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        if (!ec && size > kMaxFileBytes) {
            std::ostringstream mb;
            mb.precision(1);
            mb << std::fixed << static_cast<double>(size) / (1024.0 * 1024.0);
            result.diagnostics.push_back({Severity::error, file, 0, 0, "",
                                          "the file is too large (" + mb.str() + " MB); a scenario file may be at most 1 MB",
                                          "one file holds one item; remove pasted data or split it"});
            result.skipped_files.push_back(file);
            continue;
        }
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in && !in.eof()) {
            result.diagnostics.push_back({Severity::error, file, 0, 0, "", "the file cannot be read", "check its permissions"});
            result.skipped_files.push_back(file);
            continue;
        }
        const std::string text = bytes.str();
        Scenario s;
        if (!parse_scenario(text, file, guideline, s, result.diagnostics)) {
            result.skipped_files.push_back(file);
            continue;
        }
        if (const auto it = first_file_of_id.find(s.id); it != first_file_of_id.end()) {
            std::string_view body = text;
            if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
            const auto loc = locate_pointer(body, "/id");
            result.diagnostics.push_back({Severity::error, file, loc.line, loc.column, "/id",
                                          "id `" + s.id + "` is already used by " + it->second, "every item needs its own id"});
            result.skipped_files.push_back(file);
            continue;
        }
        first_file_of_id.emplace(s.id, file);
        result.scenarios.push_back(std::move(s));
    }
    std::sort(result.scenarios.begin(), result.scenarios.end(), [](const Scenario& a, const Scenario& b) { return a.id < b.id; });
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        return a.column < b.column;
    });
    return result;
}

} // namespace kiosk
