#!/usr/bin/env python3
"""Answer key for end-to-end tests: prints the on-screen labels to tap for one item, one per line.

usage: answer_key.py SCENARIO_DIR CONTENT_DIR ITEM_ID LANG correct|wrong

For option items it prints the labels of the options to select (correct: exactly the keyed ones; wrong: one wrong
option, or for classify a kind that does not apply). For branching it prints the choice texts along the best path
(correct) or along the worst first step (wrong), each step on its own line.
"""
import json
import os
import sys


def strip_comments(text):
    """Removes // and /* */ comments outside strings (the scenario format allows them)."""
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_str = False
            i += 1
        elif c == '"':
            in_str = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.loads(strip_comments(f.read()))


def txt(value, lang):
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("ja", "")


def find_item(scenario_dir, item_id):
    for root, _, files in os.walk(scenario_dir):
        for name in files:
            if name.endswith(".json"):
                try:
                    doc = load(os.path.join(root, name))
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(doc, dict) and doc.get("id") == item_id:
                    return doc
    sys.exit(f"answer_key: no item {item_id} in {scenario_dir}")


def clause_prefix(guideline, clause_id, lang):
    def walk(nodes):
        for node in nodes:
            if node.get("id") == clause_id:
                return node
            found = walk(node.get("children", []))
            if found:
                return found
        return None

    node = walk(guideline["clauses"])
    return node["label"] + "\u3000" + txt(node.get("short_title", ""), lang)


def best_path(doc, lang, worst_first=False):
    nodes = {n["id"]: n for n in doc["nodes"]}

    def best(node_id, seen):
        node = nodes[node_id]
        if node.get("end"):
            return 0, []
        options = []
        for c in node.get("choices", []):
            if c["next"] in seen:
                continue
            pts, path = best(c["next"], seen | {c["next"]})
            options.append((c.get("points", 0) + pts, [txt(c["text"], lang)] + path))
        return max(options, key=lambda o: o[0]) if options else (0, [])

    start = nodes[doc["start"]]
    if worst_first:
        c = min(start["choices"], key=lambda c: c.get("points", 0))
        nxt = c["next"]
        return [txt(c["text"], lang)] + best(nxt, {doc["start"], nxt})[1]
    return best(doc["start"], {doc["start"]})[1]


def main():
    scenario_dir, content_dir, item_id, lang, mode = sys.argv[1:6]
    doc = find_item(scenario_dir, item_id)
    kind = doc["type"]
    if kind == "branching":
        labels = best_path(doc, lang, worst_first=(mode == "wrong"))
    elif kind == "classify":
        guideline = load(os.path.join(content_dir, "guideline.json"))
        kinds = doc.get("kinds", [])
        none_label = {"ja": "どれにも該当しない", "en": "None of these"}
        if mode == "correct":
            labels = [clause_prefix(guideline, k, lang) for k in kinds] if kinds else ["@none"]
        else:
            wrong = [f"5.4.{c}" for c in "abcdefghi" if f"5.4.{c}" not in kinds]
            labels = [clause_prefix(guideline, wrong[0], lang)]
        labels = [none_label[lang] if l == "@none" else l for l in labels]
    else:
        options = doc.get("spans") if kind == "hottext" else doc.get("options")
        if mode == "correct":
            labels = [txt(o["text"], lang) for o in options if o.get("correct") is True]
        else:
            labels = [txt(o["text"], lang) for o in options if o.get("correct") is not True][:1]
    for label in labels:
        print(label.replace("\n", " "))


if __name__ == "__main__":
    main()
