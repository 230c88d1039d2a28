// QR code modules for a text (libqrencode), for the completion receipt on the results screen; drawing is the UI's.
#pragma once
#include <string_view>
#include <vector>

namespace kiosk {

struct QrCode {
    int size = 0;               // modules per side (0: the text could not be encoded)
    std::vector<bool> dark;     // size × size, row by row
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Byte mode, error correction level M (a smudged or partly covered printout still reads).
QrCode qr_encode(std::string_view text);

} // namespace kiosk
