// Receipt fields from the completion record and the content, the key from the records file, the code as filled squares.
#include "receipt_view.hpp"

#include "ui_context.hpp"
#include "widgets.hpp"

#include "core/dates.hpp"
#include "core/receipt.hpp"
#include "core/session.hpp"
#include "core/terminal_signing_key.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::ui {

void ReceiptView::clear() {
    text_.clear();
    qr_ = {};
    problem_.clear();
}

void ReceiptView::prepare(UiContext& ctx, const Session& session) {
    clear();
    const auto& c = session.completion();
    if (!c || !ctx.store) return;
    const Guideline& g = ctx.content.guideline;
    try {
        // The terminal named in the receipt is the one whose key signs it (the records' identity, not the host name).
        const Receipt r{c->staff_id, c->course_id, iso_date(c->completed_at), c->valid_until > 0 ? iso_date(c->valid_until) : "",
                        g.effective_date + "/" + g.hash.substr(0, 8), ctx.store->signing_key().terminal_id};
        text_ = sign_receipt(r, receipt_signing_key(*ctx.store));
    } catch (const std::exception& e) {
        problem_ = e.what();
        return;
    }
    qr_ = qr_encode(text_);
    if (qr_.size == 0) problem_ = "libqrencode";
    std::printf("RECEIPT %s\n", text_.c_str());
    std::fflush(stdout);
}

void ReceiptView::draw(UiContext& ctx) const {
    if (!problem_.empty()) {
        text_coloured(ctx.trf("results.receipt_unavailable", {{"reason", problem_}}), ctx.palette().wrong);
        return;
    }
    if (qr_.size == 0) return;
    ImGui::Spacing();
    text(ctx.tr("results.receipt_title"));
    // Whole pixels per module and a quiet zone of four modules, dark on white in every theme: what a camera reads.
    const float module = std::max(3.0f, std::floor(5.0f * unit()));
    const float side = module * static_cast<float>(qr_.size + 8);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 origin(std::floor(p.x), std::floor(p.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < qr_.size; ++y)
        for (int x = 0; x < qr_.size; ++x)
            if (qr_.at(x, y)) {
                const ImVec2 a(origin.x + module * static_cast<float>(x + 4), origin.y + module * static_cast<float>(y + 4));
                dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
            }
    ImGui::Dummy(ImVec2(side, side));
    muted(ctx.tr("results.receipt_hint"));
}

} // namespace kiosk::ui
