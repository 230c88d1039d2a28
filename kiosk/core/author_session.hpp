// What the authoring window edits, without any drawing: the document, its undo history, the loader's verdict on it,
// saving, and the autosave side file that brings an edit back after a crash.
#pragma once
#include "diagnostic.hpp"
#include "guideline.hpp"
#include "model.hpp"
#include "scenario_writer.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace kiosk {

class AuthorSession {
public:
    using clock = std::chrono::steady_clock;

    explicit AuthorSession(const Guideline& guideline) : guideline_(guideline) {}

    // Opens `path`; a missing file starts from the template of `type`. Returns false with `error` when the file exists
    // but is not JSON (the trainer fixes it in a text editor; nothing is overwritten).
    bool open(const std::string& path, ItemType type, std::string& error);
    void start_new(const std::string& path, ItemType type);

    // Autosave left by a window that did not close properly, newer than the file: offered back at open.
    bool recovery_available() const { return !recovery_text_.empty(); }
    void accept_recovery();
    void discard_recovery();

    ScenarioDocument& doc() { return doc_; }
    const std::string& path() const { return path_; }

    // Call after changing doc(): records an undo step (typing in one field within a second and a half is one step)
    // and checks the document again. `field` names what changed.
    void edited(const std::string& field);
    bool undo();
    bool redo();
    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }

    bool dirty() const { return current_ != saved_; }
    // Writes the file (beside, then renamed) and removes the autosave. The caller asks first when
    // doc().hand_comments is set, since those comments are not written.
    bool save(std::string& error);
    // Writes the autosave side file when there are unsaved changes not yet autosaved and `every` has passed.
    bool autosave_if_due(clock::time_point now, std::chrono::milliseconds every);

    const std::string& text() const { return current_; }  // the file as a save would write it
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    bool loads() const { return loads_; }
    const Scenario& scenario() const { return scenario_; }  // the last version that loaded
    int revision() const { return revision_; }

private:
    void refresh();
    void replace_text(const std::string& text);

    const Guideline& guideline_;
    std::string path_;
    ScenarioDocument doc_;
    std::string current_;
    std::string saved_;
    std::string autosaved_;
    std::string recovery_text_;
    std::vector<std::string> undo_;
    std::vector<std::string> redo_;
    std::string last_field_;
    clock::time_point last_edit_{};
    clock::time_point last_autosave_{};
    std::vector<Diagnostic> diagnostics_;
    bool loads_ = false;
    Scenario scenario_;
    int revision_ = 0;
};

} // namespace kiosk

namespace kiosk {

// One way through a branching incident, for the authoring window's overview.
struct BranchPath {
    std::vector<std::string> nodes;  // node ids from start to the end node
    int points = 0;                  // sum of the choices' points, limited by the end node's "cap" when it has one
    int cap = -1;                    // the end node's cap, -1 when none
};

// Every path from start to an end (the loader has already refused loops and more than 10,000 paths). `root` is the
// document, read for the end caps (`"cap": N` on end nodes).
std::vector<BranchPath> branch_paths(const Scenario& s, const ordered_json& root);

} // namespace kiosk
