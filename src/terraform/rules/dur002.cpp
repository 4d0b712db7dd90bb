// DUR002: durable_config.execution_timeout outside 1-31,622,400 seconds (366 days).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_DUR002(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    const Block* dc = RuleContext::durable_config(f);
    if (ctx.broken_durable_configs.count(dc))
      continue;
    Value v = ctx.value(dc, f.file, "execution_timeout");
    auto n = Evaluator::as_number(v);
    if (n && (*n < 1 || *n > 31622400))
      ctx.report(
          "DUR002", Severity::Error, "execution_timeout out of range",
          "execution_timeout is " + number_text(*n) +
              " seconds; it must be between 1 and 31622400 seconds (366 days). It limits the whole durable "
              "execution, across all invocations, in seconds.",
          v.range());
  }
}

} // namespace dp::tf
