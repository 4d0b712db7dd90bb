// The Python handler (python/lambda_function.py) for aws_durable_execution_sdk_python.
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {

GeneratedHandler generate_python_handler(const workflow::Document& doc) {
  GeneratedHandler out;
  out.text = "# TODO " + comment_text(doc.name) + "\n";
  return out;
}

} // namespace dp::exporter
