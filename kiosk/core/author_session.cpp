// The authoring window's document session: undo by snapshots of the written text, checks by the real loader, autosave.
#include "author_session.hpp"

#include "scenario_loader.hpp"

#include <cstdio>
#include <filesystem>

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
