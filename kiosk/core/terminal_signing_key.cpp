// Settings keys receipt.public_key and receipt.secret_key (Base64); created on first use.
#include "terminal_signing_key.hpp"

#include "sqlite_db.hpp"

#include <stdexcept>

namespace kiosk {

namespace {

constexpr const char* kPublic = "receipt.public_key";
constexpr const char* kSecret = "receipt.secret_key";

std::string setting(sqlite3* db, const char* key) {
    sql::Statement st(db, "SELECT value FROM settings WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
}

} // namespace

std::optional<std::array<unsigned char, 32>> terminal_public_key(sqlite3* db) {
    std::array<unsigned char, 32> pk{};
    const std::string text = setting(db, kPublic);
    if (text.empty() || !key_from_base64(text, pk.data(), pk.size())) return std::nullopt;
    return pk;
}

SigningKeyPair terminal_signing_key(sqlite3* db) {
    sql::Transaction tx(db, sql::Transaction::Kind::immediate);
    SigningKeyPair k;
    const std::string pk = setting(db, kPublic), sk = setting(db, kSecret);
    if (!pk.empty() || !sk.empty()) {
        if (!key_from_base64(pk, k.public_key.data(), k.public_key.size()) || !key_from_base64(sk, k.secret_key.data(), k.secret_key.size()))
            throw StoreError("the receipt signing key in the settings table is damaged", 0);
        return k;  // the transaction rolls back: nothing was written
    }
    k = new_signing_key_pair();
    sql::Statement put(db, "INSERT INTO settings(key, value) VALUES(?1, ?2)");
    put.bind(1, kPublic).bind(2, key_to_base64(k.public_key.data(), k.public_key.size())).run();
    put.reset();
    put.bind(1, kSecret).bind(2, key_to_base64(k.secret_key.data(), k.secret_key.size())).run();
    tx.commit();
    return k;
}

} // namespace kiosk
