// Scenario model: what a loaded scenario file means, independent of JSON and of the UI.
#pragma once
#include "text.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class ItemType { single, multiple, hottext, classify, branching };
enum class Role { organization, personal };
enum class Scoring { partial, all_or_nothing };

const char* to_string(ItemType t);
const char* to_string(Role r);

// An answer option. For `hottext` the options are the tappable spans (text = the phrase in each
// language); for `classify` the loader generates them: the nine kinds 5.4.a..5.4.i and a pinned `none`.
struct Option {
    std::string id;
    Text text;
    bool correct = false;
    bool acceptable = false;  // a defensible second reading: choosing it or not neither adds nor subtracts
    int weight = 1;
    Text rationale;
    std::vector<std::string> clauses;
    bool pinned = false;  // keeps its position when options are shuffled
};

struct Reply {
    std::string account;
    Text display_name;
    Text text;
};

struct Post {
    std::string account;  // without '@'
    Text display_name;
    bool official = false;
    Text text;
    Text image;  // description of an attached image; empty when none
    std::vector<Reply> replies;
};

struct Situation {
    Text who;
    Text where;
    Text when;
    Text text;
};

struct Choice {
    std::string id;
    Text text;
    int points = 0;
    std::string next;  // node id
    Text consequence;
    Text rationale;
    std::vector<std::string> clauses;
};

struct Node {
    std::string id;
    Text text;
    bool end = false;
    std::vector<Choice> choices;  // empty for an end node
    std::optional<int> cap;       // end node: a path ending here scores at most this many points
};

struct Scenario {
    int schema = 1;
    std::string id;
    ItemType type = ItemType::single;
    Role role = Role::organization;
    std::vector<std::string> audience;  // orientation / refresher / operator
    int difficulty = 1;
    std::vector<std::string> clauses;  // first = primary subject
    Text title;
    Situation situation;
    std::optional<Post> post;
    Text prompt;
    Text explanation;
    double mark = 1.0;  // the item's mark in a course (> 0); courses.json `marks` may override it

    int points = 1;                      // single: points for the correct answer
    Scoring scoring = Scoring::partial;  // multiple, hottext, classify
    std::vector<Option> options;         // single, multiple, hottext (spans), classify (generated)

    std::vector<std::string> kinds;             // classify: the kinds that apply
    std::vector<std::string> acceptable_kinds;  // classify: kinds whose choice or non-choice is neutral
    std::map<std::string, Text> kind_rationale;  // classify

    std::string start;        // branching
    std::vector<Node> nodes;  // branching

    std::string file;          // where it was loaded from
    std::string content_hash;  // SHA-256 (hex) of the file's bytes; attempts pin it

    const std::string& primary_clause() const { return clauses.front(); }
    bool has_audience(std::string_view a) const {
        for (const auto& x : audience)
            if (x == a) return true;
        return false;
    }
    const Node* node(std::string_view node_id) const {
        for (const auto& n : nodes)
            if (n.id == node_id) return &n;
        return nullptr;
    }
    const Option* option(std::string_view option_id) const {
        for (const auto& o : options)
            if (o.id == option_id) return &o;
        return nullptr;
    }
};

} // namespace kiosk
