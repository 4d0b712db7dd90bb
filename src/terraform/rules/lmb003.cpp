// LMB003: memory_size below 128 or above 32768 MB (error); 10241-32768 is a warning because the provider
// schema (10240) and the documentation (32768, Lambda Managed Instances) disagree (spec section 3.1).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_LMB003(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    Value v = ctx.value(f.block, f.file, "memory_size");
    auto n = Evaluator::as_number(v);
    if (!n)
      continue;
    if (*n < 128 || *n > 32768)
      ctx.report("LMB003", Severity::Error, "Memory size out of range",
                 "memory_size is " + number_text(*n) + " MB; Lambda accepts 128 to 10240 MB.", v.range());
    else if (*n > 10240)
      ctx.report("LMB003", Severity::Warning, "Memory size above 10240 MB",
                 "memory_size is " + number_text(*n) +
                     " MB; the provider schema allows at most 10240 MB (more only "
                     "with Lambda Managed Instances).",
                 v.range());
  }
}

} // namespace dp::tf
