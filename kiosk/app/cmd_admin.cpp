// `kiosk admin set-pin`: sets the admin PIN, typed twice with echo off (or two lines on stdin when it is not a terminal).
#include "commands.hpp"

#include "core/admin_pin.hpp"
#include "core/attempt_store.hpp"
#include "core/clock.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

namespace kiosk::app {

namespace {

// Reads one line from stdin; on a terminal with echo off, so the PIN is never shown or left in the scrollback.
std::optional<std::string> read_secret_line(const char* prompt, bool tty) {
    termios saved{};
    if (tty) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
        if (tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
            quiet.c_lflag |= ECHONL;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (!got) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

int set_pin(const GlobalOptions& global) {
    const bool tty = isatty(STDIN_FILENO) != 0;
    const auto first = read_secret_line("New admin PIN (6-12 digits) / 新しい管理者PIN: ", tty);
    if (!first) {
        std::cerr << "admin set-pin: no PIN was given (type it twice, or pipe two lines on stdin)\n";
        return 2;
    }
    // Rules first, so a weak PIN is refused before it is typed a second time.
    const PinRuleCheck check = check_new_pin(*first);
    if (!check.ok) {
        std::cerr << "admin set-pin: PIN refused: " << check.reason.en << "\n"
                  << "admin set-pin: このPINは使えません: " << check.reason.ja << "\n";
        return 1;
    }
    const auto second = read_secret_line("Type it again / もう一度入力: ", tty);
    if (!second || *second != *first) {
        std::cerr << "admin set-pin: the two PINs differ; nothing was changed / 2回の入力が一致しません\n";
        return 1;
    }

    const std::string db_path = db_path_for_writing(global);
    AttemptStore store(db_path, terminal_id_for(global));
    if (!store.status().ok || store.status().read_only) {
        std::cerr << "admin set-pin: " << db_path << ": " << store.status().message << "\n";
        return store.status().problem == OpenProblem::no_permission ? kExitNoPermission : 3;
    }
    SystemClock clock;
    AdminPin pin(store.handle(), clock, store.terminal_id());
    const bool replaced = pin.is_set();
    try {
        pin.set(*first);
    } catch (const std::invalid_argument& e) {
        std::cerr << "admin set-pin: PIN refused: " << e.what() << "\n";
        return 1;
    } catch (const StoreError& e) {
        std::cerr << "admin set-pin: the database refused the write: " << e.what() << "\n";
        return 3;
    }
    std::cout << (replaced ? "admin PIN changed" : "admin PIN set") << " in " << db_path << " (argon2id hash; the lockout counter is reset)\n";
    return 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    sub.require_subcommand(1, 1);
    CLI::App* set = sub.add_subcommand("set-pin", "set or change the admin PIN (typed twice with echo off; two lines on stdin when piped)");
    set->fallthrough();
    return [set, &global] {
        if (set->parsed()) return set_pin(global);
        return 2;
    };
}

const bool registered = register_command({"admin", "administration of the kiosk: set-pin", setup});

} // namespace

} // namespace kiosk::app
