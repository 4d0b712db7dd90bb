// Internal: the handler generators' common result and entry points (node_handler.cpp, python_handler.cpp).
#pragma once

#include <string>
#include <vector>

#include "export/export.hpp"
#include "workflow/document.hpp"

namespace dp::exporter {

struct GeneratedHandler {
  std::string text;
  std::vector<StatementLines> lines;
  std::vector<std::string> invoked_functions; // names in doc.functions the handler calls, in order
};

GeneratedHandler generate_node_handler(const workflow::Document& doc);
GeneratedHandler generate_python_handler(const workflow::Document& doc);

// Files of each part (one generator per file).
std::vector<ExportFile> node_project_files(const workflow::Document& doc);   // package.json, tests
std::vector<ExportFile> python_project_files(const workflow::Document& doc); // requirements, tests
std::vector<ExportFile> terraform_files(const workflow::Document& doc, Language language);
ExportFile readme_file(const workflow::Document& doc, Language language);

// Shared facts about a document.
std::string durable_project_name(const workflow::Document& doc); // a safe package/folder name

} // namespace dp::exporter

namespace dp::exporter {

// What the playground's engine shows for the document (run to the end, timeouts firing), for the tests
// the export writes.
struct SimulatedOutcome {
  bool finished = false;
  std::string status;                // "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"
  std::optional<std::string> result; // JSON text as the SDK returned it
  std::string error_type, error_message;
};
// `flavor` picks the SDK the engine imitates, whatever the document's runtime says: a Node.js test asserts
// what the JavaScript SDK does with the workflow, a Python test what the Python SDK does.
SimulatedOutcome simulate(const workflow::Document& doc, workflow::Flavor flavor);

// How much of the playground's outcome a real run of the document repeats (issue 10): a document that
// computes values with random(), uuid() or now() draws new ones on every real run, so the exported tests
// compare the result's shape (Values), or only that the execution ends, when an `if` decides on such a
// value and the path itself is left to chance (Path).
enum class Chance { None, Values, Path };
Chance chance_of(const workflow::Document& doc);

// The statement a callback answer in simulation.callbacks refers to (create_callback or wait_for_callback).
const workflow::Statement* find_callback_statement(const workflow::Body& body, const std::string& name);

} // namespace dp::exporter
