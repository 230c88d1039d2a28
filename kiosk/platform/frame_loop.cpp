// Event-driven rendering: block in glfwWaitEvents until input or a timer; draw the extra frames ImGui 1.86 needs.
#include "frame_loop.hpp"

#include <chrono>

#include "key_queue.hpp"
#include "screenshot.hpp"

#include <glad/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace kiosk::platform {

namespace {

// Input arrives through GLFW callbacks; these are installed before ImGui's backend, which chains to them.
struct InputFlag {
    bool happened = false;
    bool screenshot_key = false;
    KeyQueue keys;  // handed to ImGui one key event a frame (see key_queue.hpp)
};

InputFlag& flag_of(GLFWwindow* w) { return *static_cast<InputFlag*>(glfwGetWindowUserPointer(w)); }

void install_input_callbacks(GLFWwindow* w) {
    glfwSetMouseButtonCallback(w, [](GLFWwindow* win, int, int, int) { flag_of(win).happened = true; });
    glfwSetCursorPosCallback(w, [](GLFWwindow* win, double, double) { flag_of(win).happened = true; });
    glfwSetScrollCallback(w, [](GLFWwindow* win, double, double) { flag_of(win).happened = true; });
    glfwSetWindowFocusCallback(w, [](GLFWwindow* win, int) { flag_of(win).happened = true; });
    glfwSetCursorEnterCallback(w, [](GLFWwindow* win, int) { flag_of(win).happened = true; });
    glfwSetWindowRefreshCallback(w, [](GLFWwindow* win) { flag_of(win).happened = true; });
    glfwSetFramebufferSizeCallback(w, [](GLFWwindow* win, int, int) { flag_of(win).happened = true; });
}

// Installed after ImGui's backend, replacing its key and character callbacks: the events wait in the queue and reach
// ImGui (through the backend's own callbacks) one key event a frame.
void install_key_queue(GLFWwindow* w) {
    glfwSetKeyCallback(w, [](GLFWwindow* win, int key, int scancode, int action, int mods) {
        InputFlag& f = flag_of(win);
        f.happened = true;
        if (key == GLFW_KEY_F12 && action == GLFW_PRESS) f.screenshot_key = true;
        f.keys.push({KeyEvent::Kind::key, key, scancode, action, mods, 0});
    });
    glfwSetCharCallback(w, [](GLFWwindow* win, unsigned int c) {
        InputFlag& f = flag_of(win);
        f.happened = true;
        f.keys.push({KeyEvent::Kind::character, 0, 0, 0, 0, c});
    });
}

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

int run_frame_loop(Window& window, FontAtlas& atlas, FrameHooks& hooks, const FrameOptions& options, FrameStats& stats) {
    GLFWwindow* w = window.handle();
    InputFlag input;
    glfwSetWindowUserPointer(w, &input);
    install_input_callbacks(w);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext(&atlas.imgui());
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(w, /*install_callbacks=*/true);
    install_key_queue(w);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    std::string error;
    FontFace face = atlas.face();
    if (!atlas.built() && !find_cjk_font(face, error)) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        throw std::runtime_error(error);
    }
    if (atlas.built()) hooks.fonts_built(stats.fonts);  // its texture is made with the first frame

    int screenshot_counter = 0;
    int frames_to_draw = 3;
    bool first_frame_done = false;
    int exit_code = 0;

