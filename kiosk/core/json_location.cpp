// Finds where a JSON Pointer's value (or key) starts in the original, possibly commented, JSON text.
#include "json_location.hpp"

#include <map>
#include <vector>

namespace kiosk {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// A forgiving scanner: it never fails hard, it only gives up (returns npos) on text it cannot follow.
// It never recurses, so deeply nested or hostile input cannot exhaust the stack.
class Scanner {
public:
    explicit Scanner(std::string_view text) : t_(text) {}

    std::size_t skip_space(std::size_t p) const {
        while (p < t_.size()) {
            const char c = t_[p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++p;
            } else if (c == '/' && p + 1 < t_.size() && t_[p + 1] == '/') {
                while (p < t_.size() && t_[p] != '\n' && t_[p] != '\r') ++p;  // nlohmann ends a // comment at either
            } else if (c == '/' && p + 1 < t_.size() && t_[p + 1] == '*') {
                const auto end = t_.find("*/", p + 2);
                p = end == std::string_view::npos ? t_.size() : end + 2;
            } else if (p == 0 && t_.substr(0, 3) == "\xEF\xBB\xBF") {
                p = 3;
            } else {
                break;
            }
        }
        return p;
    }

    // p is at an opening quote; returns the offset just past the closing quote and the decoded string.
    std::size_t read_string(std::size_t p, std::string* decoded) const {
        ++p;
        while (p < t_.size()) {
            const char c = t_[p];
            if (c == '"') return p + 1;
            if (c == '\\' && p + 1 < t_.size()) {
                const char e = t_[p + 1];
                if (decoded) {
                    switch (e) {
                    case 'n': decoded->push_back('\n'); break;
                    case 't': decoded->push_back('\t'); break;
                    case 'r': decoded->push_back('\r'); break;
                    case 'b': decoded->push_back('\b'); break;
                    case 'f': decoded->push_back('\f'); break;
                    case 'u': append_unicode_escape(p + 2, *decoded); break;
                    default: decoded->push_back(e); break;
                    }
                }
                p += e == 'u' ? 6 : 2;
                continue;
            }
            if (decoded) decoded->push_back(c);
            ++p;
        }
        return t_.size();
    }

    // Skips one value of any kind starting at p (which must be at its first character).
    std::size_t skip_value(std::size_t p) const {
        if (p >= t_.size()) return p;
        const char c = t_[p];
        if (c == '"') return read_string(p, nullptr);
        if (c == '{' || c == '[') {
            std::size_t depth = 0;
            while (p < t_.size()) {
                p = skip_space(p);
                if (p >= t_.size()) break;
                const char d = t_[p];
                if (d == '"') {
                    p = read_string(p, nullptr);
                    continue;
                }
                if (d == '{' || d == '[') ++depth;
                if (d == '}' || d == ']') {
                    if (depth <= 1) return p + 1;
                    --depth;
                }
                ++p;
            }
            return p;
        }
        while (p < t_.size()) {
            const char d = t_[p];
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '/') break;
            ++p;
        }
        return p;
    }

    struct Found {
        std::size_t key = std::string_view::npos;
        std::size_t value = std::string_view::npos;
    };

    Found find(std::string_view pointer) const {
        Found out;
        std::size_t p = skip_space(0);
        if (pointer.empty()) {
            out.value = p < t_.size() ? p : std::string_view::npos;
            return out;
        }
        if (pointer.front() != '/') return out;
        std::vector<std::string> tokens = split(pointer);
        for (const auto& token : tokens) {
            if (p >= t_.size()) return {};
            if (t_[p] == '{') {
                const auto member = find_member(p, token);
                if (member.value == std::string_view::npos) return {};
                out = member;
                p = member.value;
            } else if (t_[p] == '[') {
                const auto element = find_element(p, token);
                if (element == std::string_view::npos) return {};
                out.key = out.value = element;
                p = element;
            } else {
                return {};
            }
        }
        return out;
    }

private:
    std::string_view t_;

    static std::vector<std::string> split(std::string_view pointer) {
        std::vector<std::string> tokens;
        std::string cur;
        for (std::size_t i = 1; i <= pointer.size(); ++i) {
            if (i == pointer.size() || pointer[i] == '/') {
                tokens.push_back(cur);
                cur.clear();
            } else if (pointer[i] == '~' && i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
                cur.push_back(pointer[i + 1] == '0' ? '~' : '/');
                ++i;
            } else {
                cur.push_back(pointer[i]);
            }
        }
        return tokens;
    }

