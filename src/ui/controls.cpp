// Named controls for the e2e test hook (see controls.hpp).
#include "ui/controls.hpp"

#include "imgui_internal.h"

namespace dp::ui {
namespace {

// One registry for the page: panels record into it while drawing, the test API reads it between frames.
struct Registry {
  std::map<std::string, ControlRect, std::less<>> current;
  std::map<std::string, ControlRect, std::less<>> last_frame;
};
Registry g_registry;

} // namespace

void mark_control(std::string_view name) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImRect rect = g.LastItemData.Rect;
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  if (!clip.Overlaps(rect))
    return;
  ImRect visible = rect;
  visible.ClipWith(clip);
  mark_control_rect(name, visible.Min, visible.Max);
}

void mark_control_rect(std::string_view name, ImVec2 min, ImVec2 max) {
  g_registry.current.insert_or_assign(std::string(name), ControlRect{min, max});
}

void begin_controls_frame() {
  g_registry.last_frame.swap(g_registry.current);
  g_registry.current.clear();
}

const std::map<std::string, ControlRect, std::less<>>& drawn_controls() {
  return g_registry.last_frame;
}

} // namespace dp::ui
