// Small in-code fixtures for the engine tests: a guideline skeleton, items of every type and a bank spread over sections.
#pragma once
#include "core/guideline.hpp"
#include "core/model.hpp"

#include <string>
#include <vector>

namespace kiosk::fixtures {

inline Text t(const std::string& ja, const std::string& en = "") { return Text{ja, en.empty() ? ja : en}; }

// The guideline's clause tree (ids, parents, sections) without its text: enough for draws and results.
inline Guideline guideline() {
    Guideline g;
    g.hash = "guideline-hash-fixture";
    auto add = [&](const std::string& id, const std::string& parent, const std::string& section, int depth) {
        Clause c;
        c.id = id;
        c.parent = parent;
        c.section = section;
        c.depth = depth;
        c.label = id;
        c.short_title = t("条項 " + id, "Clause " + id);
        c.operative = depth > 0;
        g.clauses.push_back(c);
    };
    add("preamble", "", "preamble", 0);
    for (int s = 1; s <= 7; ++s) {
        const std::string sec = std::to_string(s);
        add(sec, "", sec, 0);
        const int items = s == 4 ? 5 : s == 5 ? 6 : s == 6 ? 4 : s == 3 ? 2 : 0;
        for (int i = 1; i <= items; ++i) {
            const std::string id = sec + "." + std::to_string(i);
            add(id, sec, sec, 1);
            if (id == "5.4")
                for (char k = 'a'; k <= 'i'; ++k) add(id + "." + std::string(1, k), id, sec, 2);
        }
    }
    add("supplementary", "", "supplementary", 0);
    return g;
}

inline Option opt(const std::string& id, bool correct, int weight = 1, bool pinned = false) {
    Option o;
    o.id = id;
    o.text = t("選択肢 " + id, "Option " + id);
    o.correct = correct;
    o.weight = weight;
    o.pinned = pinned;
    return o;
}

inline Scenario base(const std::string& id, ItemType type, std::vector<std::string> clauses, std::vector<std::string> audience) {
    Scenario s;
    s.id = id;
    s.type = type;
    s.clauses = std::move(clauses);
    s.audience = std::move(audience);
    s.title = t("題 " + id, "Title " + id);
    s.prompt = t("問い", "Question");
    s.content_hash = "hash-" + id;
    s.file = id + ".json";
    return s;
}

inline Scenario single(const std::string& id, std::vector<std::string> clauses,
                       std::vector<std::string> audience = {"orientation", "refresher", "operator"}) {
    Scenario s = base(id, ItemType::single, std::move(clauses), std::move(audience));
    s.options = {opt("a", true), opt("b", false), opt("c", false), opt("d", false, 1, true)};
    return s;
}

inline Scenario multiple(const std::string& id, std::vector<std::string> clauses, Scoring scoring = Scoring::partial) {
    Scenario s = base(id, ItemType::multiple, std::move(clauses), {"orientation", "refresher"});
    s.scoring = scoring;
    s.options = {opt("a", true, 2), opt("b", true, 1), opt("c", false, 1), opt("d", false, 3)};
    return s;
}

inline Scenario hottext(const std::string& id, std::vector<std::string> clauses) {
    Scenario s = base(id, ItemType::hottext, std::move(clauses), {"operator", "refresher"});
    s.post = Post{};
    s.options = {opt("s1", true), opt("s2", false), opt("s3", true, 2)};
    return s;
}

// The loader generates the nine kinds and `none`; so does this fixture.
inline Scenario classify(const std::string& id, std::vector<std::string> kinds) {
    Scenario s = base(id, ItemType::classify, {"5.4"}, {"orientation", "refresher"});
    s.kinds = kinds;
    for (char k = 'a'; k <= 'i'; ++k) {
        const std::string kid = std::string("5.4.") + k;
        bool applies = false;
        for (const auto& x : kinds) applies = applies || x == kid;
        s.options.push_back(opt(kid, applies));
    }
    s.options.push_back(opt("none", kinds.empty(), 1, true));
    return s;
}

// start: a (2 pts) → n2, b (0) → end_bad, c (1) → n3; n2: d (1) → end_good, e (0) → end_bad; n3: f (2) → end_good.
// Best paths: a,d = 3 and c,f = 3 (a tie).
inline Scenario branching(const std::string& id, std::vector<std::string> clauses = {"6.1"}) {
    Scenario s = base(id, ItemType::branching, std::move(clauses), {"orientation", "refresher", "operator"});
    s.start = "n1";
    auto choice = [](const std::string& cid, int points, const std::string& next) {
        Choice c;
        c.id = cid;
        c.text = t(cid);
        c.points = points;
        c.next = next;
        return c;
    };
    Node n1{"n1", t("最初"), false, {choice("a", 2, "n2"), choice("b", 0, "end_bad"), choice("c", 1, "n3")}, std::nullopt};
    Node n2{"n2", t("次"), false, {choice("d", 1, "end_good"), choice("e", 0, "end_bad")}, std::nullopt};
    Node n3{"n3", t("別の次"), false, {choice("f", 2, "end_good")}, std::nullopt};
    Node good{"end_good", t("良い結末"), true, {}, std::nullopt};
    Node bad{"end_bad", t("悪い結末"), true, {}, std::nullopt};
    s.nodes = {n1, n2, n3, good, bad};
    return s;
}

// A bank of `per_section` single items in each of the sections 3–7 (primary clause x.1), audiences mixed.
inline std::vector<Scenario> bank(int per_section = 4) {
    std::vector<Scenario> out;
    for (int sec = 3; sec <= 7; ++sec) {
        for (int i = 0; i < per_section; ++i) {
            const std::string id = "s" + std::to_string(sec) + "-" + std::to_string(i);
            const std::string clause = sec == 7 ? "7" : std::to_string(sec) + "." + std::to_string(1 + i % 2);
            std::vector<std::string> aud = {"refresher"};
            if (i % 2 == 0) aud.push_back("orientation");
            if (sec == 4 || sec == 5) aud.push_back("operator");
            out.push_back(single(id, {clause}, aud));
        }
    }
    return out;
}

} // namespace kiosk::fixtures
