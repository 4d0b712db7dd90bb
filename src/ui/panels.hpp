// Factories of the panels (one file each); make_panels() in panels.cpp lists them. Also the few actions
// more than one panel offers (the fault menu of an operation).
#pragma once

#include <memory>
#include <string>

#include "engine/aws_shapes.hpp"
#include "ui/panel.hpp"
#include "workflow/document.hpp"

namespace dp::ui {

std::unique_ptr<Panel> make_workflow_editor();
std::unique_ptr<Panel> make_run_panel();
std::unique_ptr<Panel> make_faults_panel();
std::unique_ptr<Panel> make_callbacks_panel();
std::unique_ptr<Panel> make_timeline_panel();
std::unique_ptr<Panel> make_operations_panel();
std::unique_ptr<Panel> make_history_panel();
std::unique_ptr<Panel> make_checkpoints_panel();
std::unique_ptr<Panel> make_executions_panel();
std::unique_ptr<Panel> make_compare_panel();
std::unique_ptr<Panel> make_terraform_panel();
std::unique_ptr<Panel> make_export_panel();
std::unique_ptr<Panel> make_code_panel();
std::unique_ptr<Panel> make_story_panel();

// The fault items of an operation's context menu (faults_panel.cpp): crash before the body, after the
// body (side effect done, no checkpoint), after the checkpoint; time the invocation out; fail the step on
// attempt N. They edit the document's simulation plan; the next execution started applies them.
void fault_menu_items(PanelContext& ctx, const std::string& operation_name, engine::OperationType type,
                      int occurrence = 1);
// One line: what a crash after a step's body (before its checkpoint) does under the step's semantics and
// retry strategy. At most once per retry still runs the body again on the next attempt (the SDK's
// behaviour); only with no retry left does the step fail as interrupted (StepInterruptedError).
std::string crash_after_body_line(const workflow::Statement& step);

} // namespace dp::ui
