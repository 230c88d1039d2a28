// Loads and looks up the UI string tables.
#include "strings.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace kiosk {

namespace {

bool load_table(const std::string& path, std::map<std::string, std::string, std::less<>>& out, std::vector<Diagnostic>& diags) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.push_back({Severity::error, path, 0, 0, "", "the UI string table is missing", "reinstall the content directory"});
        return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        const auto j = nlohmann::json::parse(ss.str(), nullptr, true, true);
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
            else diags.push_back({Severity::error, path, 0, 0, "/" + it.key(), "a UI string must be a string", ""});
        }
    } catch (const nlohmann::json::exception& e) {
        diags.push_back({Severity::error, path, 0, 0, "", std::string("the UI string table is not valid JSON: ") + e.what(), ""});
        return false;
    }
    return true;
}

} // namespace

bool StringTable::load(const std::string& dir, std::vector<Diagnostic>& diags) {
    const bool a = load_table(dir + "/ja.json", ja_, diags);
    const bool b = load_table(dir + "/en.json", en_, diags);
    return a && b;
}

const std::string& StringTable::get(Lang lang, std::string_view key) const {
    const auto& table = lang == Lang::en ? en_ : ja_;
    if (auto it = table.find(key); it != table.end()) return it->second;
    if (auto it = ja_.find(key); it != ja_.end()) return it->second;
    auto [it, inserted] = unknown_.emplace(std::string(key), std::string(key));
    return it->second;
}

std::string replace_placeholders(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> args) {
    for (const auto& [name, value] : args) {
        const std::string token = "{" + std::string(name) + "}";
        for (std::size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
            text.replace(pos, token.size(), value);
    }
    return text;
}

std::string StringTable::format(Lang lang, std::string_view key,
                                std::initializer_list<std::pair<std::string_view, std::string>> args) const {
    return replace_placeholders(get(lang, key), args);
}

std::vector<std::string> StringTable::keys(Lang lang) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : (lang == Lang::en ? en_ : ja_)) out.push_back(k);
    return out;
}

std::vector<std::string> StringTable::missing_keys() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : ja_)
        if (!en_.count(k)) out.push_back("en:" + k);
    for (const auto& [k, v] : en_)
        if (!ja_.count(k)) out.push_back("ja:" + k);
    return out;
}

std::string StringTable::all_text() const {
    std::string out;
    for (const auto& [k, v] : ja_) out += v;
    for (const auto& [k, v] : en_) out += v;
    return out;
}

} // namespace kiosk
