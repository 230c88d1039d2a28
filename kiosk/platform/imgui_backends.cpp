// ImGui's GLFW and OpenGL3 backends (sources shipped by libimgui-dev), compiled here so the renderer uses glad.
#include <glad/gl.h>
#define IMGUI_IMPL_OPENGL_LOADER_CUSTOM
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#include IMGUI_OPENGL3_SOURCE
#include IMGUI_GLFW_SOURCE
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
