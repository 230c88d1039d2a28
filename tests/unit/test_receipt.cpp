// Completion receipts: sign/verify round trip, every kind of tampering refused, the terminal's key kept in the records.
#include "core/receipt.hpp"
#include "core/terminal_signing_key.hpp"

#include <sodium.h>

#include "store_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

Receipt sample() {
    return Receipt{"1234567", "new-hire", "2026-11-28", "2027-11-28", "2013-10-28/ab12cd34", "千代田-3F 端末;1"};
}

} // namespace

TEST_CASE("a signed receipt verifies and gives back every field") {
    const SigningKeyPair key = new_signing_key_pair();
    const std::string text = sign_receipt(sample(), key);
    CHECK(text.rfind("CSMG-RECEIPT/1;staff=1234567;course=new-hire;date=2026-11-28;valid=2027-11-28;", 0) == 0);
    CHECK(text.find("千代田") == std::string::npos);  // percent-encoded: a QR scanner's text survives any code page
    Receipt back;
    std::string problem;
    REQUIRE(verify_receipt(text, key.public_key, back, problem) == ReceiptCheck::valid);
    CHECK(back == sample());
    CHECK(verify_receipt(text + "\n", key.public_key, back, problem) == ReceiptCheck::valid);  // as pasted from a terminal
}

TEST_CASE("a tampered receipt is refused") {
    const SigningKeyPair key = new_signing_key_pair();
    const std::string text = sign_receipt(sample(), key);
    Receipt back;
    std::string problem;

    std::string changed = text;
    changed.replace(changed.find("staff=1234567"), 13, "staff=7654321");
    CHECK(verify_receipt(changed, key.public_key, back, problem) == ReceiptCheck::bad_signature);
    CHECK(problem.find("altered") != std::string::npos);

    changed = text;
    changed.replace(changed.find("valid=2027"), 10, "valid=2029");
    CHECK(verify_receipt(changed, key.public_key, back, problem) == ReceiptCheck::bad_signature);

    // Another terminal's key.
    CHECK(verify_receipt(text, new_signing_key_pair().public_key, back, problem) == ReceiptCheck::bad_signature);

    // Broken structure.
    CHECK(verify_receipt("hello", key.public_key, back, problem) == ReceiptCheck::malformed);
    CHECK(verify_receipt(text.substr(0, text.size() - 3), key.public_key, back, problem) == ReceiptCheck::malformed);
    changed = text;
    changed.replace(changed.find(";course="), 8, ";cours=");
    CHECK(verify_receipt(changed, key.public_key, back, problem) == ReceiptCheck::malformed);
    CHECK(back == Receipt{});  // a refused receipt never fills `out`
}

TEST_CASE("keys round-trip through Base64") {
    const SigningKeyPair key = new_signing_key_pair();
    const std::string b64 = key_to_base64(key.public_key.data(), key.public_key.size());
    std::array<unsigned char, 32> back{};
    REQUIRE(key_from_base64(b64, back.data(), back.size()));
    CHECK(back == key.public_key);
    CHECK_FALSE(key_from_base64(b64.substr(0, 20), back.data(), back.size()));
    CHECK_FALSE(key_from_base64("not base64!", back.data(), back.size()));
}

TEST_CASE("receipts are signed with the terminal's identity key, kept in the records file") {
    store_fixtures::TempDir dir;
    const std::string path = dir.path("records.sqlite");
    SigningKeyPair first;
    {
        AttemptStore store(path, "t1");
        REQUIRE(store.status().ok);
        first = receipt_signing_key(store);
        CHECK(receipt_signing_key(store).public_key == first.public_key);
        // The same key as the one that signs the chain heads (terminal_keys), not a second key of its own.
        const std::string chain_key_hex = store.signing_key().public_key;
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, first.public_key.data(), first.public_key.size());
        CHECK(chain_key_hex == hex);
    }
    AttemptStore again(path, "t1");
    const auto pk = terminal_public_key(again.handle());
    REQUIRE(pk);
    CHECK(*pk == first.public_key);
    Receipt back;
    std::string problem;
    CHECK(verify_receipt(sign_receipt(sample(), receipt_signing_key(again)), *pk, back, problem) == ReceiptCheck::valid);
}
