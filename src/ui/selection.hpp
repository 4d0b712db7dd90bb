// The one selection every panel reads and writes: click an operation in the timeline and the operations
// table, the history and the editor's outline follow.
#pragma once

#include <string>
#include <vector>

namespace dp::ui {

struct Selection {
  std::string execution_id;        // the execution the run panels show ("" = none yet)
  std::string operation_id;        // AWS operation Id ("" = none)
  std::string operation_name;      // its name, to find the statement in the editor
  int invocation = 0;              // 1-based invocation picked in the timeline (0 = none)
  std::vector<int> statement_path; // editor: indices from the handler down (see workflow_editor.hpp)

  void select_operation(const std::string& id, const std::string& name) {
    operation_id = id;
    operation_name = name;
  }
  void clear_operation() {
    operation_id.clear();
    operation_name.clear();
  }
};

} // namespace dp::ui
