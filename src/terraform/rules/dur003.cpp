// DUR003: durable_config.retention_period outside 1-90 days.
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_DUR003(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    const Block* dc = RuleContext::durable_config(f);
    if (ctx.broken_durable_configs.count(dc))
      continue;
    Value v = ctx.value(dc, f.file, "retention_period");
    auto n = Evaluator::as_number(v);
    if (n && (*n < 1 || *n > 90))
      ctx.report(
          "DUR003", Severity::Error, "retention_period out of range",
          "retention_period is " + number_text(*n) +
              " days; execution history can be kept 1 to 90 days (default 14). Export it elsewhere if you "
              "need it longer.",
          v.range());
  }
}

} // namespace dp::tf
