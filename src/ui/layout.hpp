// The dock layout: four regions (left, centre, bottom, right) split by draggable bars, each region a tab
// bar of panels. Dear ImGui 1.90.1 (Debian's, not the docking branch) has no DockSpace, so this is ours:
// the arrangement is plain data, saved to localStorage and restorable with View > Reset layout.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ui/panel.hpp"

namespace dp::ui {

enum class Region { Left, Center, Bottom, Right };
inline constexpr int kRegionCount = 4;
const char* region_name(Region region);

struct Layout {
  // The centre column holds the Code panel: 100 columns of code at the default scale on a 1600-pixel page.
  float left_fraction = 0.22f;   // of the width
  float right_fraction = 0.20f;  // of the width
  float bottom_fraction = 0.42f; // of the centre column's height
  // Panel ids per region, in tab order, and the id of the tab to select next frame ("" = keep).
  std::vector<std::string> tabs[kRegionCount];
  std::string focus_request[kRegionCount];
  // The panel each region shows ("" = its first), and the one the merged right column of the two-column
  // layout shows (at first the right column's). Not saved.
  std::string shown[kRegionCount];
  std::string shown_merged;
  // Regions with no panel take no room (presenter mode's story layouts; not saved): the left, right and
  // bottom regions fold away, the centre stays.
  bool fold_empty_regions = false;

  static Layout defaults();
  std::string save() const;                    // one line of text for localStorage
  static Layout load(const std::string& text); // falls back to defaults() on anything unexpected
  void move_panel(const std::string& panel_id, Region to);
  void focus(const std::string& panel_id); // selects the panel's tab
};

// The panels drawn in the last frame and how long each one's draw() took (ms); for tools/bench-web and
// the tests (which panel a region shows).
std::map<std::string, double>& panel_times();

// Draws the layout into the area below the menu bar; returns true when the arrangement changed.
bool draw_layout(Layout& layout, std::vector<Panel*>& panels, PanelContext& context, ImVec2 origin,
                 ImVec2 size);

} // namespace dp::ui
