// Calls to the community Lambda module terraform-aws-modules/lambda/aws (registry form with or without a
// version constraint, git forms, and its modules/alias submodule): the module's inputs are mapped to the
// aws_lambda_function / aws_lambda_alias / IAM resources it creates (its variables.tf and main.tf: the
// durable_config block exists when durable_config_execution_timeout is not null; publish defaults to false;
// the role it creates gets the policies named by attach_policies/policies, attach_policy/policy,
// attach_policy_json/policy_json, attach_policy_jsons/policy_jsons and attach_policy_statements/
// policy_statements), and the Lambda and durable rules run on them with ranges on the module call's
// arguments. Inputs whose value is not known stay silent; the messages say what to set on the module.
#include <algorithm>

#include "terraform/rules/lambda_module.hpp"
#include "terraform/rules/rule.hpp"
#include "terraform/rules/runtimes.hpp"

namespace dp::tf {
namespace {

enum class LambdaModule { None, Function, Alias };

// "terraform-aws-modules/lambda/aws", "registry.terraform.io/terraform-aws-modules/lambda/aws",
// "git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v8.7.0",
// "github.com/terraform-aws-modules/terraform-aws-lambda", each optionally with "//modules/alias".
LambdaModule classify(std::string source) {
  if (source.rfind("git::", 0) == 0)
    source = source.substr(5);
  if (size_t q = source.find('?'); q != std::string::npos)
    source.resize(q);
  for (const char* scheme : {"https://", "http://", "ssh://", "git@"})
    if (source.rfind(scheme, 0) == 0)
      source = source.substr(std::string_view(scheme).size());
  std::string subdir;
  if (size_t d = source.find("//"); d != std::string::npos) {
    subdir = source.substr(d + 2);
    source.resize(d);
  }
  while (!subdir.empty() && subdir.back() == '/')
    subdir.pop_back();
  if (source.size() > 4 && source.substr(source.size() - 4) == ".git")
    source.resize(source.size() - 4);
  bool lambda = source == "terraform-aws-modules/lambda/aws" ||
                source == "registry.terraform.io/terraform-aws-modules/lambda/aws" ||
                source == "github.com/terraform-aws-modules/terraform-aws-lambda" ||
                source == "github.com:terraform-aws-modules/terraform-aws-lambda";
  if (!lambda)
    return LambdaModule::None;
  if (subdir.empty())
    return LambdaModule::Function;
  return subdir == "modules/alias" ? LambdaModule::Alias : LambdaModule::None;
}

struct Call {
  const BlockRef& m;
  RuleContext& ctx;

