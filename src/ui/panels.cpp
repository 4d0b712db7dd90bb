// Every panel of the page, in one readable list (like ImHex's registerViews). Adding a panel: write
// src/ui/<name>_panel.cpp, add it here and to Layout::defaults().
#include "ui/app.hpp"
#include "ui/panels.hpp"

namespace dp::ui {

std::vector<std::unique_ptr<Panel>> make_panels() {
  std::vector<std::unique_ptr<Panel>> panels;
  panels.push_back(make_workflow_editor());
  return panels;
}

} // namespace dp::ui
