// `kiosk export csv|xapi -o FILE|-`: the records for a spreadsheet or a learning record store; the export is logged as an
// event and the chain heads it ends in are printed to stderr, to be kept apart from the file.
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/output_guard.hpp"
#include "core/record_export.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace kiosk::app {

namespace {

struct ExportOptions {
    std::string format;  // csv | xapi
    std::string output;
    std::string table = "attempts";
    std::string lang = "ja";
    XapiOptions xapi;
    bool force = false;
};

int run_export(const ExportOptions& o, const GlobalOptions& global) {
    const std::string path = resolve_db_path(global);
    if (const OutputCheck check = may_write_output(o.output, OutputUse::replace_file, o.force, protected_db_paths(global)); !check.ok) {
        std::cerr << "export: " << check.reason << '\n';
        return 2;
    }
    const bool log_here = !o.output.empty() && is_terminal_live_database(path, global);
    ExportResult result;
    try {
        const sql::Connection conn = open_records_read_only(path);
        if (const std::string problem = records_identity_problem(conn.get()); !problem.empty()) {
            std::cerr << "export: " << path << " is " << problem << '\n';
            return 2;
        }
        if (o.format == "csv")
            result = export_csv(conn.get(), o.table == "responses" ? CsvTable::responses : CsvTable::attempts, o.lang == "en" ? Lang::en : Lang::ja);
        else
            result = export_xapi(conn.get(), o.xapi);
    } catch (const StoreError& e) {
        std::cerr << "export: " << e.what() << '\n';
        return 2;
    }
    // A result that disagrees with the chain is never exported as genuine.
    if (!result.problems.empty()) {
        std::cerr << "export: " << path << ": the attempts or audit events do not match their chained rows; nothing was exported. "
                     "Run `kiosk verify` and keep the file as it is:\n";
        for (const auto& p : result.problems) std::cerr << "PROBLEM " << p.describe() << '\n';
        return 1;
    }
    std::string error;
    if (!write_output_file(o.output, result.text, error)) {
        std::cerr << "export: " << error << '\n';
        return 3;
    }

    std::cerr << "export: " << result.rows << (o.format == "csv" ? " rows" : " statements") << " to " << (o.output == "-" ? "stdout" : o.output)
              << '\n';
    for (const auto& h : result.heads) std::cerr << "chain " << h.terminal_id << ": " << h.length << " rows, head " << h.head << '\n';
    if (result.heads.empty()) std::cerr << "chain: no answers or completions yet\n";

    nlohmann::json heads = nlohmann::json::array();
    for (const auto& h : result.heads) heads.push_back({{"terminal", h.terminal_id}, {"length", h.length}, {"head", h.head}});
    nlohmann::json detail{{"format", o.format}, {"rows", result.rows}, {"output", o.output}, {"heads", heads}};
    if (o.format == "csv") detail["table"] = o.table;
    // The export is logged in the terminal's own working database only: a backup or a copy stays as it was.
    if (!log_here) {
        std::cerr << "export: not logged: " << path << " is not this terminal's working database (a backup or a copy stays unchanged)\n";
        return 0;
    }
    AttemptStore store(path, terminal_id_for(global));
    try {
        store.log_event("export", "", detail.dump(),
                        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    } catch (const StoreError& e) {
        std::cerr << "export: the export could not be logged in the records: " << e.what() << '\n';
        return 3;
    }
    return 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ExportOptions>();
    sub.add_option("format", o->format, "csv (spreadsheets) or xapi (one xAPI statement per line)")
        ->required()
        ->check(CLI::IsMember({"csv", "xapi"}));
    sub.add_option("-o,--output", o->output, "file to write, or - for stdout")->required();
    sub.add_flag("--force", o->force, "replace an existing file (never a records database)");
    sub.add_option("--table", o->table, "csv: attempts (one row per attempt, default) or responses (one row per answer)")
        ->check(CLI::IsMember({"attempts", "responses"}));
    sub.add_option("--lang", o->lang, "csv: header language, ja (default) or en")->check(CLI::IsMember({"ja", "en"}));
    sub.add_option("--home-page", o->xapi.account_home_page, "xapi: homePage of the actors' accounts (the staff ID system)");
    sub.add_option("--activity-base", o->xapi.activity_base, "xapi: IRI under which courses and items are named");
    return [o, &global] { return run_export(*o, global); };
}

const bool registered = register_command(
    {"export", "export the records as CSV (UTF-8 with BOM, formula cells neutralised) or xAPI statements; logs the export", setup});

} // namespace

} // namespace kiosk::app
