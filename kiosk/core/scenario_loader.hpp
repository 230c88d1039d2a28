// Loads scenario files (format v1) into the model and checks them, turning every problem into a Diagnostic.
#pragma once
#include "diagnostic.hpp"
#include "guideline.hpp"
#include "model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct ScenarioLoadResult {
    std::vector<Scenario> scenarios;       // only files without errors; sorted by id
    std::vector<Diagnostic> diagnostics;   // errors and warnings, sorted by file, line, column
    std::vector<std::string> skipped_files;  // files that had errors and were not loaded
    int files_read = 0;
};

// Parses one scenario from text. Returns false (and adds errors) when the scenario cannot be used.
// `file` is only used to name the file in diagnostics.
bool parse_scenario(std::string_view text, const std::string& file, const Guideline& guideline, Scenario& out,
                    std::vector<Diagnostic>& diags);

// Loads files and directories (every *.json below a directory, recursively). Checks across files
// (unique ids) included. Never throws on bad input.
ScenarioLoadResult load_scenarios(const std::vector<std::string>& paths, const Guideline& guideline);

} // namespace kiosk
