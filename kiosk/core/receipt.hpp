// Completion receipts a person can keep: the completion as one line of text, signed with the terminal's Ed25519 key
// (libsodium), shown as a QR code on the results screen and checked with `kiosk receipt verify TEXT`.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace kiosk {

struct Receipt {
    std::string staff_id;
    std::string course_id;
    std::string date;         // completion date, YYYY-MM-DD (the terminal's local date)
    std::string valid_until;  // YYYY-MM-DD, empty when the completion does not expire
    std::string guideline;    // guideline version: its effective date and the first 8 hex digits of its file hash
    std::string terminal;     // the terminal that recorded the completion
    bool operator==(const Receipt&) const = default;
};

struct SigningKeyPair {
    std::array<unsigned char, 32> public_key{};
    std::array<unsigned char, 64> secret_key{};
};

SigningKeyPair new_signing_key_pair();
std::string key_to_base64(const unsigned char* key, std::size_t size);
// Accepts standard and URL-safe Base64, with or without padding; false when the text is not a key of `size` bytes.
bool key_from_base64(std::string_view text, unsigned char* key, std::size_t size);

// "CSMG-RECEIPT/1;staff=…;course=…;date=…;valid=…;guideline=…;terminal=…;sig=…": the fields percent-encoded, the
// signature (URL-safe Base64, no padding) over every byte before ";sig=".
std::string sign_receipt(const Receipt& r, const SigningKeyPair& key);

enum class ReceiptCheck { valid, malformed, bad_signature };
// Parses `text` into `out` and checks its signature with `public_key` (32 bytes). `problem` says what is wrong.
ReceiptCheck verify_receipt(std::string_view text, const std::array<unsigned char, 32>& public_key, Receipt& out, std::string& problem);

} // namespace kiosk
