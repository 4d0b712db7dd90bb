// DUR010: something invokes a durable function through an unqualified reference (spec section 5.5).
// The service answers "You cannot invoke a durable function using an unqualified ARN".
#include "terraform/reference.hpp"
#include "terraform/rules/rule.hpp"

#include <set>

namespace dp::tf {
namespace {

struct Invoker {
  const char* type;
  const char* block; // nested block holding the attribute, or null
  const char* attribute;
  bool has_qualifier; // a `qualifier` argument qualifies the invocation
};
constexpr Invoker kInvokers[] = {
    {"aws_cloudwatch_event_target", nullptr, "arn", false},
    {"aws_scheduler_schedule", "target", "arn", false},
    {"aws_sns_topic_subscription", nullptr, "endpoint", false},
    {"aws_lambda_event_source_mapping", nullptr, "function_name", false},
    {"aws_lambda_permission", nullptr, "function_name", true},
    {"aws_lambda_function_url", nullptr, "function_name", true},
    {"aws_lambda_function_event_invoke_config", nullptr, "function_name", true},
    {"aws_apigatewayv2_integration", nullptr, "integration_uri", false},
    {"aws_api_gateway_integration", nullptr, "uri", false},
    {"aws_lambda_invocation", nullptr, "function_name", true},
};

// The reference a value is exactly made of ("${aws_lambda_function.f.arn}" or the bare traversal).
std::string sole_reference(const Value& v) {
  if (v.kind == Value::Kind::Unknown)
    return v.s;
  if (v.kind == Value::Kind::String && v.s.size() > 2 && v.s.front() == kMark && v.s.back() == kMark &&
      v.s.find(kMark, 1) == v.s.size() - 1)
    return v.s.substr(1, v.s.size() - 2);
  return {};
}

} // namespace

void check_DUR010(RuleContext& ctx) {
  std::set<std::string> durable;
  for (const BlockRef& f : ctx.durable_functions())
    durable.insert(f.name());
  if (durable.empty())
    return;
  // Reports `value` (at `where`, named `what` in the message) when it is exactly the unqualified ARN or
  // name of a durable function.
  auto judge = [&](const BlockRef& r, const std::string& what, const Value& value, const Range& where,
                   bool has_qualifier) {
    // aws_lambda_function.NAME.ATTR, or one instance of a function with count or for_each
    auto ref = parse_resource_reference(sole_reference(value));
    if (!ref || ref->data || ref->type != "aws_lambda_function" || ref->instance == "*")
      return;
    const std::string& name = ref->name;
    const std::string& attr = ref->attribute;
    if (!durable.count(name) || (attr != "arn" && attr != "invoke_arn" && attr != "function_name"))
      return;
    ctx.report("DUR010", Severity::Error, "Unqualified invocation of a durable function",
               r.type() + "." + r.name() + "." + what + " invokes aws_lambda_function." + name +
                   " through an unqualified " + (attr == "function_name" ? "name" : "ARN") +
                   "; durable functions must be invoked with a version or alias (use aws_lambda_alias.NAME." +
                   (attr == "invoke_arn" ? "invoke_arn" : "arn") +
                   (has_qualifier ? ", or set qualifier" : "") + ").",
               where);
  };
  auto check = [&](const BlockRef& r, const Invoker& inv) {
    const Block* holder = inv.block ? RuleContext::nested(r.block, inv.block) : r.block;
    const Attribute* a = holder ? holder->body.attribute(inv.attribute) : nullptr;
    if (!a)
      return;
    if (inv.has_qualifier && r.attr("qualifier"))
      return;
    if (std::string_view(inv.type) == "aws_sns_topic_subscription") {
      Value p = ctx.value(r.block, r.file, "protocol");
      if (!(p.is_literal_string() && p.s == "lambda"))
        return;
    }
    judge(r, inv.attribute, ctx.eval.eval(a->expr, r.file), r.range(a->expr->span), inv.has_qualifier);
  };
  // EventBridge Scheduler's universal target for Lambda Invoke: the function is the FunctionName of the
  // JSON input (docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html).
  auto check_universal_target = [&](const BlockRef& r) {
    const Block* target = RuleContext::nested(r.block, "target");
    if (!target)
      return;
    Value arn = ctx.value(target, r.file, "arn");
    const std::string suffix = ":scheduler:::aws-sdk:lambda:invoke";
    if (!arn.is_literal_string() || arn.s.size() < suffix.size() ||
        arn.s.compare(arn.s.size() - suffix.size(), suffix.size(), suffix) != 0)
      return;
    const Attribute* input = target->body.attribute("input");
    if (!input)
      return;
    Value payload = ctx.eval.eval(input->expr, r.file);
    if (payload.kind != Value::Kind::Object)
      return;
    if (const Value* fn = payload.field("FunctionName"))
      judge(r, "target.input FunctionName", *fn, fn->file ? fn->range() : r.range(input->expr->span), false);
  };
  for (const Invoker& inv : kInvokers) {
    for (const BlockRef& r : ctx.module.resources_of(inv.type))
      check(r, inv);
    if (std::string_view(inv.type) == "aws_scheduler_schedule")
      for (const BlockRef& r : ctx.module.resources_of(inv.type))
        check_universal_target(r);
    if (std::string_view(inv.type) == "aws_lambda_invocation")
      for (const BlockRef& d : ctx.module.data_of(inv.type))
        check(d, inv);
  }
}

} // namespace dp::tf
