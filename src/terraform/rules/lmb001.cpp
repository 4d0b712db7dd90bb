// LMB001: runtime not in the Lambda runtime enum (provider validation, tflint
// aws_lambda_function_invalid_runtime).
#include "terraform/rules/rule.hpp"
#include "terraform/rules/runtimes.hpp"

namespace dp::tf {

void check_LMB001(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    Value v = ctx.value(f.block, f.file, "runtime");
    if (v.is_literal_string() && !is_known_runtime(v.s))
      ctx.report("LMB001", Severity::Error, "Invalid runtime",
                 "\"" + v.s +
                     "\" is not a Lambda runtime identifier (for example python3.13, nodejs22.x, java21).",
                 v.range());
  }
}

} // namespace dp::tf
