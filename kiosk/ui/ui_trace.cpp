// Collects widget rectangles for one frame and prints them as ITEM lines between ITEMS BEGIN/END when they change.
#include "ui_trace.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace kiosk::ui {

namespace {
struct TraceState {
    bool on = false;
    std::vector<std::string> frame;
    std::vector<std::string> printed;
};
TraceState& state() {
    static TraceState s;  // test-only switch, set once at start-up
    return s;
}
} // namespace

void enable_trace(bool on) { state().on = on; }
bool trace_enabled() { return state().on; }

void trace_item(const std::string& label, float x0, float y0, float x1, float y1) {
    if (!state().on) return;
    std::string visible = label.substr(0, label.find("##"));
    for (char& c : visible)
        if (c == '\n' || c == '\t') c = ' ';
    char buf[96];
    std::snprintf(buf, sizeof buf, "ITEM %d %d %d %d ", static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1), static_cast<int>(y1));
    state().frame.push_back(buf + visible);
}

void trace_end_frame() {
    auto& s = state();
    if (!s.on) return;
    if (s.frame != s.printed) {
        std::printf("ITEMS BEGIN\n");
        for (const auto& line : s.frame) std::printf("%s\n", line.c_str());
        std::printf("ITEMS END\n");
        std::fflush(stdout);
        s.printed = s.frame;
    }
    s.frame.clear();
}

} // namespace kiosk::ui
