// A diagnostic shaped like Terraform's (HCL diagnostic.go): terse summary, full-sentence detail,
// the tight subject range, an optional wider context, and our rule id (DUR004, HCL001 ...).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source_range.hpp"

namespace dp {

enum class Severity { Error, Warning, Info };

inline const char* severity_name(Severity s) {
  switch (s) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Info:
    return "info";
  }
  return "error";
}

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string summary;          // terse: "Invalid durable_config"
  std::string detail;           // sentences: what is wrong and what to do
  Range subject;                // the exact range to underline
  std::optional<Range> context; // a wider range, e.g. the enclosing block
  std::string rule;             // our id: "DUR004", "HCL001", "" when none
};

using Diagnostics = std::vector<Diagnostic>;

inline bool has_errors(const Diagnostics& diags) {
  for (const auto& d : diags)
    if (d.severity == Severity::Error)
      return true;
  return false;
}

} // namespace dp