  Value arg(const char* name) const { return ctx.value(m.block, m.file, name); }
  const Attribute* attr(const char* name) const { return m.attr(name); }
  std::string where() const { return "module." + m.type(); } // a module's label is its name
};

// Whether the policies the module attaches grant both durable actions: true/false when every input that
// matters is known, nullopt otherwise.
std::optional<bool> grants_durable_actions(const Call& c) {
  auto flag = [&](const char* name) -> std::optional<bool> {
    if (!c.attr(name))
      return false; // the module's defaults attach nothing
    return Evaluator::as_bool(c.arg(name));
  };
  std::vector<Statement> statements;
  bool complete = true;
  auto add = [&](PolicySet set) {
    complete = complete && set.complete;
    for (auto& st : set.statements)
      statements.push_back(std::move(st));
  };
  auto on = [&](const char* name) {
    auto f = flag(name);
    if (!f)
      complete = false;
    return f && *f;
  };
  if (on("attach_policy"))
    add(c.ctx.iam.from_policy_arn(c.arg("policy")));
  // The module attaches policies[count.index] and policy_jsons[count.index] with count = number_of_policies
  // and number_of_policy_jsons (default 0): items past that count are never attached.
  auto counted = [&](const char* count_name, const Value& list) -> std::optional<size_t> {
    if (list.kind != Value::Kind::Tuple)
      return std::nullopt;
    if (!c.attr(count_name))
      return 0;
    auto n = Evaluator::as_number(c.arg(count_name));
    if (!n || *n < 0)
      return std::nullopt;
    return std::min(list.items.size(), static_cast<size_t>(*n));
  };
  if (on("attach_policies")) {
    Value v = c.arg("policies");
    if (auto n = counted("number_of_policies", v))
      for (size_t i = 0; i < *n; ++i)
        add(c.ctx.iam.from_policy_arn(v.items[i]));
    else
      complete = false;
  }
  if (on("attach_policy_json"))
    add(c.ctx.iam.from_policy_value(c.arg("policy_json")));
  if (on("attach_policy_jsons")) {
    Value v = c.arg("policy_jsons");
    if (auto n = counted("number_of_policy_jsons", v))
      for (size_t i = 0; i < *n; ++i)
        add(c.ctx.iam.from_policy_value(v.items[i]));
    else
      complete = false;
  }
  if (on("attach_policy_statements")) {
    // policy_statements = { name = { effect, actions, resources, ... } }
    Value v = c.arg("policy_statements");
    if (v.kind != Value::Kind::Object) {
      complete = false;
    } else {
      for (const Value& st : v.items) {
        const Value* actions = st.field("actions");
        const Value* effect = st.field("effect");
        if (!actions || actions->kind != Value::Kind::Tuple || (effect && !effect->is_literal_string())) {
          complete = false;
          continue;
        }
        Statement s;
        s.allow = !(effect && effect->s == "Deny");
        for (const Value& a : actions->items) {
          if (!a.is_literal_string()) {
            complete = false;
            continue;
          }
          s.actions.push_back(PolicyElement{a.s, a.range()});
        }
        statements.push_back(std::move(s));
      }
    }
  }
  if (!complete)
    return std::nullopt;
  for (const char* action : {kCheckpointAction, kGetStateAction}) {
    bool allowed = false, denied = false;
    for (const Statement& st : statements) {
      bool match = false;
      for (const auto& a : st.actions)
        match = match || action_matches(a.text, action);
      if (st.not_actions)
        match = !match;
      if (match && st.allow)
        allowed = true;
      if (match && !st.allow && !st.conditional)
        denied = true;
    }
    if (!allowed || denied)
      return false;
  }
  return true;
}

void check_function_call(RuleContext& ctx, const BlockRef& m) {
  Call c{m, ctx};
  const std::string mod = c.where();
  // the durable_config block exists when durable_config_execution_timeout is set and not null
  const Attribute* exec_attr = c.attr("durable_config_execution_timeout");
  Value exec = c.arg("durable_config_execution_timeout");
  // Unknown inputs stay silent: durable when the value is known and not null, or when it cannot be null
  // (coalesce(var.x, 86400), the usual guard against a null timeout).
  bool durable = exec_attr && ((exec.known() && exec.kind != Value::Kind::Null) ||
                               (exec_attr->expr->kind == ExprKind::FunctionCall &&
                                exec_attr->expr->name == "coalesce" && !exec_attr->expr->kids.empty() &&
                                exec_attr->expr->kids.back()->kind == ExprKind::Literal &&
                                exec_attr->expr->kids.back()->lit == LitKind::Number));
  Value package = c.arg("package_type");
  bool zip = !c.attr("package_type") || (package.is_literal_string() && package.s == "Zip");

  Value runtime = c.arg("runtime");
  if (runtime.is_literal_string() && !runtime.s.empty()) {
    if (!is_known_runtime(runtime.s))
      ctx.report("LMB001", Severity::Error, "Invalid runtime",
                 "\"" + runtime.s + "\" is not a Lambda runtime identifier; set runtime on " + mod +
                     " to one such as python3.13, nodejs22.x or java21.",
                 runtime.range());
    else if (const char* date = deprecation_date(runtime.s))
      ctx.report("LMB007", Severity::Warning, "Deprecated runtime",
                 "The " + runtime.s + " runtime was deprecated on " + date + "; set runtime on " + mod +
                     " to a supported runtime.",
                 runtime.range());
    if (durable && zip && is_known_runtime(runtime.s) &&
        durable_support(runtime.s) != DurableSupport::Confirmed)
      ctx.report("DUR001",
                 durable_support(runtime.s) == DurableSupport::Unsupported ? Severity::Error
                                                                           : Severity::Warning,
                 "Runtime does not support durable execution",
                 mod + " sets durable_config_execution_timeout, so the function is durable, but runtime \"" +
                     runtime.s + "\" is not durable-capable (supported: " + durable_runtime_list() +
                     "). Set runtime on the module to one of them, or package_type = \"Image\".",
                 runtime.range());
  }
  auto number_check = [&](const char* input, const char* rule, double lo, double hi,
                          const std::string& text) {
    Value v = c.arg(input);
    auto n = Evaluator::as_number(v);
    if (n && (*n < lo || *n > hi))
      ctx.report(rule, Severity::Error, std::string(input) + " out of range",
                 std::string(input) + " on " + mod + " is " + number_text(*n) + "; " + text, v.range());
  };
  number_check("timeout", "LMB002", 1, 900, "set it to 1-900 seconds (one invocation, at most 15 minutes).");
  number_check("memory_size", "LMB003", 128, 32768, "set it to 128-10240 MB.");
  if (durable) {
    number_check("durable_config_execution_timeout", "DUR002", 1, 31622400,
                 "set it to 1-31622400 seconds (366 days): it limits the whole durable execution.");
    number_check("durable_config_retention_period", "DUR003", 1, 90,
                 "set it to 1-90 days (Lambda keeps execution history at most 90 days).");
  }
  if (!durable)
    return;

  // DUR009: durable functions are invoked through a version or an alias
  const Attribute* publish = c.attr("publish");
  std::optional<bool> published = publish ? Evaluator::as_bool(c.arg("publish")) : std::optional<bool>(false);
  bool aliased = false;
  auto names_this = [&](const Block* b) {
    const Attribute* fn = b->body.attribute("function_name");
    return fn && RuleContext::find_reference(fn->expr, "module", m.type(), "") != nullptr;
  };
  for (const BlockRef& a : ctx.module.resources_of("aws_lambda_alias"))
    aliased = aliased || names_this(a.block);
  for (const auto& [name, other] : ctx.module.modules) {
    Value src = ctx.value(other.block, other.file, "source");
    if (src.is_literal_string() && classify(src.s) == LambdaModule::Alias)
      aliased = aliased || names_this(other.block);
  }
  if (published && !*published && !aliased)
    ctx.report(
        "DUR009", Severity::Warning, "Durable function without a published version or alias",
        mod +
            " creates a durable function but publishes no version (the module's publish defaults to "
            "false) and nothing aliases it: durable functions must be invoked through a qualified ARN. "
            "Set publish = true on the module and add module \"terraform-aws-modules/lambda/aws//"
            "modules/alias\" with function_version = " +
            mod + ".lambda_function_version.",
        publish ? m.range(publish->expr->span) : m.range(exec_attr->name_span));

  // DUR004: the role the module creates must allow the checkpoint actions
  if (c.attr("create_role")) {
    auto create = Evaluator::as_bool(c.arg("create_role"));
    if (!create || !*create)
      return; // an existing role (lambda_role), or not known
  }
  if (c.attr("lambda_role"))
    return;
  std::optional<bool> granted = grants_durable_actions(c);
  if (granted && !*granted)
    ctx.report(
        "DUR004", Severity::Error, "Execution role lacks durable execution permissions",
        "The role " + mod +
            " creates does not allow lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState "
            "(the module does not add them for durable functions): every durable execution fails at its "
            "first checkpoint. Set attach_policies = true, number_of_policies = 1 and policies = "
            "[\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy\"] on the "
            "module (it attaches only the first number_of_policies entries of policies, 0 by default), or "
            "attach_policy_statements with both actions.",
        m.range(exec_attr->name_span));
}

void check_alias_call(RuleContext& ctx, const BlockRef& m) {
  Call c{m, ctx};
  Value name = c.arg("name");
  if (name.is_literal_string()) {
    bool digits = !name.s.empty() && name.s.find_first_not_of("0123456789") == std::string::npos;
    bool chars = name.s.find_first_not_of(
                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == std::string::npos;
    if (digits || !chars || name.s.empty() || name.s.size() > 128)
      ctx.report("LMB008", Severity::Error, "Invalid alias name",
                 "name on " + c.where() + " must be 1-128 letters, digits, - and _, and not only digits.",
                 name.range());
  }
  Value version = c.arg("function_version");
  if (version.is_literal_string() && version.s != "$LATEST" &&
      (version.s.empty() || version.s.find_first_not_of("0123456789") != std::string::npos))
    ctx.report("LMB008", Severity::Error, "Invalid alias function_version",
               "function_version on " + c.where() +
                   " must be $LATEST or a version number; usually module.LAMBDA.lambda_function_version.",
               version.range());
}

} // namespace

std::optional<bool> lambda_module_role_grants(RuleContext& ctx, const BlockRef& call) {
  Value src = ctx.value(call.block, call.file, "source");
  if (!src.is_literal_string() || classify(src.s) != LambdaModule::Function || call.attr("lambda_role"))
    return std::nullopt;
  // the module creates its role when create, create_function and create_role hold and create_layer does not
  for (const char* input : {"create", "create_function", "create_role", "create_layer"}) {
    if (!call.attr(input))
      continue;
    auto set = Evaluator::as_bool(ctx.value(call.block, call.file, input));
    bool wanted = std::string_view(input) != "create_layer";
    if (!set || *set != wanted)
      return std::nullopt;
  }
  return grants_durable_actions(Call{call, ctx});
}

void check_LAMBDA_MODULE(RuleContext& ctx) {
  for (const auto& [name, m] : ctx.module.modules) {
    Value src = ctx.value(m.block, m.file, "source");
    if (!src.is_literal_string())
      continue;
    switch (classify(src.s)) {
    case LambdaModule::Function:
      check_function_call(ctx, m);
      break;
    case LambdaModule::Alias:
      check_alias_call(ctx, m);
      break;
    case LambdaModule::None:
      break;
    }
  }
}

} // namespace dp::tf
