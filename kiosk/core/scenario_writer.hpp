// The authoring window's document: a scenario file as a JSON tree (keys kept, unknown ones too) with its header comment,
// and the writer that puts it back in the shipped files' layout (stable key order, two-space indent, `//` header).
#pragma once
#include "model.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace kiosk {

using ordered_json = nlohmann::ordered_json;

struct ScenarioDocument {
    std::string header;          // the `//` lines before the opening brace, without the slashes ('\n' between lines)
    ordered_json root = ordered_json::object();
    bool hand_comments = false;  // the file had comments after the header: a save does not keep them
};

// Reads the text of a scenario file. Returns false with `error` ("line:column: what is wrong") when it is not JSON.
bool parse_document(std::string_view text, ScenarioDocument& out, std::string& error);

// The file's text: header comment, then the object with keys in the shipped order (unknown keys after, as they were),
// two-space indent, UTF-8 as written, ending with a newline. The same document always gives the same bytes.
std::string render_document(const ScenarioDocument& doc);

// Puts the keys of every object of the document in the shipped order (what render_document writes).
void canonical_order(ordered_json& root);

// Writes `text` to `path` through a file beside it (`path`.saving) that is then renamed over it, so a crash never leaves
// half a file. Returns false with a readable `error`.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error);
bool read_whole_file(const std::string& path, std::string& out);

// The side file autosave writes for `path` (beside it, hidden): "dir/.name.json.autosave".
std::string autosave_path(const std::string& path);

// A new item of `type` with blanks for the trainer to fill in (the validator names each blank).
ScenarioDocument make_template(ItemType type, const std::string& id);

} // namespace kiosk
