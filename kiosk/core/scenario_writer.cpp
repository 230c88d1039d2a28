// Scenario documents for the authoring window: parsing with comments, the shipped key order, atomic writes, templates.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif
#include "scenario_writer.hpp"

#include "json_location.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace kiosk {

namespace {

using Order = std::vector<std::string_view>;

const Order kTop = {"schema", "id", "type", "role", "audience", "difficulty", "clauses", "title", "situation", "post", "prompt",
                    "explanation", "points", "mark", "scoring", "options", "spans", "kinds", "acceptable_kinds",
                    "kind_rationale", "start", "nodes"};
const Order kText = {"ja", "en"};
const Order kSituation = {"who", "where", "when", "text"};
const Order kPost = {"account", "display_name", "official", "text", "image", "replies"};
const Order kReply = {"account", "display_name", "text"};
const Order kOption = {"id", "text", "correct", "acceptable", "weight", "pinned", "rationale", "clauses"};
const Order kNode = {"id", "text", "end", "cap", "choices"};
const Order kChoice = {"id", "text", "points", "next", "consequence", "rationale", "clauses"};

void reorder(ordered_json& obj, const Order& order) {
    if (!obj.is_object()) return;
    ordered_json out = ordered_json::object();
    for (auto k : order)
        if (auto it = obj.find(std::string(k)); it != obj.end()) out[std::string(k)] = std::move(*it);
    for (auto& [k, v] : obj.items())
        if (std::find(order.begin(), order.end(), k) == order.end()) out[k] = std::move(v);
    obj = std::move(out);
}

void reorder_texts(ordered_json& obj) {
    if (!obj.is_object()) return;
    for (auto& [k, v] : obj.items())
        if (v.is_object() && (v.contains("ja") || v.contains("en"))) reorder(v, kText);
}

void reorder_list(ordered_json& obj, const char* key, const Order& order) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_array()) return;
    for (auto& e : *it) {
        reorder(e, order);
        reorder_texts(e);
    }
}

// True when `text` has a comment after byte `from` (outside strings).
bool has_comment_after(std::string_view text, std::size_t from) {
    bool in_string = false;
    for (std::size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
            return true;
        }
    }
    return false;
}

ordered_json text_value(const char* ja = "", const char* en = "") { return ordered_json{{"ja", ja}, {"en", en}}; }

} // namespace

void canonical_order(ordered_json& root) {
    reorder(root, kTop);
    reorder_texts(root);
    if (auto it = root.find("situation"); it != root.end()) {
        reorder(*it, kSituation);
        reorder_texts(*it);
    }
    if (auto it = root.find("post"); it != root.end()) {
        reorder(*it, kPost);
        reorder_texts(*it);
        reorder_list(*it, "replies", kReply);
    }
    reorder_list(root, "options", kOption);
    reorder_list(root, "spans", kOption);
    if (auto it = root.find("kind_rationale"); it != root.end()) reorder_texts(*it);
    if (auto it = root.find("nodes"); it != root.end() && it->is_array()) {
        for (auto& n : *it) {
            reorder(n, kNode);
            reorder_texts(n);
            reorder_list(n, "choices", kChoice);
        }
    }
}

bool parse_document(std::string_view text, ScenarioDocument& out, std::string& error) {
    out = ScenarioDocument{};
    std::size_t pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
    std::vector<std::string> header;
    // Header: the comment lines (and blank lines) before the first '{'.
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos) {
            pos = eol + 1;
            continue;
        }
        if (line.substr(first, 2) != "//") break;
        std::string_view rest = line.substr(first + 2);
        if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        header.emplace_back(rest);
        pos = eol + 1;
    }
    for (std::size_t i = 0; i < header.size(); ++i) out.header += (i ? "\n" : "") + header[i];
    try {
        out.root = ordered_json::parse(text.begin() + static_cast<std::ptrdiff_t>(std::min(pos, text.size())), text.end(), nullptr, true, true);
    } catch (const nlohmann::json::parse_error& e) {
        const TextLocation loc = offset_to_location(text, std::min(text.size(), pos + (e.byte ? e.byte - 1 : 0)));
        error = std::to_string(loc.line) + ":" + std::to_string(loc.column) + ": " + e.what();
        return false;
    }
    if (!out.root.is_object()) {
        error = "1:1: the file must hold one object { … }";
        return false;
    }
    out.hand_comments = has_comment_after(text, pos);
    return true;
}

