// DUR012: execution_timeout shorter than the function timeout (both known and in range). The execution
// timeout bounds the whole execution, the function timeout one invocation (S11).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_DUR012(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    const Block* dc = RuleContext::durable_config(f);
    if (ctx.broken_durable_configs.count(dc))
      continue;
    Value exec = ctx.value(dc, f.file, "execution_timeout");
    auto e = Evaluator::as_number(exec);
    auto t = Evaluator::as_number(ctx.value(f.block, f.file, "timeout"));
    if (!e || !t || *e < 1 || *e > 31622400 || *t < 1 || *t > 900)
      continue;
    if (*e < *t)
      ctx.report(
          "DUR012", Severity::Warning, "execution_timeout shorter than the function timeout",
          "execution_timeout (" + number_text(*e) +
              " s) bounds the whole durable execution, but it is "
              "shorter than one invocation's timeout (" +
              number_text(*t) +
              " s): the execution times out before an invocation can. Make execution_timeout at least " +
              number_text(*t) + ".",
          exec.range());
  }
}

} // namespace dp::tf
