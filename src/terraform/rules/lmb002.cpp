// LMB002: timeout outside 1-900 seconds (provider IntBetween).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_LMB002(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    Value v = ctx.value(f.block, f.file, "timeout");
    auto n = Evaluator::as_number(v);
    if (n && (*n < 1 || *n > 900))
      ctx.report("LMB002", Severity::Error, "Function timeout out of range",
                 "timeout is " + number_text(*n) +
                     " seconds; Lambda allows 1 to 900 seconds (15 minutes) per "
                     "invocation. A durable execution's overall limit is durable_config.execution_timeout.",
                 v.range());
  }
}

} // namespace dp::tf
