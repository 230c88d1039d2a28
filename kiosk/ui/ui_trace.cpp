// Collects widget rectangles for one frame and prints them as ITEM lines between ITEMS BEGIN/END when they change.
#include "ui_trace.hpp"

#include <cstdio>

namespace kiosk::ui {

namespace {
struct TraceState {
    bool on = false;
    bool print = true;
    std::vector<TracedItem> frame;
    std::vector<TracedItem> last;
    std::vector<std::string> printed;
};
TraceState& state() {
    static TraceState s;  // test-only switch, set once at start-up
    return s;
}
std::string line_of(const TracedItem& t) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "ITEM %d %d %d %d ", static_cast<int>(t.x0), static_cast<int>(t.y0), static_cast<int>(t.x1),
                  static_cast<int>(t.y1));
    return buf + t.label;
}
} // namespace

void enable_trace(bool on, bool print) {
    state().on = on;
    state().print = print;
}
bool trace_enabled() { return state().on; }

void trace_item(const std::string& label, float x0, float y0, float x1, float y1) {
    if (!state().on) return;
    std::string visible = label;  // the "##id" part stays: tests tell apart buttons with the same text by it
    for (char& c : visible)
        if (c == '\n' || c == '\t') c = ' ';
    state().frame.push_back({visible, x0, y0, x1, y1});
}

void trace_end_frame(bool shown) {
    auto& s = state();
    if (!s.on) return;
    s.last = std::move(s.frame);
    s.frame.clear();
    if (!s.print || !shown) return;
    std::vector<std::string> lines;
    lines.reserve(s.last.size());
    for (const auto& t : s.last) lines.push_back(line_of(t));
    if (lines != s.printed) {
        std::printf("ITEMS BEGIN\n");
        for (const auto& line : lines) std::printf("%s\n", line.c_str());
        std::printf("ITEMS END\n");
        std::fflush(stdout);
        s.printed = std::move(lines);
    }
}

const std::vector<TracedItem>& traced_items() { return state().last; }

} // namespace kiosk::ui
