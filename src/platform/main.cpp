// The page's entry point: GLFW + WebGL2 window on #canvas, Dear ImGui, the browser main loop with idle
// throttling, the canvas kept at CSS size x devicePixelRatio, and the extern "C" API the e2e tests call.
//
// Pixels: Emscripten 3.1.6's built-in GLFW has no HiDPI support (its window size is the canvas backing
// size, and it scales mouse events to backing pixels; library_browser.js calculateMouseEvent). So ImGui
// works in device pixels with DisplayFramebufferScale 1, and the UI (fonts, style) is scaled by
// devicePixelRatio x the user's UI scale. Fonts are rasterised at that size, so text is crisp at any DPR,
// and hit-testing matches because mouse and drawing use the same pixels.
#include <cstdio>
#include <string>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "platform/gl_state.hpp"
#include "platform/platform.hpp"
#include "ui/app.hpp"

// clang-format off
// Resizes the canvas backing store to its CSS size x devicePixelRatio; GLFW hears it through
// Browser.setCanvasSize's resize listeners. Returns the ratio (0 when nothing changed).
EM_JS(double, dp_js_fit_canvas, (), {
  var canvas = Module.canvas;
  var dpr = window.devicePixelRatio || 1;
  var w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  var h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) Browser.setCanvasSize(w, h);
  return dpr;
});
// Input, resize and page events ask for frames; between them the loop draws nothing.
EM_JS(void, dp_js_install_wake, (), {
  var wake = function() { Module.dpLastInput = performance.now(); };
  Module.dpLastInput = performance.now();
  Module.dpWeb.wake = wake;
  ["mousemove", "mousedown", "mouseup", "wheel", "touchstart", "touchmove", "touchend"].forEach(function(type) {
    Module.canvas.addEventListener(type, wake, { passive: true, capture: true });
  });
  ["keydown", "keyup", "keypress", "resize", "focus", "blur", "paste"].forEach(function(type) {
    window.addEventListener(type, wake, true);
  });
  // A DPR change (browser zoom, another monitor) fires no resize in every browser: watch it too.
  var watchRatio = function() {
    var query = window.matchMedia("(resolution: " + (window.devicePixelRatio || 1) + "dppx)");
    query.addEventListener("change", function() { wake(); watchRatio(); }, { once: true });
  };
  watchRatio();
});
// True when this frame should be drawn: recent input (tooltips and hover need a short tail of frames),
// or frames requested by the app (a run that plays).
EM_JS(int, dp_js_should_draw, (double tail_ms), {
  if ((Module.dpFramesWanted || 0) > 0) { Module.dpFramesWanted--; return 1; }
  return performance.now() - Module.dpLastInput < tail_ms ? 1 : 0;
});
// Frame figures for tools/bench-web: the whole frame, and the part spent building the UI (the rest is
// ImGui's render and the GL submission).
EM_JS(void, dp_js_frame_drawn, (double ms, double build_ms), {
  Module.dpFrameCount = (Module.dpFrameCount || 0) + 1;
  Module.dpLastFrameMs = ms;
  Module.dpLastBuildMs = build_ms;
});
// GLFW's cursors are stubs in Emscripten 3.1.6: map ImGui's cursor to a CSS cursor on the canvas.
EM_JS(void, dp_js_set_cursor, (int cursor), {
  var names = ["default", "text", "move", "ns-resize", "ew-resize", "nesw-resize", "nwse-resize", "pointer", "not-allowed"];
  var name = cursor >= 0 && cursor < names.length ? names[cursor] : "none";
  if (Module.canvas.style.cursor !== name) Module.canvas.style.cursor = name;
});
// clang-format on

namespace {

struct Platform {
  GLFWwindow* window = nullptr;
  dp::ui::App app;
  float font_scale = 0.0f; // devicePixelRatio x UI scale the current font atlas was built for
  bool first_frame_done = false;
  std::string text_buffer; // keeps strings handed to JS alive until the next call
};

Platform* g_platform = nullptr; // the one page; reached from the main loop and the test API

const char* clipboard_get(void* user_data) {
  auto* platform = static_cast<Platform*>(user_data);
  platform->text_buffer = dp::platform::clipboard_text();
  return platform->text_buffer.c_str();
}

void clipboard_set(void*, const char* text) {
  dp::platform::copy_to_clipboard(text);
}

// The mouse wheel, heard on the canvas. ImGui's GLFW backend listens on the document and calls
// preventDefault there, which Chromium refuses (wheel listeners on the document are passive) and logs as
// an error for every wheel event; on the canvas preventDefault works and keeps the page from scrolling.
// Steps as the backend counts them (imgui_impl_glfw.cpp, ImGui_ImplEmscripten_WheelCallback): 100 pixels,
// 3 lines or 1/80 page make one step, and the browser's "down" is ImGui's negative.
EM_BOOL wheel_on_canvas(int, const EmscriptenWheelEvent* event, void*) {
  const float per_step = event->deltaMode == DOM_DELTA_PIXEL  ? 0.01f
                         : event->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f
                                                              : 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-event->deltaX) * per_step,
                                    static_cast<float>(-event->deltaY) * per_step);
  return EM_TRUE;
}

// The browser's auto-repeats of the keys that step through things (platform::take_key_repeats), counted
// until the app takes them. Installed before ImGui's backend, which calls it first and then drops repeats.
int g_key_repeats[6] = {};

