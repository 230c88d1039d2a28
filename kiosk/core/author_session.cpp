// The authoring window's document session: undo by snapshots of the written text, checks by the real loader, autosave.
#include "author_session.hpp"

#include "scenario_loader.hpp"

#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace kiosk {

bool AuthorSession::open(const std::string& path, ItemType type, std::string& error) {
    path_ = path;
    std::string text;
    if (!fs::exists(path)) {
        start_new(path, type);
    } else {
        if (!read_whole_file(path, text)) {
            error = path + ": cannot be read";
            return false;
        }
        if (!parse_document(text, doc_, error)) {
            error = path + ":" + error;
            return false;
        }
        current_ = render_document(doc_);
        saved_ = current_;
        refresh();
    }
    undo_.clear();
    redo_.clear();
    std::string side;
    if (read_whole_file(autosave_path(path), side) && side != current_) {
        ScenarioDocument probe;
        std::string ignored;
        if (parse_document(side, probe, ignored)) recovery_text_ = side;
    }
    return true;
}

void AuthorSession::start_new(const std::string& path, ItemType type) {
    path_ = path;
    doc_ = make_template(type, fs::path(path).stem().string());
    current_ = render_document(doc_);
    saved_.clear();  // nothing on disk yet: unsaved
    refresh();
}

void AuthorSession::accept_recovery() {
    if (recovery_text_.empty()) return;
    undo_.push_back(current_);
    redo_.clear();
    replace_text(recovery_text_);
    recovery_text_.clear();
}

void AuthorSession::discard_recovery() {
    recovery_text_.clear();
    std::remove(autosave_path(path_).c_str());
}

void AuthorSession::edited(const std::string& field) {
    const std::string next = render_document(doc_);
    if (next == current_) return;
    const auto now = clock::now();
    const bool same_burst = field == last_field_ && now - last_edit_ < std::chrono::milliseconds(1500) && !undo_.empty();
    if (!same_burst) undo_.push_back(current_);
    redo_.clear();
    last_field_ = field;
    last_edit_ = now;
    current_ = next;
    refresh();
}

bool AuthorSession::undo() {
    if (undo_.empty()) return false;
    redo_.push_back(current_);
    const std::string text = undo_.back();
    undo_.pop_back();
    replace_text(text);
    last_field_.clear();
    return true;
}

bool AuthorSession::redo() {
    if (redo_.empty()) return false;
    undo_.push_back(current_);
    const std::string text = redo_.back();
    redo_.pop_back();
    replace_text(text);
    last_field_.clear();
    return true;
}

void AuthorSession::replace_text(const std::string& text) {
    std::string error;
    const bool hand = doc_.hand_comments;
    if (parse_document(text, doc_, error)) doc_.hand_comments = hand;
    current_ = render_document(doc_);
    refresh();
}

bool AuthorSession::save(std::string& error) {
    current_ = render_document(doc_);
    if (!write_file_atomically(path_, current_, error)) return false;
    saved_ = current_;
    autosaved_.clear();
    doc_.hand_comments = false;  // what is on disk now is what the window wrote
    std::remove(autosave_path(path_).c_str());
    return true;
}

bool AuthorSession::autosave_if_due(clock::time_point now, std::chrono::milliseconds every) {
    if (!dirty() || current_ == autosaved_ || now - last_autosave_ < every) return false;
    last_autosave_ = now;
    std::string error;
    if (!write_file_atomically(autosave_path(path_), current_, error)) return false;
    autosaved_ = current_;
    return true;
}

void AuthorSession::refresh() {
    ++revision_;
    diagnostics_.clear();
    Scenario s;
    loads_ = parse_scenario(current_, path_, guideline_, s, diagnostics_);
    if (loads_) scenario_ = std::move(s);
}

} // namespace kiosk

namespace kiosk {

namespace {

void walk(const Scenario& s, const std::map<std::string, int>& caps, const Node& n, BranchPath& cur, std::vector<BranchPath>& out, int depth) {
    cur.nodes.push_back(n.id);
    if (n.end || n.choices.empty()) {
        BranchPath done = cur;
        if (auto it = caps.find(n.id); it != caps.end()) {
            done.cap = it->second;
            done.points = std::min(done.points, it->second);
        }
        out.push_back(std::move(done));
    } else if (depth < 64 && out.size() <= 10000) {
        for (const Choice& c : n.choices) {
            const Node* next = s.node(c.next);
            if (!next) continue;
            cur.points += c.points;
            walk(s, caps, *next, cur, out, depth + 1);
            cur.points -= c.points;
        }
    }
    cur.nodes.pop_back();
}

} // namespace

std::vector<BranchPath> branch_paths(const Scenario& s, const ordered_json& root) {
    std::map<std::string, int> caps;
    if (auto it = root.find("nodes"); it != root.end() && it->is_array())
        for (const auto& n : *it)
            if (n.is_object() && n.contains("id") && n["id"].is_string() && n.contains("cap") && n["cap"].is_number_integer())
                caps[n["id"].get<std::string>()] = n["cap"].get<int>();
    std::vector<BranchPath> out;
    const Node* start = s.node(s.start);
    if (!start) return out;
    BranchPath cur;
    walk(s, caps, *start, cur, out, 0);
    return out;
}

} // namespace kiosk
