// Fonts and colours: Inter for the UI, JetBrains Mono for JSON and ids, rasterised at the device pixel
// scale; a dark and a light theme, plus the status colours every panel shares.
#pragma once

#include "imgui.h"

namespace dp::ui {

enum class Theme { Dark, Light };

// The body text's size in UI units (pixels at 100% and devicePixelRatio 1).
inline constexpr float kUiFontSize = 15.0f;

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* ui_bold = nullptr;
  ImFont* code = nullptr;
};

// Rebuilds the font atlas at `pixel_scale` (devicePixelRatio x UI scale) and rescales the style.
// The caller re-uploads the atlas texture.
Fonts build_fonts(float pixel_scale);
void apply_theme(Theme theme, float pixel_scale);

// Status colours (AWS statuses), readable on both themes; each status also has a glyph so colour is
// never the only signal.
struct StatusLook {
  ImU32 color;
  const char* glyph;
};
StatusLook status_look(const char* status, Theme theme);

// Timeline colours as linear RGBA for the shader.
struct TimelinePalette {
  ImVec4 executed;
  ImVec4 replayed;
  ImVec4 failed;
  ImVec4 wait;
  ImVec4 hibernation;
  ImVec4 callback;
  ImVec4 context;
  ImVec4 retry_marker;
  ImVec4 selection;
  ImVec4 crash;
};
TimelinePalette timeline_palette(Theme theme);

// Muted text colour for help and empty states.
ImVec4 muted_text();

// The colour that says "this is the past" (time travel's PAST, in the bar and the Run panel).
ImVec4 past_color(Theme theme);

} // namespace dp::ui
