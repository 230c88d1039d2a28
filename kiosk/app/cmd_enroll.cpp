// `kiosk enroll`: prints this terminal's ID and Ed25519 public key as one line for the ward's enrolled-keys file (the
// records file, and with it the terminal's ID and key pair, is created at its first open).
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/terminal_config.hpp"
#include "core/terminal_identity.hpp"

#include <iostream>

namespace kiosk::app {

namespace {

int enroll(const GlobalOptions& global) {
    const auto cfg = load_terminal_config(global.config_path.empty() ? default_config_path() : global.config_path).config;
    const std::string path = resolve_db_path(global);
    AttemptStore store(path, cfg.terminal_id);
    if (!store.status().ok || store.status().read_only) {
        std::cerr << "enroll: " << path << ": " << store.status().message << '\n';
        return 2;
    }
    try {
        std::cout << enrollment_line(store.signing_key()) << '\n';
    } catch (const StoreError& e) {
        std::cerr << "enroll: " << e.what() << '\n';
        return 2;
    }
    std::cerr << "enroll: append the line above to the ward's enrolled-keys file (used by `kiosk merge --enrolled` and "
                 "`kiosk verify --enrolled`)\n";
    return 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    sub.footer("Prints \"<terminal ID> <public key> <host name>\"; the host name is a label only.");
    return [&global] { return enroll(global); };
}

const bool registered =
    register_command({"enroll", "print this terminal's ID and signing public key, one line for the ward's enrolled-keys file", setup});

} // namespace

} // namespace kiosk::app
