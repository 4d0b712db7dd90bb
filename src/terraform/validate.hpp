// The validator's public API, for the CLI and the page alike: parse and validate in-memory texts, get
// diagnostics with exact ranges and rule ids, and look up each rule's explanation (what, why, how to fix,
// source). No file system access here: the caller reads files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "terraform/model.hpp"
#include "terraform/parser.hpp"

namespace dp::tf {

struct SourceText {
  std::string filename;
  std::string text;
};

struct ValidateOptions {
  ParseOptions parse;
  std::optional<int> audit_min_days; // host setting for DUR016
  std::vector<SourceText> previous;  // edit mode: the previous state of the files (DUR017)
};

struct Report {
  Module module;           // the parsed files and their symbol tables
  Diagnostics diagnostics; // ordered by file, then position
  int error_count = 0;
  int warning_count = 0;
  int info_count = 0;
};

// Validates the files as one Terraform module (like a directory).
Report validate(std::vector<SourceText> files, const ValidateOptions& options = {});

struct RuleInfo {
  const char* id;
  Severity severity; // the usual severity (some rules also emit a milder one, see `what`)
  const char* title;
  const char* what;   // when it fires
  const char* why;    // why it matters
  const char* fix;    // how to fix it
  const char* source; // link to the documentation that backs it
};

const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(std::string_view id);

} // namespace dp::tf
