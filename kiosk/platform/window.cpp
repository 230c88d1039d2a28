// Creates the GLFW window and OpenGL context and loads GL through glad.
#include "window.hpp"

#include <glad/gl.h>
#include <GLFW/glfw3.h>

#include <stdexcept>

namespace kiosk::platform {

namespace {
std::string last_glfw_error() {
    const char* description = nullptr;
    glfwGetError(&description);
    return description ? description : "unknown error";
}
} // namespace

Window::Window(const WindowOptions& o) {
    if (!glfwInit())
        throw std::runtime_error("cannot open the display (" + last_glfw_error() + "); is DISPLAY or WAYLAND_DISPLAY set?");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, o.visible ? GLFW_TRUE : GLFW_FALSE);

    if (o.width > 0 && o.height > 0) {
        window_ = glfwCreateWindow(o.width, o.height, o.title.c_str(), nullptr, nullptr);
    } else {
        // Borderless full screen: a window the size of the primary monitor's current mode, without decoration.
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (!mode) {
            glfwTerminate();
            throw std::runtime_error("no monitor found: " + last_glfw_error());
        }
        glfwWindowHint(GLFW_RED_BITS, mode->redBits);
        glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
        glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
        glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        window_ = glfwCreateWindow(mode->width, mode->height, o.title.c_str(), monitor, nullptr);
    }
    if (!window_) {
        const std::string why = last_glfw_error();
        glfwTerminate();
        throw std::runtime_error("cannot create an OpenGL 3.3 window: " + why);
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);
    if (!gladLoadGL(glfwGetProcAddress)) {
        glfwDestroyWindow(window_);
        glfwTerminate();
        throw std::runtime_error("cannot load OpenGL 3.3 functions");
    }
}

Window::~Window() {
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

float Window::content_scale() const {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(window_, &x, &y);
    return x > 0.0f ? x : 1.0f;
}

void Window::framebuffer_size(int& w, int& h) const { glfwGetFramebufferSize(window_, &w, &h); }

} // namespace kiosk::platform
