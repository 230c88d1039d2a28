// libqrencode's QRcode_encodeData; bit 0 of each module byte is "dark".
#include "qr_code.hpp"

#include <qrencode.h>

namespace kiosk {

QrCode qr_encode(std::string_view text) {
    QrCode out;
    QRcode* q = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
    if (!q) return out;
    out.size = q->width;
    out.dark.resize(static_cast<std::size_t>(q->width) * static_cast<std::size_t>(q->width));
    for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = (q->data[i] & 1) != 0;
    QRcode_free(q);
    return out;
}

} // namespace kiosk
