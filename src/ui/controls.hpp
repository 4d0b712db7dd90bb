// Named controls: panels tag the widgets a user (or an e2e test) acts on, and the test API reports where
// each was drawn in the last frame, so tests click real pixels instead of calling into the app.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "imgui.h"

namespace dp::ui {

struct ControlRect {
  ImVec2 min;
  ImVec2 max;
};

// Records the last submitted item's rectangle under `name` (only when it is visible).
void mark_control(std::string_view name);
// Records an explicit rectangle (custom widgets such as timeline bars).
void mark_control_rect(std::string_view name, ImVec2 min, ImVec2 max);
// Called at the start of each frame: controls not drawn again disappear.
void begin_controls_frame();
const std::map<std::string, ControlRect, std::less<>>& drawn_controls();

} // namespace dp::ui
