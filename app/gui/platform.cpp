#include "gui/platform.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "gui/private_file.h"

namespace impasse::gui {
namespace {

// The process's peak resident memory (VmHWM) in KiB, or -1 when /proc cannot tell.
long peak_rss_kib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    std::fclose(f);
    return kib;
}

void glfw_error(int code, const char* message) {
    std::fprintf(stderr, "impasse: window system error %d: %s\n", code, message);
}

// Dear ImGui 1.86 reads key state once per frame, so a key pressed and released between two
// frames (fast typists, xdotool, remote desktops) would be lost. Releases that arrive together
// with a press are held back until the next frame.
struct KeyEvent {
    int key, scancode, mods;
};
std::vector<int> g_pressed_this_frame;
std::vector<KeyEvent> g_deferred_releases;

void on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
    // Any release in a batch that also pressed a key waits a frame, so that chords such as
    // Ctrl+Z survive even when the modifier went down one batch earlier.
    if (action == GLFW_RELEASE && !g_pressed_this_frame.empty()) {
        g_deferred_releases.push_back({key, scancode, mods});
        return;
    }
    if (action == GLFW_PRESS) g_pressed_this_frame.push_back(key);
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}

void on_content_scale(GLFWwindow* w, float, float) {
    if (auto* p = static_cast<Platform*>(glfwGetWindowUserPointer(w))) p->request_redraw();
}

}  // namespace

std::string Platform::open(const PlatformConfig& config) {
    config_ = config;
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) return "cannot open a window: no display (set DISPLAY, or use a subcommand)";
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    window_ = glfwCreateWindow(config.width, config.height, config.title.c_str(), nullptr, nullptr);
    if (!window_) return "cannot create an OpenGL 3.3 window";
    glfwSetWindowUserPointer(window_, this);
    glfwSetWindowContentScaleCallback(window_, on_content_scale);
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window_, &sx, &sy);
    content_scale_ = sx > 0 ? sx : 1.0f;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ini_path_ = config.ini_path;
    // ImGui writes imgui.ini with fopen (mode 0666 & ~umask); made 0600 first, it stays so.
    if (!ini_path_.empty() && !make_private_file(ini_path_, "; Impasse's window layout\n"))
        ini_path_.clear();
    io.IniFilename = ini_path_.empty() ? nullptr : ini_path_.c_str();
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    glfwSetKeyCallback(window_, on_key);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    imgui_ready_ = true;
    return "";
}

Platform::~Platform() {
    if (imgui_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

int Platform::loop(const std::function<void()>& prepare, const std::function<bool()>& frame) {
    int drawn = 0;
    using clock = std::chrono::steady_clock;
    auto started = clock::now();
    auto after_first = started;
    while (!glfwWindowShouldClose(window_)) {
        g_pressed_this_frame.clear();
        std::vector<KeyEvent> releases;
        releases.swap(g_deferred_releases);
        for (const auto& k : releases)
            ImGui_ImplGlfw_KeyCallback(window_, k.key, k.scancode, GLFW_RELEASE, k.mods);
        if (!releases.empty()) redraw_frames_ = std::max(redraw_frames_, 2);
        if (config_.frames > 0) {
            glfwPollEvents();
        } else if (redraw_frames_ > 0) {
            glfwPollEvents();
        } else {
            // Sleep until input arrives; wake at least every few seconds to keep clocks fresh.
            glfwWaitEventsTimeout(idle_wait_);
            redraw_frames_ = 3;
        }
        prepare();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        bool wants_more = frame();
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window_, &w, &h);
        glViewport(0, 0, w, h);
        // The clear paints the app's window background, so the full-screen shell window
        // draws none (with a software rasteriser, every full-screen fill costs a frame's worth).
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++drawn;
        if (drawn == 1) {
            glFinish();
            after_first = clock::now();
        }
        bool last = config_.frames > 0 && drawn >= config_.frames;
        if (last && !config_.screenshot.empty()) {
            if (!write_screenshot(config_.screenshot)) {
                std::fprintf(stderr, "impasse: cannot write screenshot %s\n",
                             config_.screenshot.c_str());
                return 1;
            }
        }
        glfwSwapBuffers(window_);
        if (last) {
            if (config_.timing && drawn > 1) {
                glFinish();
                double first_ms =
                    std::chrono::duration<double, std::milli>(after_first - started).count();
                double mean_ms =
                    std::chrono::duration<double, std::milli>(clock::now() - after_first).count() /
                    (drawn - 1);
                double launch_ms =
                    std::chrono::duration<double, std::milli>(after_first - config_.launched)
                        .count();
                std::printf(
                    "first frame %.1f ms, then %.3f ms per frame over %d frames; "
                    "start-up to first frame %.1f ms; peak RSS %ld KiB\n",
                    first_ms, mean_ms, drawn - 1, launch_ms, peak_rss_kib());
            }
            break;
        }
        if (wants_more)
            redraw_frames_ = 3;
        else if (redraw_frames_ > 0)
            --redraw_frames_;
    }
    return 0;
}

bool Platform::write_screenshot(const std::string& path) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    if (w <= 0 || h <= 0) return false;
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3) != 0;
}

}  // namespace impasse::gui
