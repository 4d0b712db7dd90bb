// Export (issue 5): from one workflow document, a starter project: Terraform, a Python handler for
// aws_durable_execution_sdk_python, a Node.js handler for @aws/durable-execution-sdk-js, a test for each
// with the official testing libraries, and a README. Pure functions of the document: no I/O, no clock, so
// the page and the CLI produce the same bytes.
//
//   auto files = dp::exporter::export_project(doc, {.language = Language::Both});
//   for (const auto& f : files) write(dir / f.path, f.content);
//   auto lines = dp::exporter::statement_lines(doc, Language::NodeJs); // "$.handler[2]" -> lines 30-34
#pragma once

#include <string>
#include <vector>

#include "workflow/document.hpp"

namespace dp::exporter {

enum class Language { Python, NodeJs, Both };

// One generated file: a path relative to the project root ("python/lambda_function.py") and its text.
struct ExportFile {
  std::string path;
  std::string content;
};

// Where a statement ended up in a generated handler: 1-based, inclusive line numbers.
struct StatementLines {
  std::string path;   // Statement::path, e.g. "$.handler[2]" or "$.handler[3].body[0]"
  int first_line = 0; // the statement where it runs: the call site (`context.step(validate_order(...))`)
  int last_line = 0;
  // The function that holds its body when that stands apart from the call site (Python's module-level
  // `@durable_step` and `@durable_with_child_context` functions; every branch function of a parallel);
  // 0 when the body is written inside the call (JavaScript's arrow functions) or there is none.
  int body_first_line = 0;
  int body_last_line = 0;
};

struct ExportOptions {
  Language language = Language::Both;
};

// Every file of the project, in a fixed order. Terraform and README describe the languages chosen; with
// Both, the Terraform deploys the flavour the document's runtime names.
std::vector<ExportFile> export_project(const workflow::Document& doc, const ExportOptions& options = {});

// The project's Terraform (versions.tf, variables.tf, main.tf, outputs.tf, as export_project writes them)
// joined into one text in that order, one blank line between files: what the page's Terraform panel opens
// on, and examples/terraform/order-lesson/00_blog.tf for the order workflow.
std::string terraform_single_file(const workflow::Document& doc, Language language = Language::Both);

// The generated handler file for one language ("python/lambda_function.py" or "nodejs/index.mjs").
ExportFile handler_file(const workflow::Document& doc, Language language);

// Line ranges of every statement in that handler, in document order (outer statements before the ones
// they contain). The page highlights the selected statement's lines.
std::vector<StatementLines> statement_lines(const workflow::Document& doc, Language language);

// Parses "python", "nodejs" or "both".
bool parse_language(const std::string& text, Language& out);

} // namespace dp::exporter
