// DUR017 (edit mode only): adding or removing durable_config on an existing function forces its
// replacement (provider CustomizeDiff ForceNewIfChange; durable execution is set only at creation).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_DUR017(RuleContext& ctx) {
  if (!ctx.previous)
    return;
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    const BlockRef* before = ctx.previous->resource("aws_lambda_function", f.name());
    if (!before)
      continue;
    const Block* now = RuleContext::durable_config(f);
    const Block* was = RuleContext::durable_config(*before);
    if ((now != nullptr) == (was != nullptr))
      continue;
    ctx.report("DUR017", Severity::Info,
               now ? "Adding durable_config forces replacement"
                   : "Removing durable_config forces replacement",
               "Durable execution can only be set when a function is created, so Terraform will destroy and "
               "recreate " +
                   RuleContext::address(f) + " (its versions, aliases and execution history go with it).",
               now ? f.range(now->type_span) : f.range(f.block->type_span));
  }
}

} // namespace dp::tf
