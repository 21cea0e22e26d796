// The platform layer: a GLFW window with an OpenGL 3.3 core context and Dear ImGui bound to it.
//
// The loop is event-driven: it sleeps in glfwWaitEventsTimeout until input arrives and draws a
// few frames after each event so ImGui's state settles, so an idle window costs about 0% CPU.
// A `frames` budget (tests) draws continuously and exits after that many frames.
#pragma once

#include <chrono>
#include <functional>
#include <string>

struct GLFWwindow;

namespace impasse::gui {

struct PlatformConfig {
    std::string title = "Impasse";
    int width = 1280;
    int height = 800;
    int frames = 0;          // > 0: exit after this many frames
    std::string screenshot;  // PNG path for the last frame
    std::string ini_path;    // imgui.ini location ("" = none)
    bool timing = false;     // print start-up and mean frame times (benchmarks)
    // When the process started (main's first line), for the start-up figure of `timing`.
    std::chrono::steady_clock::time_point launched = std::chrono::steady_clock::now();
};

class Platform {
  public:
    // Returns "" on success, else a message (no display, no GL 3.3, ...).
    std::string open(const PlatformConfig& config);
    ~Platform();

    // Runs until the window closes or the frame budget ends. `prepare` runs before each frame,
    // outside of it (fonts may be rebuilt there); `frame` builds one ImGui frame and returns true
    // while it wants more frames drawn soon (an animation, a timer).
    int loop(const std::function<void()>& prepare, const std::function<bool()>& frame);

    // Asks the loop to draw again soon (after a change that no input caused).
    void request_redraw() { redraw_frames_ = 3; }
    // How long the loop may sleep without input (seconds; a screen that polls sets it lower).
    void set_idle_wait(double seconds) { idle_wait_ = seconds; }
    float content_scale() const { return content_scale_; }
    GLFWwindow* window() const { return window_; }

  private:
    bool write_screenshot(const std::string& path);

    GLFWwindow* window_ = nullptr;
    PlatformConfig config_;
    std::string ini_path_;
    float content_scale_ = 1.0f;
    int redraw_frames_ = 3;
    double idle_wait_ = 5.0;
    bool imgui_ready_ = false;
};

}  // namespace impasse::gui
