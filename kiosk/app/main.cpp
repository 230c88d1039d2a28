// Entry point: parses the command line, then runs the kiosk window or one subcommand.
#include "commands.hpp"
#include "run_kiosk.hpp"

#include <iostream>

int main(int argc, char** argv) {
    using namespace kiosk::app;
    CLI::App cli{"千代田区ソーシャルメディア活用ガイドライン 研修キオスク / Chiyoda City social media guideline training kiosk"};
    cli.set_version_flag("--version", KIOSK_VERSION);

    GlobalOptions global;
    cli.add_option("--db", global.db_path, "SQLite database (default: $XDG_DATA_HOME/chiyoda-kiosk/kiosk.db)");
    cli.add_option("--config", global.config_path, "terminal configuration (default: $XDG_CONFIG_HOME/chiyoda-kiosk/config.json)");
    cli.add_option("--content", global.content_dir, "content directory (guideline, courses, UI strings)");
    cli.add_option("--scenarios", global.scenarios_dir, "scenario directory");
    cli.add_flag("--create", global.create, "create the database's folder when it is missing (otherwise only the default location is created)");

    KioskOptions kiosk;
    add_kiosk_options(cli, kiosk);

    std::vector<std::pair<CLI::App*, Runner>> runners;
    for (auto& spec : registered_commands()) {
        CLI::App* sub = cli.add_subcommand(spec.name, spec.description);
        sub->fallthrough();  // global options are accepted after the subcommand's name too
        runners.emplace_back(sub, spec.setup(*sub, global));
    }

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    for (auto& [sub, run] : runners) {
        if (!sub->parsed()) continue;
        // A configuration that does not parse (or a --config that does not exist) stops every subcommand: the defaults
        // would quietly send records and reports to another database.
        if (const std::string problem = config_problem(global); !problem.empty()) {
            std::cerr << problem << "\n" << sub->get_name() << ": stopped: fix the terminal configuration first\n";
            return kExitConfig;
        }
        return run();
    }
    return run_kiosk(global, kiosk);
}
