// SHA-256 (libsodium) for content versions and the records' hash chain.
#pragma once
#include <string>
#include <string_view>

namespace kiosk {

std::string sha256_hex(std::string_view bytes);

} // namespace kiosk
