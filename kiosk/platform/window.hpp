// The kiosk's one window: borderless full screen on the primary monitor (or a development window), OpenGL 3.3 core.
#pragma once
#include <string>

struct GLFWwindow;

namespace kiosk::platform {

struct WindowOptions {
    int width = 0;   // 0 = full screen on the primary monitor
    int height = 0;
    std::string title = "千代田区 SNSガイドライン研修";
    bool visible = true;
};

class Window {
public:
    explicit Window(const WindowOptions& o);  // throws std::runtime_error with a readable message
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    GLFWwindow* handle() const { return window_; }
    float content_scale() const;  // monitor DPI relative to 96 dpi
    void framebuffer_size(int& w, int& h) const;

private:
    GLFWwindow* window_ = nullptr;
};

} // namespace kiosk::platform