std::string render_document(const ScenarioDocument& doc) {
    ordered_json root = doc.root;
    canonical_order(root);
    std::string out;
    std::string header = doc.header;
    if (header.empty()) header = root.value("id", std::string("new item"));
    std::istringstream lines(header);
    for (std::string line; std::getline(lines, line);) out += line.empty() ? "//\n" : "// " + line + "\n";
    out += root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    out += "\n";
    return out;
}

bool read_whole_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
    const std::string tmp = path + ".saving";
    {
        std::FILE* f = std::fopen(tmp.c_str(), "wb");
        if (!f) {
            error = tmp + ": cannot be created (is the folder writable?)";
            return false;
        }
        const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0;
        if (std::fclose(f) != 0 || !ok) {
            error = tmp + ": could not be written completely (is the disk full?)";
            std::remove(tmp.c_str());
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        error = path + ": " + ec.message();
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

std::string autosave_path(const std::string& path) {
    const fs::path p(path);
    return (p.parent_path() / ("." + p.filename().string() + ".autosave")).string();
}

ScenarioDocument make_template(ItemType type, const std::string& id) {
    ScenarioDocument d;
    d.header = id;
    ordered_json& r = d.root;
    r["schema"] = 1;
    r["id"] = id;
    r["type"] = to_string(type);
    r["role"] = "organization";
    r["audience"] = ordered_json::array({"refresher"});
    r["difficulty"] = 1;
    r["clauses"] = ordered_json::array();
    r["title"] = text_value();
    r["situation"] = ordered_json{{"who", text_value()}, {"text", text_value()}};
    const bool needs_post = type == ItemType::hottext || type == ItemType::classify;
    if (needs_post)
        r["post"] = ordered_json{{"account", "chiyoda_city_official"},
                                 {"display_name", text_value("千代田区（公式）", "Chiyoda City (official)")},
                                 {"official", true},
                                 {"text", text_value()}};
    if (type != ItemType::branching) r["prompt"] = text_value();
    r["explanation"] = text_value();
    auto option = [](const std::string& oid, bool correct) {
        return ordered_json{{"id", oid}, {"text", text_value()}, {"correct", correct}, {"rationale", text_value()}};
    };
    switch (type) {
    case ItemType::single:
        r["points"] = 1;
        r["options"] = ordered_json::array({option("a", true), option("b", false), option("c", false)});
        break;
    case ItemType::multiple:
        r["scoring"] = "partial";
        r["options"] = ordered_json::array({option("a", true), option("b", true), option("c", false), option("d", false)});
        break;
    case ItemType::hottext:
        r["scoring"] = "partial";
        r["spans"] = ordered_json::array();
        break;
    case ItemType::classify:
        r["kinds"] = ordered_json::array();
        r["kind_rationale"] = ordered_json::object();
        break;
    case ItemType::branching: {
        auto choice = [](const char* cid, int points, const char* next) {
            return ordered_json{{"id", cid}, {"text", text_value()}, {"points", points}, {"next", next},
                                {"consequence", text_value()}, {"rationale", text_value()}};
        };
        r["start"] = "n1";
        r["nodes"] = ordered_json::array(
            {ordered_json{{"id", "n1"}, {"text", text_value()}, {"choices", ordered_json::array({choice("c1", 2, "end_good"), choice("c2", 0, "end_bad")})}},
             ordered_json{{"id", "end_good"}, {"text", text_value()}, {"end", true}},
             ordered_json{{"id", "end_bad"}, {"text", text_value()}, {"end", true}}});
        break;
    }
    }
    return d;
}

} // namespace kiosk
