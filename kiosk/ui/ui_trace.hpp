// Test hook (--trace-ui): prints the rectangle of every tappable widget when the screen changes, so end-to-end tests can click by label.
#pragma once
#include <string>

namespace kiosk::ui {

void enable_trace(bool on);
bool trace_enabled();
void trace_item(const std::string& label, float x0, float y0, float x1, float y1);
// Prints the items of the frame if they differ from the last printed set.
void trace_end_frame();

} // namespace kiosk::ui
