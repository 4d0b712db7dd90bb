// Terraform for the exported function: versions.tf, main.tf, variables.tf, outputs.tf.
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {

std::vector<ExportFile> terraform_files(const workflow::Document&, Language) {
  return {};
}

} // namespace dp::exporter
