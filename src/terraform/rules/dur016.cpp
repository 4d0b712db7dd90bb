// DUR016: retention_period omitted (execution history kept 14 days), or below the host's audit_min_days;
// above 90 days the history has to be exported elsewhere.
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_DUR016(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    const Block* dc = RuleContext::durable_config(f);
    if (ctx.broken_durable_configs.count(dc))
      continue;
    const Attribute* rp = dc->body.attribute("retention_period");
    if (!rp) {
      ctx.report("DUR016", Severity::Info, "Implicit retention period",
                 "retention_period is not set, so execution history is kept for the default 14 days. Set it "
                 "explicitly (1-90 days) to match your audit needs.",
                 f.range(dc->open_brace));
      continue;
    }
    if (!ctx.options.audit_min_days)
      continue;
    Value v = ctx.eval.eval(rp->expr, f.file);
    auto n = Evaluator::as_number(v);
    int need = *ctx.options.audit_min_days;
    if (n && *n >= 1 && *n <= 90 && *n < need)
      ctx.report("DUR016", Severity::Info, "Retention shorter than the audit requirement",
                 "retention_period keeps execution history for " + number_text(*n) + " days, less than the " +
                     std::to_string(need) + " days required for audit." +
                     (need > 90
                          ? " Lambda keeps at most 90 days: export the history elsewhere (for example from "
                            "GetDurableExecutionHistory) to keep it longer."
                          : " Raise retention_period."),
                 v.range());
  }
}

} // namespace dp::tf
