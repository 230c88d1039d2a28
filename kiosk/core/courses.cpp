// Courses: loading and checking content/courses.json, and the per-attempt draw of items (missed, unseen, stratified).
#include "courses.hpp"

#include "scoring.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kiosk {

namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------------------------
// Loading

// Line and column (code points) of a byte offset, for JSON syntax errors.
void locate_offset(const std::string& text, std::size_t offset, int& line, int& column) {
    line = 1;
    column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;  // count code points, not UTF-8 continuation bytes
        }
    }
}

class CourseReader {
public:
    CourseReader(const std::string& file, const Guideline& g, std::vector<Diagnostic>& diags) : file_(file), guideline_(g), diags_(diags) {}

    void error(const std::string& pointer, std::string message, std::string hint = "") { add(Severity::error, pointer, std::move(message), std::move(hint)); }
    void warning(const std::string& pointer, std::string message, std::string hint = "") { add(Severity::warning, pointer, std::move(message), std::move(hint)); }

    // Returns false (and reports) when the course cannot be used.
    bool read(const json& j, const std::string& at, Course& c) {
        const std::size_t errors_before = error_count();
        if (!j.is_object()) {
            error(at, "a course must be an object { ... }");
            return false;
        }
        static const std::set<std::string> known = {"id", "title", "description", "feedback", "audience", "sections", "items", "draw",
                                                    "stratify", "pass_percent", "valid_days", "records_completion", "allow_back",
                                                    "marks"};
        for (const auto& [key, value] : j.items())
            if (!known.count(key)) warning(at + "/" + key, "unknown key \"" + key + "\" is ignored", "check the spelling against content/README.md");

        if (!string_field(j, at, "id", c.id, true)) return false;
        if (c.id.empty() || c.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
            error(at + "/id", "a course id uses only a-z, 0-9 and '-'", "for example \"refresher\"");
        text_field(j, at, "title", c.title);
        text_field(j, at, "description", c.description);

        std::string feedback;
        if (string_field(j, at, "feedback", feedback, true)) {
            if (feedback == "learning") c.feedback = FeedbackMode::learning;
            else if (feedback == "exam") c.feedback = FeedbackMode::exam;
            else error(at + "/feedback", "feedback must be \"learning\" (after each answer) or \"exam\" (only at the end)");
        }
        string_field(j, at, "audience", c.audience, false);
        if (!c.audience.empty() && c.audience != "orientation" && c.audience != "refresher" && c.audience != "operator")
            error(at + "/audience", "audience must be \"orientation\", \"refresher\", \"operator\" or \"\" (every item)");

        string_list(j, at, "sections", c.sections);
        for (std::size_t i = 0; i < c.sections.size(); ++i) check_section(at + "/sections/" + std::to_string(i), c.sections[i]);
        string_list(j, at, "stratify", c.stratify);
        for (std::size_t i = 0; i < c.stratify.size(); ++i) check_section(at + "/stratify/" + std::to_string(i), c.stratify[i]);
        string_list(j, at, "items", c.items);

        int_field(j, at, "draw", c.draw, 0, 1000);
        int_field(j, at, "pass_percent", c.pass_percent, 0, 100, true);
        int_field(j, at, "valid_days", c.valid_days, 0, 36500);
        bool_field(j, at, "records_completion", c.records_completion);
        bool_field(j, at, "allow_back", c.allow_back);
        marks_field(j, at, c.marks);

        if (!c.stratify.empty() && c.draw == 0)
            warning(at + "/stratify", "stratify only matters for a draw; with draw 0 every eligible item is presented");
        if (static_cast<int>(c.stratify.size()) > c.draw && c.draw > 0)
            error(at + "/stratify", "a draw of " + std::to_string(c.draw) + " items cannot cover " + std::to_string(c.stratify.size()) + " sections");
        if (!c.items.empty() && (c.draw > 0 || !c.audience.empty() || !c.sections.empty()))
            warning(at + "/items", "a fixed item list replaces the draw: audience, sections and draw are not used");
        if (!c.records_completion && c.valid_days > 0)
            warning(at + "/valid_days", "a course that records no completion has nothing to expire");
        return error_count() == errors_before;
    }

private:
    void add(Severity s, const std::string& pointer, std::string message, std::string hint) {
        Diagnostic d;
        d.severity = s;
        d.file = file_;
        d.pointer = pointer;
        d.message = std::move(message);
        d.hint = std::move(hint);
        diags_.push_back(std::move(d));
    }
    std::size_t error_count() const {
        return static_cast<std::size_t>(std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
    }

    bool string_field(const json& j, const std::string& at, const char* key, std::string& out, bool required) {
        const auto it = j.find(key);
        if (it == j.end()) {
            if (required) error(at, std::string("missing required key \"") + key + "\"");
            return false;
        }
        if (!it->is_string()) {
            error(at + "/" + key, std::string("\"") + key + "\" must be a string");
            return false;
        }
        out = it->get<std::string>();
        return true;
    }
    void text_field(const json& j, const std::string& at, const char* key, Text& out) {
        const auto it = j.find(key);
        const std::string p = at + "/" + key;
        if (it == j.end()) {
            error(at, std::string("missing required key \"") + key + "\"", "give {\"ja\": \"...\", \"en\": \"...\"}");
            return;
        }
        if (it->is_string()) {
            out.ja = it->get<std::string>();
            warning(p, "English text is missing", "give {\"ja\": \"...\", \"en\": \"...\"}");
        } else if (it->is_object()) {
            if (const auto ja = it->find("ja"); ja != it->end() && ja->is_string()) out.ja = ja->get<std::string>();
            if (const auto en = it->find("en"); en != it->end() && en->is_string()) out.en = en->get<std::string>();
            if (out.ja.empty()) error(p + "/ja", "Japanese text is required");
            if (out.en.empty()) warning(p + "/en", "English text is missing");
        } else {
            error(p, std::string("\"") + key + "\" must be a text: a string or {\"ja\": ..., \"en\": ...}");
        }
    }
    void string_list(const json& j, const std::string& at, const char* key, std::vector<std::string>& out) {
        const auto it = j.find(key);
        if (it == j.end()) return;
        if (!it->is_array()) {
            error(at + "/" + key, std::string("\"") + key + "\" must be an array of strings");
            return;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const auto& v = (*it)[i];
            const std::string p = at + "/" + key + "/" + std::to_string(i);
            if (!v.is_string()) {
                error(p, "must be a string");
                continue;
            }
            const auto s = v.get<std::string>();
            if (!seen.insert(s).second) {
                warning(p, "\"" + s + "\" is listed twice");
                continue;
            }
            out.push_back(s);
        }
    }
    void int_field(const json& j, const std::string& at, const char* key, int& out, int lo, int hi, bool required = false) {
        const auto it = j.find(key);
        if (it == j.end()) {
            if (required) error(at, std::string("missing required key \"") + key + "\"");
            return;
        }
        if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
            error(at + "/" + key, std::string("\"") + key + "\" must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
            return;
        }
        out = it->get<int>();
    }
    // "marks": {"ITEM-ID": 2}: each a number greater than 0.
    void marks_field(const json& j, const std::string& at, std::map<std::string, double>& out) {
        const auto it = j.find("marks");
        if (it == j.end()) return;
        if (!it->is_object()) {
            error(at + "/marks", "\"marks\" must be an object {\"ITEM-ID\": 2, ...}", "give each item whose mark differs from its own");
            return;
        }
        for (const auto& [id, v] : it->items()) {
            if (!v.is_number() || !(v.get<double>() > 0) || v.get<double>() > 100) {
                error(at + "/marks/" + id, "the mark of \"" + id + "\" must be a number greater than 0 (at most 100)",
                      "for example 2 for an item worth twice as much as one with mark 1");
                continue;
            }
            out[id] = v.get<double>();
        }
    }
    void bool_field(const json& j, const std::string& at, const char* key, bool& out) {
        const auto it = j.find(key);
        if (it == j.end()) return;
        if (!it->is_boolean()) {
            error(at + "/" + key, std::string("\"") + key + "\" must be true or false");
            return;
        }
        out = it->get<bool>();
    }
    void check_section(const std::string& pointer, const std::string& id) {
        if (guideline_.clauses.empty()) return;  // the guideline itself failed to load; its own diagnostics say so
        for (const auto& c : guideline_.clauses)
            if (c.id == id && c.depth == 0) return;
        error(pointer, "\"" + id + "\" is not a top-level section of the guideline", "use a section number such as \"4\"");
    }

    const std::string& file_;
    const Guideline& guideline_;
    std::vector<Diagnostic>& diags_;
};

// ---------------------------------------------------------------------------------------------------------------
// Drawing

std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// A tie-break key for an item under a seed: stable across builds (FNV-1a of the id, mixed with the seed).
std::uint64_t tie_key(const std::string& id, std::uint64_t seed) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char ch : id) {
        h ^= static_cast<unsigned char>(ch);
        h *= 0x100000001b3ULL;
    }
    return mix(h ^ mix(seed));
}

} // namespace

