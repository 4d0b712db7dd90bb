// DUR013: execution_timeout above 900 s while a synchronous invoker targets the function (function URL,
// aws_lambda_invocation, API Gateway integrations, ALB target): synchronous calls end after 15 minutes.
#include "terraform/rules/rule.hpp"

namespace dp::tf {
namespace {

struct SyncInvoker {
  const char* type;
  const char* attribute;
  bool data;
};
constexpr SyncInvoker kSync[] = {{"aws_lambda_function_url", "function_name", false},
                                 {"aws_lambda_invocation", "function_name", false},
                                 {"aws_lambda_invocation", "function_name", true},
                                 {"aws_api_gateway_integration", "uri", false},
                                 {"aws_apigatewayv2_integration", "integration_uri", false},
                                 {"aws_lb_target_group_attachment", "target_id", false}};

bool targets(const RuleContext& ctx, const BlockRef& r, const char* attribute, const BlockRef& f) {
  const Attribute* a = r.attr(attribute);
  if (!a)
    return false;
  if (RuleContext::find_reference(a->expr, "aws_lambda_function", f.name(), ""))
    return true;
  for (const BlockRef& alias : ctx.module.resources_of("aws_lambda_alias")) {
    const Attribute* fn = alias.attr("function_name");
    if (fn && RuleContext::find_reference(fn->expr, "aws_lambda_function", f.name(), "") &&
        RuleContext::find_reference(a->expr, "aws_lambda_alias", alias.name(), ""))
      return true;
  }
  return false;
}

} // namespace

void check_DUR013(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    const Block* dc = RuleContext::durable_config(f);
    if (ctx.broken_durable_configs.count(dc))
      continue;
    Value exec = ctx.value(dc, f.file, "execution_timeout");
    auto e = Evaluator::as_number(exec);
    if (!e || *e <= 900 || *e > 31622400)
      continue;
    for (const SyncInvoker& s : kSync) {
      const std::vector<BlockRef>& list =
          s.data ? ctx.module.data_of(s.type) : ctx.module.resources_of(s.type);
      bool hit = false;
      std::string who;
      for (const BlockRef& r : list)
        if (targets(ctx, r, s.attribute, f)) {
          hit = true;
          who = (s.data ? "data." : "") + r.type() + "." + r.name();
          break;
        }
      if (!hit)
        continue;
      ctx.report("DUR013", Severity::Info, "Synchronous invocations are capped at 15 minutes",
                 who + " invokes " + RuleContext::address(f) +
                     " synchronously, and synchronous invocations end "
                     "after 15 minutes at most, while execution_timeout allows " +
                     number_text(*e) +
                     " s. Invoke asynchronously (InvocationType Event) for long executions.",
                 exec.range());
      break;
    }
  }
}

} // namespace dp::tf
