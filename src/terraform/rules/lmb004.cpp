// LMB004: handler empty, longer than 128 characters or containing whitespace (Lambda API pattern).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_LMB004(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    Value v = ctx.value(f.block, f.file, "handler");
    if (!v.is_literal_string())
      continue;
    bool space = v.s.find_first_of(" \t\r\n") != std::string::npos;
    if (v.s.empty() || v.s.size() > 128 || space)
      ctx.report("LMB004", Severity::Error, "Invalid handler",
                 v.s.empty()
                     ? "handler must not be empty; use file.export (Node.js) or module.function (Python)."
                 : space ? "handler \"" + v.s + "\" contains whitespace, which Lambda does not accept."
                         : "handler is longer than 128 characters.",
                 v.range());
  }
}

} // namespace dp::tf
