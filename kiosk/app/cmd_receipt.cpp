// `kiosk receipt verify TEXT`: checks a completion receipt (the text of the results screen's QR code) against a
// terminal's public key, given with --key or read from the records file's settings.
#include "cli_lang.hpp"
#include "commands.hpp"

#include "core/receipt.hpp"
#include "core/record_chain.hpp"
#include "core/sqlite_db.hpp"
#include "core/terminal_signing_key.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

namespace kiosk::app {

namespace {

struct ReceiptOptions {
    std::string text;
    std::string key;
};

// The public key kept in the records file that --db names (read-only); `missing` is said when there is none.
bool stored_key(const GlobalOptions& global, std::array<unsigned char, 32>& pk, const std::string& missing) {
    const std::string path = resolve_db_path(global);
    std::optional<std::array<unsigned char, 32>> stored;
    std::error_code ec;
    try {
        if (std::filesystem::exists(path, ec)) stored = terminal_public_key(open_records_read_only(path).get());
    } catch (const StoreError& e) {
        std::cerr << "receipt: " << path << ": " << e.what() << '\n';
        return false;
    }
    if (!stored) {
        std::cerr << "receipt: " << missing << ": " << path << '\n';
        return false;
    }
    pk = *stored;
    return true;
}

int verify(const ReceiptOptions& o, const GlobalOptions& global) {
    const bool ja = cli_lang() == Lang::ja;
    std::array<unsigned char, 32> pk{};
    if (!o.key.empty()) {
        if (!key_from_base64(o.key, pk.data(), pk.size())) {
            std::cerr << (ja ? "receipt: --key は32バイトの公開鍵（Base64）で指定してください\n"
                             : "receipt: --key must be a 32-byte public key in Base64\n");
            return 2;
        }
    } else {
        if (!stored_key(global, pk,
                        ja ? "公開鍵がありません。--key BASE64 で端末の公開鍵を指定するか、--db で端末の記録ファイルを指定してください"
                           : "no public key: give the terminal's key with --key BASE64, or its records file with --db"))
            return 2;
    }
    Receipt r;
    std::string problem;
    const ReceiptCheck check = verify_receipt(o.text, pk, r, problem);
    if (check != ReceiptCheck::valid) {
        std::cout << (ja ? "receipt: 無効です: " : "receipt: INVALID: ") << problem << '\n';
        return 1;
    }
    std::cout << (ja ? "receipt: 有効（署名を確認しました）\n" : "receipt: valid (signature checked)\n");
    std::cout << (ja ? "職員番号: " : "staff ID: ") << r.staff_id << '\n'
              << (ja ? "研修: " : "course: ") << r.course_id << '\n'
              << (ja ? "修了日: " : "completed: ") << r.date << '\n'
              << (ja ? "有効期限: " : "valid until: ") << (r.valid_until.empty() ? (ja ? "なし" : "no expiry") : r.valid_until) << '\n'
              << (ja ? "ガイドラインの版: " : "guideline version: ") << r.guideline << '\n'
              << (ja ? "端末: " : "terminal: ") << r.terminal << '\n';
    return 0;
}

// The public key of the terminal whose records file --db names, to hand to whoever checks receipts elsewhere.
int print_key(const GlobalOptions& global) {
    const bool ja = cli_lang() == Lang::ja;
    std::array<unsigned char, 32> pk{};
    if (!stored_key(global, pk,
                    ja ? "この記録ファイルにはまだ署名鍵がありません（最初の修了で作られます）"
                       : "this records file has no signing key yet (the first completion creates it)"))
        return 2;
    std::cout << key_to_base64(pk.data(), pk.size()) << '\n';
    return 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ReceiptOptions>();
    CLI::App* v = sub.add_subcommand("verify", "check a completion receipt's signature and print what it certifies; exit 1 when invalid");
    v->add_option("TEXT", o->text, "the receipt text (what the QR code holds)")->required();
    v->add_option("--key", o->key, "the terminal's public key (Base64); default: read from the records file's settings");
    CLI::App* k = sub.add_subcommand("key", "print the terminal's public key (Base64) from the records file, for --key elsewhere");
    sub.require_subcommand(1);
    return [o, k, &global] { return k->parsed() ? print_key(global) : verify(*o, global); };
}

const bool registered = register_command(
    {"receipt", "completion receipts: `receipt verify TEXT` checks the signed text of a results screen's QR code; `receipt key` prints the terminal's public key", setup});

} // namespace

} // namespace kiosk::app
