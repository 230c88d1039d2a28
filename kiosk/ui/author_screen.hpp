// `kiosk author [FILE|DIR]`: the trainers' authoring window (forms beside the learner's view, undo, autosave).
#pragma once
#include "screen.hpp"

#include <memory>
#include <string>

namespace kiosk::ui {

// `path` is a scenario file (opened, or created from a template when it does not exist) or a folder (a new file is
// created in it). `type` names the template for a new file: single, multiple, hottext, classify or branching.
std::unique_ptr<Screen> make_author_screen(const std::string& path, const std::string& type);

} // namespace kiosk::ui
