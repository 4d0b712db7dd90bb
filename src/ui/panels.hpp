// Factories of the panels (one file each); make_panels() in panels.cpp lists them.
#pragma once

#include <memory>

#include "ui/panel.hpp"

namespace dp::ui {

std::unique_ptr<Panel> make_workflow_editor();

} // namespace dp::ui
