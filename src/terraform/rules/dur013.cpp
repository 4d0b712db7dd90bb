// DUR013: execution_timeout above 900 s while a synchronous invoker targets the function (function URL,
// aws_lambda_invocation, API Gateway integrations, ALB target): synchronous calls end after 15 minutes.
#include "terraform/rules/rule.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

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

// A REST API integration of type AWS (not AWS_PROXY) that maps the header X-Amz-Invocation-Type to 'Event'
// invokes the function asynchronously (API Gateway developer guide, "Set up asynchronous invocation of the
// backend Lambda function",
// docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html), so the
// 15-minute cap of synchronous calls does not apply.
bool invokes_asynchronously(const RuleContext& ctx, const BlockRef& r) {
  if (r.type() != "aws_api_gateway_integration")
    return false;
  Value type = ctx.value(r.block, r.file, "type");
  if (!type.is_literal_string() || type.s != "AWS")
    return false;
  Value params = ctx.value(r.block, r.file, "request_parameters");
  if (params.kind != Value::Kind::Object)
    return false;
  constexpr std::string_view kHeader = "integration.request.header.x-amz-invocation-type";
  auto is_header = [&](const std::string& key) { // header names are case-insensitive
    return key.size() == kHeader.size() &&
           std::equal(key.begin(), key.end(), kHeader.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  };
  for (size_t i = 0; i < params.keys.size(); ++i)
    if (is_header(params.keys[i]))
      return params.items[i].is_literal_string() && params.items[i].s == "'Event'";
  return false;
}

bool targets(const RuleContext& ctx, const BlockRef& r, const char* attribute, const BlockRef& f) {
  const Attribute* a = r.attr(attribute);
  if (!a || invokes_asynchronously(ctx, r))
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
