// The timeline's GPU pass: every bar of every lane is one instance of a unit quad, drawn in a single
// glDrawArraysInstanced call from inside ImGui's draw list (an ImDrawCallback), so the bars sit under the
// panel's text and tooltips and tens of thousands of operations cost one draw call. Shaders:
// shaders/timeline.{vert,frag}.glsl, embedded at build time.
#pragma once

#include <cstdint>
#include <vector>

#include "imgui.h"

namespace dp::ui {

// One bar (layout matches the per-instance attributes of timeline.vert.glsl).
struct BarInstance {
  float start = 0.0f; // display time (see timeline_panel.cpp: compressed virtual time)
  float end = 0.0f;
  float lane = 0.0f;  // row index
  float flags = 0.0f; // 1 = replayed (hatched), 2 = selected (outlined), 4 = marker (thin, full height)
  float r = 0.0f, g = 0.0f, b = 0.0f, a = 1.0f;
};
static_assert(sizeof(BarInstance) == 32, "BarInstance must match the shader's two vec4 attributes");

inline constexpr float kBarReplayed = 1.0f;
inline constexpr float kBarSelected = 2.0f;
inline constexpr float kBarMarker = 4.0f;

// The view transform for one frame.
struct TimelineView {
  ImVec2 rect_min; // plot area, framebuffer pixels
  ImVec2 rect_max;
  double time_left = 0.0; // display time at rect_min.x
  double pixels_per_unit = 1.0;
  float lane_height = 20.0f; // pixels
  float bar_height = 14.0f;
  float scroll_y = 0.0f;
  float min_bar_width = 2.0f;
  float pixel_scale = 1.0f;
  ImVec4 outline{1, 1, 1, 1};
};

class TimelineRenderer {
public:
  TimelineRenderer() = default;
  ~TimelineRenderer();
  TimelineRenderer(const TimelineRenderer&) = delete;
  TimelineRenderer& operator=(const TimelineRenderer&) = delete;

  // Replaces the instance buffer (call when the bars change, not every frame).
  void upload(const std::vector<BarInstance>& bars);
  // Queues the pass into `draw_list` with this frame's view.
  void draw(ImDrawList* draw_list, const TimelineView& view);
  // Empty when the shaders compiled and linked; the GL info log otherwise (the panel shows it).
  const char* error() const { return m_error; }
  int bar_count() const { return m_count; }

private:
  bool ensure_program();
  static void render_callback(const ImDrawList* list, const ImDrawCmd* cmd);

  unsigned m_program = 0;
  unsigned m_vao = 0;
  unsigned m_buffer = 0;  // instances
  unsigned m_corners = 0; // the unit quad
  int m_count = 0;
  bool m_tried = false;
  const char* m_error = "";
  char m_log[1024] = {};
  TimelineView m_view;
  // Uniform locations.
  int m_u_viewport = -1, m_u_rect = -1, m_u_time = -1, m_u_lane = -1, m_u_min_width = -1, m_u_outline = -1,
      m_u_scale = -1;
};

} // namespace dp::ui
