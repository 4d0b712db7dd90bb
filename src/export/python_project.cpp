// The Python project around lambda_function.py: requirements.txt and tests/test_handler.py, which runs the
// handler with the official testing library (aws-durable-execution-sdk-python-testing, time skipping on by
// default) and asserts the outcome the playground showed.
#include "base/json_text.hpp"
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {
namespace {

std::string test_file(const workflow::Document& doc) {
  SimulatedOutcome outcome = simulate(doc, workflow::Flavor::Python);
  CodeWriter w("    ");
  w.line("\"\"\"Asserts the outcome the playground showed for this workflow. Run with `python -m "
         "pytest`.\"\"\"");
  w.line();
  w.line("import json");
  w.line("import sys");
  w.line("from pathlib import Path");
  w.line();
  w.line("from aws_durable_execution_sdk_python.execution import InvocationStatus");
  w.line("from aws_durable_execution_sdk_python_testing.runner import DurableFunctionTestRunner");
  w.line();
  w.line("sys.path.insert(0, str(Path(__file__).resolve().parent.parent))");
  w.line("from lambda_function import lambda_handler  # noqa: E402");
  w.line();
  w.line("INPUT = " + literal_expr(doc.input, IdentStyle::Python));
  w.line();
  w.line();
  if (chance_of(doc) == Chance::Values) {
    w.line("def shape(value):");
    w.line("    \"\"\"Keys and types of a JSON value, without the values.\"\"\"");
    w.line("    if isinstance(value, dict):");
    w.line("        return {key: shape(item) for key, item in value.items()}");
    w.line("    if isinstance(value, list):");
    w.line("        return [shape(item) for item in value]");
    w.line("    if isinstance(value, bool) or value is None:");
    w.line("        return type(value).__name__");
    w.line("    return \"number\" if isinstance(value, (int, float)) else type(value).__name__");
    w.line();
    w.line();
  }
  std::set<std::string> none;
  w.line("def test_" + make_identifier(doc.name.empty() ? "workflow" : doc.name, IdentStyle::Python, none) +
         "():");
  w.indent();
  if (!doc.simulation.callbacks.empty())
    w.line("# The playground answered callbacks; answer them here with the runner's callback API if needed.");
  w.line("with DurableFunctionTestRunner(handler=lambda_handler) as runner:");
  w.line("    result = runner.run(input=json.dumps(INPUT), timeout=60)");
  Chance chance = chance_of(doc);
  if (outcome.finished && chance == Chance::Path) {
    w.line("# An `if` decides on a value computed with random(), uuid() or now(): a real run draws new ones, "
           "so");
    w.line("# it may take the other path (and fail as non-deterministic on a replay). It ends either way.");
    w.line("assert result.status in (InvocationStatus.SUCCEEDED, InvocationStatus.FAILED)");
  } else if (outcome.finished && chance == Chance::Values && outcome.status == "SUCCEEDED" &&
             outcome.result) {
    w.line("assert result.status is InvocationStatus.SUCCEEDED");
    w.line(
        "# The result holds values computed with random(), uuid() or now(), new on every run: compare its");
    w.line("# shape (keys and types), not the playground's values.");
    auto parsed = parse_json(*outcome.result);
    w.line("assert shape(json.loads(result.result)) == shape(" +
           (parsed.ok() ? literal_expr(*parsed, IdentStyle::Python) : std::string("None")) + ")");
  } else if (!outcome.finished) {
    w.line("# The playground's run did not end (a callback waits for an answer).");
    w.line("assert result is not None");
  } else {
    std::string status = outcome.status == "SUCCEEDED" ? "SUCCEEDED" : "FAILED";
    w.line("assert result.status is InvocationStatus." + status);
    if (outcome.status == "SUCCEEDED" && outcome.result) {
      auto parsed = parse_json(*outcome.result);
      if (parsed.ok())
        w.line("assert json.loads(result.result) == " + literal_expr(*parsed, IdentStyle::Python));
    }
  }
  w.dedent();
  return w.text();
}

} // namespace

std::vector<ExportFile> python_project_files(const workflow::Document& doc) {
  return {{"python/requirements.txt", "aws-durable-execution-sdk-python>=1.7.0\n"},
          {"python/requirements-dev.txt",
           "-r requirements.txt\naws-durable-execution-sdk-python-testing>=1.2.1\npytest>=8\n"},
          {"python/tests/test_handler.py", test_file(doc)}};
}

} // namespace dp::exporter