// The top-level section of a clause: from the guideline, or the id's first part when the guideline lacks it.
std::string section_of_clause(const Guideline& g, const std::string& clause_id) {
    for (const auto& c : g.clauses)
        if (c.id == clause_id) return c.section.empty() ? clause_id : c.section;
    const auto dot = clause_id.find('.');
    return dot == std::string::npos ? clause_id : clause_id.substr(0, dot);
}

std::vector<Course> load_courses(const std::string& path, const Guideline& guideline, std::vector<Diagnostic>& diags) {
    std::vector<Course> out;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Diagnostic d;
        d.file = path;
        d.message = "the course file cannot be read";
        d.hint = "content/courses.json must exist and be readable";
        diags.push_back(std::move(d));
        return out;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();

    CourseReader reader(path, guideline, diags);
    json doc;
    try {
        doc = json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        Diagnostic d;
        d.file = path;
        locate_offset(text, e.byte > 0 ? e.byte - 1 : 0, d.line, d.column);
        d.message = "the course file is not valid JSON";
        d.hint = "check for a missing comma or quote near this place";
        diags.push_back(std::move(d));
        return out;
    }
    if (!doc.is_object() || !doc.contains("courses") || !doc["courses"].is_array()) {
        reader.error("", "the course file must be an object with a \"courses\" array", "see content/README.md");
        return out;
    }
    if (const auto schema = doc.find("schema"); schema == doc.end() || !schema->is_number_integer() || schema->get<int>() != 1)
        reader.error("/schema", "\"schema\" must be 1");

    std::set<std::string> ids;
    const auto& list = doc["courses"];
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "/courses/" + std::to_string(i);
        Course c;
        if (!reader.read(list[i], at, c)) continue;
        if (!ids.insert(c.id).second) {
            reader.error(at + "/id", "course id \"" + c.id + "\" is used twice");
            continue;
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<const Scenario*> draw_items(const Course& course, const std::vector<Scenario>& bank, const Guideline& guideline,
                                        const std::vector<PastResponse>& history, std::uint64_t seed) {
    std::vector<const Scenario*> out;
    // A fixed list: in its order, each item once, unknown ids skipped (load_content reports them).
    if (!course.items.empty()) {
        std::set<std::string> taken;
        for (const auto& id : course.items) {
            if (taken.count(id)) continue;
            for (const auto& s : bank)
                if (s.id == id) {
                    out.push_back(&s);
                    taken.insert(id);
                    break;
                }
        }
        return out;
    }

    // Eligible: audience and sections match; no id twice (the loader already refuses duplicate ids).
    std::vector<const Scenario*> eligible;
    std::set<std::string> ids;
    for (const auto& s : bank) {
        if (s.clauses.empty() || !ids.insert(s.id).second) continue;
        if (!course.audience.empty() && !s.has_audience(course.audience)) continue;
        if (!course.sections.empty()) {
            const std::string sec = section_of_clause(guideline, s.primary_clause());
            if (std::find(course.sections.begin(), course.sections.end(), sec) == course.sections.end()) continue;
        }
        eligible.push_back(&s);
    }

    // Section order of the guideline; sections it does not know go last, by id.
    std::map<std::string, std::size_t> section_rank;
    for (const auto& c : guideline.clauses)
        if (c.depth == 0 && !section_rank.count(c.id)) section_rank.emplace(c.id, section_rank.size());
    auto rank_of = [&](const std::string& sec) {
        const auto it = section_rank.find(sec);
        return it == section_rank.end() ? section_rank.size() : it->second;
    };

    if (course.draw <= 0) {
        std::stable_sort(eligible.begin(), eligible.end(), [&](const Scenario* a, const Scenario* b) {
            const std::string sa = section_of_clause(guideline, a->primary_clause());
            const std::string sb = section_of_clause(guideline, b->primary_clause());
            const auto ra = rank_of(sa), rb = rank_of(sb);
            if (ra != rb) return ra < rb;
            if (sa != sb) return sa < sb;
            const auto ka = tie_key(a->id, seed), kb = tie_key(b->id, seed);
            return ka != kb ? ka < kb : a->id < b->id;
        });
        return eligible;
    }

    // The person's latest answer to each item decides whether its clauses count as missed.
    std::map<std::string, const PastResponse*> latest;
    for (const auto& r : history) {
        auto& slot = latest[r.item_id];
        if (!slot || r.answered_at >= slot->answered_at) slot = &r;
    }
    // Missed: the clauses of what the person got wrong in that answer (as the results list them), not every tag.
    std::set<std::string> missed;
    for (const auto& [item_id, r] : latest) {
        if (r->points >= r->max_points) continue;
        for (const auto& s : bank) {
            if (s.id != item_id) continue;
            Response answered;
            std::vector<std::string> wrong;
            if (Response::from_json(r->response_json, answered)) wrong = missed_clauses(s, answered);
            if (wrong.empty() && !s.clauses.empty()) wrong.push_back(s.primary_clause());
            missed.insert(wrong.begin(), wrong.end());
        }
    }
    // 0 = on a missed clause, 1 = never seen, 2 = the rest.
    auto tier = [&](const Scenario* s) {
        for (const auto& c : s->clauses)
            if (missed.count(c)) return 0;
        return latest.count(s->id) ? 2 : 1;
    };
    auto before = [&](const Scenario* a, const Scenario* b) {
        const int ta = tier(a), tb = tier(b);
        if (ta != tb) return ta < tb;
        const auto ka = tie_key(a->id, seed), kb = tie_key(b->id, seed);
        return ka != kb ? ka < kb : a->id < b->id;
    };
    std::sort(eligible.begin(), eligible.end(), before);

    // Every stratified section first (its best-priority item), then fill by priority.
    std::vector<const Scenario*> chosen;
    std::set<const Scenario*> taken;
    const auto n = static_cast<std::size_t>(course.draw);
    for (const auto& sec : course.stratify) {
        if (chosen.size() >= n) break;
        for (const Scenario* s : eligible)
            if (!taken.count(s) && section_of_clause(guideline, s->primary_clause()) == sec) {
                chosen.push_back(s);
                taken.insert(s);
                break;
            }
    }
    for (const Scenario* s : eligible) {
        if (chosen.size() >= n) break;
        if (taken.insert(s).second) chosen.push_back(s);
    }
    // Presented in priority order: what the person missed before comes first.
    std::sort(chosen.begin(), chosen.end(), before);
    return chosen;
}

double item_mark(const Course& course, const Scenario& s) {
    if (const auto it = course.marks.find(s.id); it != course.marks.end()) return it->second;
    return s.mark > 0 ? s.mark : 1.0;
}

} // namespace kiosk
