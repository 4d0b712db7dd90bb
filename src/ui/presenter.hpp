// Presenter mode: the page for a projector. Body text as large as the screen allows by default (32 px at a
// projector's 1280x720 and above: the Run controls and two lines of the story still fit; less on a smaller
// screen) or at a chosen size, high-contrast colours in both themes, and a simple layout of only the
// panels a story needs (run controls, timeline, operations, story and code when the page has them). Turned
// on in View > Presenter mode or by the address ("?presenter=1" or "#…&presenter=1"); its settings survive
// a reload (localStorage, like the theme and the UI scale).
#pragma once

#include <string>
#include <vector>

#include "base/json.hpp"
#include "imgui.h"
#include "ui/layout.hpp"
#include "ui/panel.hpp"
#include "ui/theme.hpp"

namespace dp::ui {

class Presenter {
public:
  static constexpr float kFitFontPx = 0.0f; // m_font_px for "as large as the screen allows"
  static constexpr float kFontSizes[] = {20.0f, 24.0f, 28.0f, 32.0f, 36.0f, 40.0f, 48.0f};

  // Reads the saved settings, then the address (which wins); `panels` says which panels exist.
  void load(const std::vector<Panel*>& panels);
  void save() const;

  bool enabled() const { return m_enabled; }
  void set_enabled(bool enabled);
  // The text size drawn with: the chosen one, or the fitted one for the screen (CSS pixels).
  float font_px() const;
  bool fits_screen() const { return m_font_px == kFitFontPx; }
  void set_font_px(float px); // kFitFontPx: fit the screen
  void set_screen_size(float width, float height) { m_screen = ImVec2(width, height); }
  // One size of kFontSizes up (+1) or down (-1), saved; false at either end.
  bool step_font(int direction);
  // The UI scale to draw with: the presenter's text size when on, else the user's `normal` scale.
  float ui_scale(float normal) const;
  Layout& layout() { return m_layout; }
  // The layout to draw: with a demo script or lesson open, only its panels (`story_panels`), each in its
  // usual region, the regions left empty folded away; else the presenter's layout. Splitter positions are
  // shared (keep_fractions after a drag).
  Layout& layout_for(const std::vector<std::string>* story_panels);
  void keep_fractions(const Layout& dragged);

  // Raises the contrast of the current style (after apply_theme) when presenter mode is on.
  void apply_contrast(Theme theme) const;
  // The View menu's items: the toggle and the text size; true when a setting changed.
  bool draw_menu_items();
  void test_state(Json& out) const;

private:
  Layout presenter_layout(const std::vector<Panel*>& panels) const;

  bool m_enabled = false;
  float m_font_px = kFitFontPx;
  ImVec2 m_screen; // CSS pixels; zero until the platform tells it
  Layout m_layout;
  Layout m_story_layout;                // for the panel list below
  std::vector<std::string> m_story_ids; // the panels m_story_layout was built for
};

} // namespace dp::ui
