// LMB007: deprecated runtime (warning), as tflint's aws_lambda_function_deprecated_runtime and checkov
// CKV_AWS_363 report it; dates are data in runtimes.cpp.
#include "terraform/rules/rule.hpp"
#include "terraform/rules/runtimes.hpp"

namespace dp::tf {

void check_LMB007(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    Value v = ctx.value(f.block, f.file, "runtime");
    if (!v.is_literal_string())
      continue;
    if (const char* date = deprecation_date(v.s))
      ctx.report("LMB007", Severity::Warning, "Deprecated runtime",
                 "The " + v.s + " runtime was deprecated on " + date +
                     "; it no longer receives security patches. Move to a supported runtime.",
                 v.range());
  }
}

} // namespace dp::tf
