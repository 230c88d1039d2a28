// The guideline as structured content (content/guideline.json): sections and clauses, JA and EN.
#pragma once
#include "diagnostic.hpp"
#include "text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct Clause {
    std::string id;      // "5.4.a"
    std::string label;   // how the guideline cites it: 「５（４）ア」
    std::string mark;    // the mark as printed in the source: "ア", "（１）", "３．"
    Text title;          // section heading (empty for items)
    Text text;           // the clause's own text
    Text short_title;    // for lists and result screens
    bool operative = false;
    std::string parent;   // "" for top-level nodes
    std::string section;  // top-level ancestor id ("5" for "5.4.a"; itself for a top-level node)
    int depth = 0;        // 0 top level, 1 item, 2 sub-item
    std::vector<std::string> children;
};

struct Guideline {
    Text title;
    std::string effective_date;  // ISO 8601
    Text effective_label;
    std::string separator;        // 「記」, printed between the preamble and section 1
    std::vector<Clause> clauses;  // depth-first, source order
    std::string hash;             // SHA-256 (hex) of the file's bytes; recorded with every attempt

    const Clause* find(std::string_view id) const;
    // True when `id` is `ancestor` or lies below it.
    bool within(std::string_view id, std::string_view ancestor) const;
    std::vector<const Clause*> operative_clauses() const;
    std::vector<const Clause*> sections() const;  // top-level nodes
};

// Loads content/guideline.json. On any error the returned guideline may be partial and `diags` says why.
Guideline load_guideline(const std::string& path, std::vector<Diagnostic>& diags);

} // namespace kiosk
