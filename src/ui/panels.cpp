// Every panel of the page, in one readable list (like ImHex's registerViews). Adding a panel: write
// src/ui/<name>_panel.cpp, add it here and to Layout::defaults().
#include "ui/panels.hpp"
#include "ui/app.hpp"

namespace dp::ui {

std::vector<std::unique_ptr<Panel>> make_panels() {
  std::vector<std::unique_ptr<Panel>> panels;
  panels.push_back(make_workflow_editor());
  panels.push_back(make_story_panel());
  panels.push_back(make_run_panel());
  panels.push_back(make_callbacks_panel());
  panels.push_back(make_faults_panel());
  panels.push_back(make_timeline_panel());
  panels.push_back(make_code_panel());
  panels.push_back(make_executions_panel());
  panels.push_back(make_compare_panel());
  panels.push_back(make_operations_panel());
  panels.push_back(make_history_panel());
  panels.push_back(make_checkpoints_panel());
  panels.push_back(make_terraform_panel());
  panels.push_back(make_export_panel());
  return panels;
}

} // namespace dp::ui
