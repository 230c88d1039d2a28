// Test hook (--trace-ui): records the rectangle of every tappable widget; prints them when the screen changes, so
// end-to-end tests can click by label, and keeps them for in-process screen tests.
#pragma once
#include <string>
#include <vector>

namespace kiosk::ui {

struct TracedItem {
    std::string label;  // the label as given (visible text, then any "##id"), line breaks as spaces
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

void enable_trace(bool on, bool print = true);
bool trace_enabled();
void trace_item(const std::string& label, float x0, float y0, float x1, float y1);
// Ends the frame: prints the items if they differ from the last printed set (when printing is on and the frame is shown:
// a frame drawn unseen while a new screen settles is not what a person can tap).
void trace_end_frame(bool shown = true);
// The items of the last finished frame.
const std::vector<TracedItem>& traced_items();

} // namespace kiosk::ui
