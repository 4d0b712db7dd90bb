// Diagnostics rendering: Terraform's text layout (hcl diagnostic_text.go), the JSON of
// `terraform validate -json` plus `rule` and the `info` severity, and a one-line form for editor gutters.
#pragma once

#include <string>

#include "base/json.hpp"
#include "terraform/validate.hpp"

namespace dp::tf {

// "Error: summary", "  on FILE line N, in resource ...:", the source line with the subject underlined,
// then the detail and "Rule ID." (with the rule's fix when `explain` is set).
std::string render_text(const Report& report, bool color = false, bool explain = false);
// {"format_version","valid","error_count","warning_count","info_count","diagnostics":[...]}.
Json render_json(const Report& report);
// main.tf:36:19: error: DUR001 summary
std::string render_line(const Diagnostic& d);
// Every rule with its severity and explanation: [{"id","severity","title","what","why","fix","source"}].
Json render_rules();

} // namespace dp::tf
