// Receipt text: a fixed field order, percent-encoding of anything outside a safe ASCII set, Ed25519 detached signature.
#include "receipt.hpp"

#include <sodium.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace kiosk {

namespace {

constexpr std::string_view kMagic = "CSMG-RECEIPT/1";
constexpr std::string_view kSig = ";sig=";

void ensure_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

bool safe(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == ':' || c == '/' || c == '+' || c == '@';
}

std::string encode(std::string_view v) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : v) {
        const auto c = static_cast<unsigned char>(ch);
        if (safe(c)) {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

bool decode(std::string_view v, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '%') {
            if (!safe(static_cast<unsigned char>(v[i]))) return false;
            out += v[i];
            continue;
        }
        if (i + 2 >= v.size()) return false;
        const int hi = hex_value(v[i + 1]), lo = hex_value(v[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return true;
}

// The fields in their fixed order (const or not, as the receipt).
template <typename R>
auto fields(R& r) {
    using Ptr = decltype(&r.staff_id);
    return std::vector<std::pair<const char*, Ptr>> {{"staff", &r.staff_id}, {"course", &r.course_id}, {"date", &r.date}, {"valid", &r.valid_until},
            {"guideline", &r.guideline}, {"terminal", &r.terminal}};
}

std::string body(const Receipt& r) {
    std::string s(kMagic);
    for (const auto& [name, value] : fields(r)) {
        s += ';';
        s += name;
        s += '=';
        s += encode(*value);
    }
    return s;
}

} // namespace

SigningKeyPair new_signing_key_pair() {
    ensure_sodium();
    SigningKeyPair k;
    crypto_sign_keypair(k.public_key.data(), k.secret_key.data());
    return k;
}

std::string key_to_base64(const unsigned char* key, std::size_t size) {
    ensure_sodium();
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), key, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

bool key_from_base64(std::string_view text, unsigned char* key, std::size_t size) {
    ensure_sodium();
    for (const int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING, sodium_base64_VARIANT_URLSAFE,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
        std::size_t len = 0;
        const char* end = nullptr;
        if (sodium_base642bin(key, size, text.data(), text.size(), nullptr, &len, &end, variant) == 0 && len == size &&
            end == text.data() + text.size())
            return true;
    }
    return false;
}

std::string sign_receipt(const Receipt& r, const SigningKeyPair& key) {
    ensure_sodium();
    const std::string b = body(r);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(b.data()), b.size(), key.secret_key.data());
    std::string out(sodium_base64_encoded_len(sizeof sig, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), sig, sizeof sig, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return b + std::string(kSig) + out;
}

ReceiptCheck verify_receipt(std::string_view text, const std::array<unsigned char, 32>& public_key, Receipt& out, std::string& problem) {
    ensure_sodium();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    const std::size_t sig_at = text.rfind(kSig);
    if (text.substr(0, kMagic.size()) != kMagic || sig_at == std::string_view::npos) {
        problem = "not a completion receipt (it must start with " + std::string(kMagic) + " and end with ;sig=…)";
        return ReceiptCheck::malformed;
    }
    const std::string_view b = text.substr(0, sig_at);
    const std::string_view sig_text = text.substr(sig_at + kSig.size());
    unsigned char sig[crypto_sign_BYTES];
    std::size_t sig_len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(sig, sizeof sig, sig_text.data(), sig_text.size(), nullptr, &sig_len, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        sig_len != sizeof sig || end != sig_text.data() + sig_text.size()) {
        problem = "the signature is not 64 bytes of URL-safe Base64";
        return ReceiptCheck::malformed;
    }
    // Fields in their fixed order, each exactly once.
    Receipt r;
    std::size_t pos = kMagic.size();
    for (const auto& [name, value] : fields(r)) {
        const std::string prefix = std::string(";") + name + "=";
        if (b.substr(pos, prefix.size()) != prefix) {
            problem = std::string("field \"") + name + "\" missing or out of order";
            return ReceiptCheck::malformed;
        }
        pos += prefix.size();
        const std::size_t next = std::min(b.find(';', pos), b.size());
        if (!decode(b.substr(pos, next - pos), *value)) {
            problem = std::string("field \"") + name + "\" is not percent-encoded text";
            return ReceiptCheck::malformed;
        }
        pos = next;
    }
    if (pos != b.size()) {
        problem = "unexpected text after the terminal field";
        return ReceiptCheck::malformed;
    }
    if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(b.data()), b.size(), public_key.data()) != 0) {
        problem = "the signature does not match: the receipt was altered or signed with another terminal's key";
        return ReceiptCheck::bad_signature;
    }
    out = std::move(r);
    return ReceiptCheck::valid;
}

} // namespace kiosk