void count_key_repeats(GLFWwindow*, int key, int, int action, int) {
  using dp::platform::RepeatingKey;
  constexpr struct {
    int glfw;
    RepeatingKey key;
  } kKeys[] = {{GLFW_KEY_LEFT, RepeatingKey::Left},      {GLFW_KEY_RIGHT, RepeatingKey::Right},
               {GLFW_KEY_PAGE_UP, RepeatingKey::PageUp}, {GLFW_KEY_PAGE_DOWN, RepeatingKey::PageDown},
               {GLFW_KEY_HOME, RepeatingKey::Home},      {GLFW_KEY_END, RepeatingKey::End}};
  if (action == GLFW_REPEAT)
    for (const auto& k : kKeys)
      if (k.glfw == key)
        ++g_key_repeats[static_cast<int>(k.key)];
}

void frame() {
  Platform& p = *g_platform;
  const double ratio = dp_js_fit_canvas();
  const bool continuous = p.app.wants_continuous_frames();
  if (p.first_frame_done && !continuous && dp_js_should_draw(700.0) == 0)
    return;

  const double start = dp::platform::now_ms();
  int canvas_w = 0;
  int canvas_h = 0;
  glfwGetFramebufferSize(p.window, &canvas_w, &canvas_h);
  p.app.set_screen_size(static_cast<float>(canvas_w / ratio), static_cast<float>(canvas_h / ratio));
  const float scale = static_cast<float>(ratio) * p.app.ui_scale();
  if (scale != p.font_scale) {
    p.font_scale = scale;
    p.app.rebuild_fonts_and_style(scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  p.app.frame();
  // ImGui takes fast input over several frames (a key's down and up never in the same frame: the input
  // queue trickles). The idle page draws only for a while after the last input, so a burst of typing on a
  // slow machine could stay half in the queue until the next mouse move: draw until the queue is empty.
  if (!ImGui::GetCurrentContext()->InputEventsQueue.empty())
    dp::platform::request_frames(1);
  ImGui::Render();
  const double built = dp::platform::now_ms();
  static_assert(ImGuiMouseCursor_NotAllowed == 8,
                "the CSS cursor table in dp_js_set_cursor follows ImGuiMouseCursor_");
  dp_js_set_cursor(ImGui::GetMouseCursor());

  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(p.window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  dp_js_frame_drawn(dp::platform::now_ms() - start, built - start);

  if (!p.first_frame_done) {
    p.first_frame_done = true;
    dp::platform::notify_first_frame();
  }
}

} // namespace

int dp::platform::take_key_repeats(RepeatingKey key) {
  const int count = g_key_repeats[static_cast<int>(key)];
  g_key_repeats[static_cast<int>(key)] = 0;
  return count;
}

// --- Test API: plain C functions the e2e tests call through Module._dp_test_*; each returns JSON. ---
extern "C" {

// The app's state as JSON (selection, document, executions, timeline, storage, ...).
EMSCRIPTEN_KEEPALIVE const char* dp_test_state() {
  g_platform->text_buffer = g_platform->app.state_json();
  return g_platform->text_buffer.c_str();
}

// Where the named control was drawn in the last frame, in CSS pixels: {"x","y","w","h"} or null.
EMSCRIPTEN_KEEPALIVE const char* dp_test_control(const char* name) {
  const double ratio = dp_js_fit_canvas();
  g_platform->text_buffer = g_platform->app.control_rect_json(name, static_cast<float>(ratio));
  return g_platform->text_buffer.c_str();
}

// The names of all controls drawn in the last frame (a JSON array), to discover what tests can click.
EMSCRIPTEN_KEEPALIVE const char* dp_test_controls() {
  g_platform->text_buffer = g_platform->app.control_names_json();
  return g_platform->text_buffer.c_str();
}

// Test/bench only: replaces the workflow document with `text` (as File > Open would); returns the
// loader's error or "".
EMSCRIPTEN_KEEPALIVE const char* dp_test_load_document(const char* text) {
  g_platform->text_buffer = g_platform->app.load_document_for_test(text);
  return g_platform->text_buffer.c_str();
}

// Test only: "" when the page's copy of the GL state (src/platform/gl_state.hpp) matches WebGL's answer,
// else the first difference. Synchronous GL queries: never call it from a frame.
EMSCRIPTEN_KEEPALIVE const char* dp_test_gl_state_check() {
  return dp::platform::gl_state_check();
}

} // extern "C"

int main() {
  if (!glfwInit()) {
    dp::platform::report_error("GLFW could not start (is WebGL2 available?).");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  static Platform platform;
  g_platform = &platform;
  platform.window = glfwCreateWindow(1280, 720, "Durable Playground", nullptr, nullptr);
  if (platform.window == nullptr) {
    dp::platform::report_error("A WebGL2 context could not be created on this canvas.");
    return 1;
  }
  glfwMakeContextCurrent(platform.window);
  dp::platform::gl_state_init();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr; // layout goes to localStorage through the app (WantSaveIniSettings)
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  glfwSetKeyCallback(platform.window, count_key_repeats); // before the backend, which chains to it
  ImGui_ImplGlfw_InitForOpenGL(platform.window, true);
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
  emscripten_set_wheel_callback("#canvas", nullptr, false, wheel_on_canvas);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  // GLFW's clipboard is a stub in Emscripten 3.1.6: go through navigator.clipboard and the paste event.
  io.SetClipboardTextFn = clipboard_set;
  io.GetClipboardTextFn = clipboard_get;
  io.ClipboardUserData = &platform;

  dp_js_install_wake();
  dp_js_fit_canvas();
  platform.app.init();
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
