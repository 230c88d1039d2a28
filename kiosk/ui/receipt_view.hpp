// The completion receipt on the results screen: signed with the terminal's key, drawn as a QR code.
#pragma once
#include "core/qr_code.hpp"

#include <string>

namespace kiosk {
class Session;
}

namespace kiosk::ui {

struct UiContext;

class ReceiptView {
public:
    // Signs the session's completion (nothing when it has none or no records file is open). Prints "RECEIPT <text>"
    // (a test hook, as RESULT is).
    void prepare(UiContext& ctx, const Session& session);
    void clear();
    void draw(UiContext& ctx) const;

private:
    std::string text_;
    QrCode qr_;
    std::string problem_;
};

} // namespace kiosk::ui
