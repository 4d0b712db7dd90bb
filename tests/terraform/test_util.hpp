// Helpers shared by the Terraform validator tests: parse or validate a snippet, list diagnostics as
// "LINE:COL severity RULE" lines.
#pragma once

#include <string>
#include <vector>

#include "terraform/parser.hpp"
#include "terraform/validate.hpp"

namespace dp::tf::test {

inline std::string diag_line(const Diagnostic& d) {
  return std::to_string(d.subject.start.line) + ":" + std::to_string(d.subject.start.column) + " " +
         severity_name(d.severity) + " " + d.rule;
}

inline std::vector<std::string> lines(const Diagnostics& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds)
    out.push_back(diag_line(d));
  return out;
}

inline Report check(const std::string& text, ValidateOptions options = {}) {
  return validate({SourceText{"main.tf", text}}, options);
}

inline std::vector<std::string> rules(const std::string& text, ValidateOptions options = {}) {
  Report r = check(text, options);
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    out.push_back(d.rule);
  return out;
}

inline bool fires(const std::string& text, const std::string& rule, ValidateOptions options = {}) {
  for (const auto& r : rules(text, options))
    if (r == rule)
      return true;
  return false;
}

inline File parse_ok(const std::string& text) {
  return parse("t.tf", text);
}

} // namespace dp::tf::test
