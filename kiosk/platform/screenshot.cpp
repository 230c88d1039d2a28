// glReadPixels of the rendered frame, flipped to top-down rows, written with stb_image_write.
#include "screenshot.hpp"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <cstring>
#include <vector>

namespace kiosk::platform {

bool save_screenshot(const std::string& path, int width, int height, std::string& error) {
    if (width <= 0 || height <= 0) {
        error = "empty framebuffer";
        return false;
    }
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<unsigned char> pixels(stride * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL rows start at the bottom; PNG rows at the top.
    std::vector<unsigned char> row(stride);
    for (int y = 0; y < height / 2; ++y) {
        unsigned char* a = pixels.data() + stride * static_cast<std::size_t>(y);
        unsigned char* b = pixels.data() + stride * static_cast<std::size_t>(height - 1 - y);
        std::memcpy(row.data(), a, stride);
        std::memcpy(a, b, stride);
        std::memcpy(b, row.data(), stride);
    }
    for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the window is opaque
    if (!stbi_write_png(path.c_str(), width, height, 4, pixels.data(), static_cast<int>(stride))) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

} // namespace kiosk::platform