    while (!glfwWindowShouldClose(w) && !hooks.quit_requested()) {
        FontRequest request;
        if (hooks.font_request(request)) {
            if (!atlas.build(face, request, stats.fonts, error)) throw std::runtime_error(error);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
            hooks.fonts_built(stats.fonts);
            frames_to_draw = std::max(frames_to_draw, 2);
        }

        if (frames_to_draw <= 0) {
            const bool settled_shot = !options.screenshot.empty() && options.frames <= 0;
            if (settled_shot) {
                frames_to_draw = 1;  // the UI has settled: draw it once more and capture it
            } else {
                const double due = hooks.seconds_until_due();
                const auto wake_at = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                          std::chrono::duration<double>(std::max(due, 0.0)));
                if (due < 0) glfwWaitEvents();
                else if (due > 0) glfwWaitEventsTimeout(due);
                else glfwPollEvents();
                // A timer that fell due draws one frame, judged by the time we meant to wake (not by asking again: the
                // next timer, e.g. the countdown's next second, is already pending by then).
                const bool timer_due = due >= 0 && std::chrono::steady_clock::now() >= wake_at - std::chrono::milliseconds(1);
                // Two extra frames after input: ImGui 1.86 needs them so that a quick click is not merged.
                frames_to_draw = input.happened ? 3 : (timer_due ? 1 : 0);
                input.happened = false;
                if (frames_to_draw == 0) continue;
            }
        } else {
            glfwPollEvents();
            if (input.happened) frames_to_draw = std::max(frames_to_draw, 3);
            input.happened = false;
        }

        input.keys.apply_frame([w](const KeyEvent& e) {
            if (e.kind == KeyEvent::Kind::character) ImGui_ImplGlfw_CharCallback(w, e.codepoint);
            else ImGui_ImplGlfw_KeyCallback(w, e.key, e.scancode, e.action, e.mods);
        });
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        hooks.draw();
        ImGui::Render();
        int fb_w = 0, fb_h = 0;
        window.framebuffer_size(fb_w, fb_h);
        glViewport(0, 0, fb_w, fb_h);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++stats.frames_drawn;
        --frames_to_draw;
        // Keys still queued, a screen that changed in this frame, or a layout still settling: draw again at once.
        if (!input.keys.empty()) frames_to_draw = std::max(frames_to_draw, 1);
        frames_to_draw = std::max(frames_to_draw, hooks.frames_wanted ? hooks.frames_wanted() : 0);
        // A frame drawn only to settle the layout of a new screen is not shown: the first frame a person sees is final.
        const bool presented = !hooks.present || hooks.present();
        if (options.print_stats) {  // benchmarks count the frames drawn in a time window
            std::printf("FRAME %ld %.1f\n", stats.frames_drawn, ms_since(options.started));
            std::fflush(stdout);
        }

        const bool settled = frames_to_draw <= 0 && presented;
        bool stop = false;
        if (!options.screenshot.empty() && presented &&
            ((options.frames > 0 && stats.frames_drawn >= options.frames) || (options.frames <= 0 && settled && stats.frames_drawn > 3))) {
            if (!save_screenshot(options.screenshot, fb_w, fb_h, error)) {
                std::fprintf(stderr, "kiosk: %s\n", error.c_str());
                exit_code = 1;
            }
            stop = true;
        }
        if (input.screenshot_key && !options.screenshot_dir.empty() && settled) {
            input.screenshot_key = false;
            std::filesystem::create_directories(options.screenshot_dir);
            char name[32];
            std::snprintf(name, sizeof name, "shot-%03d.png", ++screenshot_counter);
            const std::string path = (std::filesystem::path(options.screenshot_dir) / name).string();
            if (save_screenshot(path, fb_w, fb_h, error)) hooks.screenshot_saved(path);
            else std::fprintf(stderr, "kiosk: %s\n", error.c_str());
        }
        if (presented) glfwSwapBuffers(w);

        if (!first_frame_done && presented) {
            first_frame_done = true;
            stats.first_frame_ms = ms_since(options.started);
            std::printf("KIOSK READY first_frame_ms=%.1f glyphs=%d atlas=%dx%d atlas_ms=%.1f\n", stats.first_frame_ms,
                        stats.fonts.glyphs, stats.fonts.atlas_width, stats.fonts.atlas_height, stats.fonts.build_ms);
            std::fflush(stdout);
        }
        if (stop) break;
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    return exit_code;
}

} // namespace kiosk::platform
