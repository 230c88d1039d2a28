// `kiosk roster import FILE`: the personnel office's CSV into the learners table; each bad line with its number and reason.
#include "cli_lang.hpp"
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/clock.hpp"
#include "core/roster.hpp"

#include <iostream>

namespace kiosk::app {

namespace {

int import(const std::string& file, const GlobalOptions& global) {
    const std::string db_path = db_path_for_writing(global);
    AttemptStore store(db_path, terminal_id_for(global));
    if (!store.status().ok || store.status().read_only) {
        std::cerr << "roster import: " << db_path << ": " << store.status().message << "\n";
        return store.status().problem == OpenProblem::no_permission ? kExitNoPermission : 3;
    }
    SystemClock clock;
    RosterImportResult r;
    try {
        r = import_roster_file(store.handle(), file, clock.now(), store.terminal_id());
    } catch (const StoreError& e) {
        std::cerr << "roster import: the database refused the import (nothing was written): " << e.what() << "\n";
        return 3;
    }
    const Lang lang = cli_lang();
    for (const auto& p : r.parse.problems) std::cerr << file << ":" << p.line << ": " << p.reason.get(lang) << "\n";
    if (!r.parse.encoding.empty()) std::cout << "encoding: " << r.parse.encoding << (r.parse.has_header ? ", with header row" : ", no header row") << "\n";
    std::cout << "good lines: " << r.parse.entries.size() << ", bad lines: " << r.parse.problems.size() << "\n";
    if (!r.written) {
        std::cout << "nothing was imported: the roster is unchanged\n";
        return 2;
    }
    std::cout << "added: " << r.added << ", updated: " << r.updated << ", no longer in the roster: " << r.left_roster << "\n";
    return 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    sub.require_subcommand(1, 1);
    auto file = std::make_shared<std::string>();
    CLI::App* imp = sub.add_subcommand("import", "import the staff CSV (UTF-8 or Shift-JIS; staff ID, name, department, hire date)");
    imp->add_option("file", *file, "the CSV file")->required();
    imp->fallthrough();
    imp->footer("A file with any bad line imports nothing: correct the lines named and import it again.\n"
                "Exit status: 0 imported, 2 nothing imported (bad lines, or no good line), 3 database error, 4 the database cannot be "
                "written by this user (permissions), 5 the terminal configuration cannot be used.");
    return [imp, file, &global] { return imp->parsed() ? import(*file, global) : 2; };
}

const bool registered = register_command({"roster", "staff roster: import", setup});

} // namespace

} // namespace kiosk::app