    static int hex_value(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    void append_unicode_escape(std::size_t p, std::string& out) const {
        unsigned cp = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const int h = p + i < t_.size() ? hex_value(t_[p + i]) : -1;
            if (h < 0) return;
            cp = cp * 16 + static_cast<unsigned>(h);
        }
        // Surrogate halves are written as they come; keys that need them are not worth pairing here.
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    // p at '{'. Duplicate keys: the last one wins, as in nlohmann::json.
    Found find_member(std::size_t p, const std::string& token) const {
        Found found;
        ++p;
        while (true) {
            p = skip_space(p);
            if (p >= t_.size() || t_[p] == '}') return found;
            if (t_[p] == ',') {
                ++p;
                continue;
            }
            if (t_[p] != '"') return found;
            const std::size_t key_at = p;
            std::string key;
            p = read_string(p, &key);
            p = skip_space(p);
            if (p < t_.size() && t_[p] == ':') p = skip_space(p + 1);
            if (key == token) found = Found{key_at, p < t_.size() ? p : std::string_view::npos};
            const std::size_t next = skip_value(p);
            if (next <= p && p < t_.size() && t_[p] != ',' && t_[p] != '}') return found;
            p = next;
        }
    }

    // p at '['; returns the offset of element `token` (a decimal index).
    std::size_t find_element(std::size_t p, const std::string& token) const {
        if (token.empty() || token.size() > 9) return std::string_view::npos;
        std::size_t index = 0;
        for (const char c : token) {
            if (c < '0' || c > '9') return std::string_view::npos;
            index = index * 10 + static_cast<std::size_t>(c - '0');
        }
        ++p;
        std::size_t i = 0;
        while (true) {
            p = skip_space(p);
            if (p >= t_.size() || t_[p] == ']') return std::string_view::npos;
            if (t_[p] == ',') {
                ++p;
                continue;
            }
            if (i == index) return p;
            const std::size_t next = skip_value(p);
            if (next <= p) return std::string_view::npos;
            p = next;
            ++i;
        }
    }
};

} // namespace

std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, std::size_t limit) {
    struct Frame {
        bool object = false;
        std::size_t index = 0;  // arrays: the element being read
        std::string key;        // objects: the key being read
        std::string pointer;    // of the container itself
        std::map<std::string, std::size_t> seen;
    };
    std::vector<DuplicateKey> out;
    std::vector<Frame> stack;
    const Scanner scan(text);
    auto child_pointer = [&]() {
        if (stack.empty()) return std::string();
        const Frame& top = stack.back();
        return pointer_append(top.pointer, top.object ? top.key : std::to_string(top.index));
    };
    for (std::size_t p = scan.skip_space(0); p < text.size() && out.size() < limit; p = scan.skip_space(p)) {
        const char c = text[p];
        if (c == '{' || c == '[') {
            Frame f;
            f.object = c == '{';
            f.pointer = child_pointer();
            stack.push_back(std::move(f));
            ++p;
        } else if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
            ++p;
        } else if (c == ',') {
            if (!stack.empty() && !stack.back().object) ++stack.back().index;
            ++p;
        } else if (c == '"') {
            std::string s;
            const std::size_t at = p;
            p = scan.read_string(p, &s);
            const std::size_t after = scan.skip_space(p);
            if (stack.empty() || !stack.back().object || after >= text.size() || text[after] != ':') continue;
            Frame& top = stack.back();
            top.key = s;
            if (const auto it = top.seen.find(s); it != top.seen.end())
                out.push_back({at, it->second, s, pointer_append(top.pointer, s)});
            else
                top.seen.emplace(std::move(s), at);
            p = after + 1;
        } else {
            ++p;
        }
    }
    return out;
}

TextLocation offset_to_location(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    TextLocation loc{1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if (!is_continuation(c)) {
            ++loc.column;
        }
    }
    return loc;
}

std::size_t pointer_value_offset(std::string_view text, std::string_view pointer) {
    return Scanner(text).find(pointer).value;
}

std::size_t pointer_key_offset(std::string_view text, std::string_view pointer) {
    if (pointer.empty()) return std::string_view::npos;
    return Scanner(text).find(pointer).key;
}

TextLocation locate_pointer(std::string_view text, std::string_view pointer) {
    const auto at = pointer_value_offset(text, pointer);
    return at == std::string_view::npos ? TextLocation{} : offset_to_location(text, at);
}

TextLocation locate_key(std::string_view text, std::string_view pointer) {
    const auto at = pointer_key_offset(text, pointer);
    return at == std::string_view::npos ? TextLocation{} : offset_to_location(text, at);
}

std::string pointer_append(std::string_view pointer, std::string_view token) {
    std::string out(pointer);
    out.push_back('/');
    for (const char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out.push_back(c);
    }
    return out;
}

} // namespace kiosk
