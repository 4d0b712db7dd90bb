// The Python project around lambda_function.py: requirements.txt and tests/test_handler.py.
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {

std::vector<ExportFile> python_project_files(const workflow::Document&) {
  return {};
}

} // namespace dp::exporter
