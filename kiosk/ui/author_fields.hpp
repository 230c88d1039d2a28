// Form fields of the authoring window, each bound to one place of the document (a JSON Pointer) and showing the
// loader's diagnostics about that place right below it.
#pragma once
#include "ui_context.hpp"

#include "core/author_session.hpp"

#include <string>
#include <vector>

namespace kiosk::ui {

struct AuthorForm {
    UiContext& ctx;
    AuthorSession& session;
    std::vector<bool> shown;  // diagnostics drawn next to a field this frame

    AuthorForm(UiContext& c, AuthorSession& s) : ctx(c), session(s), shown(s.diagnostics().size(), false) {}

    ordered_json& root() { return session.doc().root; }
    // The value at `pointer`, created (as null) when missing.
    ordered_json& at(const std::string& pointer);
    bool has(const std::string& pointer) const;
    void erase(const std::string& pointer);

    // Diagnostics whose pointer is `pointer` (or lies below it when `below`), drawn in the error/warning colour.
    void diagnostics_for(const std::string& pointer, bool below);
    void remaining_diagnostics();  // the ones no field showed, so that nothing goes unseen

    // Fields. Each returns true when the trainer changed the value (the session has recorded the edit).
    bool text_pair(const std::string& label_key, const std::string& pointer, bool multiline, bool optional = false);
    bool string_field(const std::string& label_key, const std::string& pointer, bool optional = false);
    bool int_field(const std::string& label_key, const std::string& pointer, int lo, int hi, bool optional = false);
    bool bool_field(const std::string& label_key, const std::string& pointer, bool optional = false);
    bool choice_field(const std::string& label_key, const std::string& pointer, const std::vector<std::string>& values);
    // A list of clause IDs with each clause's text, a picker fed from the guideline, and × to remove one.
    bool clause_list(const std::string& label_key, const std::string& pointer, bool optional);
    // A list of fixed values ticked on and off (audience, kinds).
    bool tick_list(const std::string& label_key, const std::string& pointer, const std::vector<std::string>& values,
                   const std::vector<std::string>& captions, bool optional = false);

    void changed(const std::string& pointer) { session.edited(pointer); }
};

// ImGui text input on a std::string (grows as the trainer types); traced for tests as `trace_label` when not empty.
bool input_string(const char* id, std::string& value, bool multiline, float width, float height = 0.0f,
                  const std::string& trace_label = {});

} // namespace kiosk::ui
