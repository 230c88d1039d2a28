// The parts of the authoring form that differ by item type: answer options, hottext phrases picked from the post,
// the classification key, and branching steps with their paths.
#pragma once
#include "author_fields.hpp"
#include "author_text_select.hpp"

#include <string>

namespace kiosk::ui {

struct HottextPicker {
    TextSelection ja;
    TextSelection en;
    int target = -1;      // the phrase the English selection belongs to (-1 = the last one)
    std::string message;  // why the last selection was not taken
};

void options_section(AuthorForm& f, const std::string& key, const std::string& type);
void hottext_section(AuthorForm& f, HottextPicker& picker, bool trace);
void classify_section(AuthorForm& f);
void branching_section(AuthorForm& f);

} // namespace kiosk::ui
