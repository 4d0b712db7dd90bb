// DUR004 (and DUR005, which replaces it for the same function): the execution role must allow
// lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState on the function's durable-execution
// ARN. Emitted only when every policy of the role was evaluated (spec section 5, rules 4, 5 and 7).
#include "terraform/rules/lambda_module.hpp"
#include "terraform/rules/rule.hpp"

#include <set>

namespace dp::tf {
namespace {

struct Grant {
  bool allowed = false;
  bool denied = false;
  std::vector<const PolicyElement*> misdirected; // resources naming the function without durable-execution
};

Grant evaluate(const PolicySet& set, const char* action, const FunctionTarget& fn, RuleContext& ctx) {
  Grant g;
  for (const Statement& st : set.statements) {
    bool act = false;
    for (const auto& a : st.actions)
      act = act || action_matches(a.text, action);
    if (st.not_actions)
      act = !act;
    if (!act)
      continue;
    bool res = false;
    for (const auto& r : st.resources) {
      ResourceMatch m = match_resource(r.text, fn, ctx.module, ctx.eval, ctx.literal_alias_names());
      if (m == ResourceMatch::Durable)
        res = true;
      else if ((m == ResourceMatch::Unqualified || m == ResourceMatch::Alias) && st.allow &&
               !st.not_resources)
        g.misdirected.push_back(&r);
    }
    if (st.not_resources)
      res = !res;
    if (st.allow && res)
      g.allowed = true;
    if (!st.allow && res && !st.conditional)
      g.denied = true;
  }
  return g;
}

// A role created by a terraform-aws-modules/lambda call and named by its output (role =
// module.M.lambda_role_arn): judged by the policies the module attaches, when nothing else may attach one.
void check_module_role(RuleContext& ctx, const BlockRef& f) {
  const Attribute* a = f.attr("role");
  if (!a)
    return;
  Value v = ctx.eval.eval(a->expr, f.file);
  const std::string prefix = "module.", suffix = ".lambda_role_arn";
  const std::string& ref = v.kind == Value::Kind::Unknown ? v.s : std::string();
  if (ref.size() <= prefix.size() + suffix.size() || ref.rfind(prefix, 0) != 0 ||
      ref.compare(ref.size() - suffix.size(), suffix.size(), suffix) != 0)
    return;
  std::string name = ref.substr(prefix.size(), ref.size() - prefix.size() - suffix.size());
  auto call = ctx.module.modules.find(name);
  if (call == ctx.module.modules.end() || ctx.iam.some_attachment_unknown())
    return;
  std::optional<bool> granted = lambda_module_role_grants(ctx, call->second);
  if (!granted || *granted)
    return;
  ctx.report("DUR004", Severity::Error, "Execution role lacks durable execution permissions",
             "execution role module." + name +
                 ".lambda_role_arn (the role terraform-aws-modules/lambda creates) does not allow " +
                 kCheckpointAction + " and " + kGetStateAction +
                 ": the module attaches only the policies its inputs name. Without them every durable "
                 "execution of " +
                 RuleContext::address(f) + " fails at its first checkpoint. On module." + name +
                 ", set attach_policies = true, number_of_policies = 1 and policies = "
                 "[\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy\"].",
             f.range(a->expr->span));
}

} // namespace

void check_DUR004(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    RoleTarget role = ctx.iam.role_of_function(f);
    if (!role.known) {
      check_module_role(ctx, f);
      continue;
    }
    PolicySet boundary;
    PolicySet set = ctx.iam.role_statements(role, boundary);
    bool actions_known = true;
    for (const auto& st : set.statements)
      for (const auto& a : st.actions)
        actions_known = actions_known && !has_placeholder(a.text);
    if (!set.complete || !actions_known)
      continue;
    FunctionTarget fn = function_target(f, ctx.eval);
    std::vector<std::string> missing;
    std::set<std::string> reported;
    bool dur005 = false;
    for (const char* action : {kCheckpointAction, kGetStateAction}) {
      Grant g = evaluate(set, action, fn, ctx);
      bool ok = g.allowed && !g.denied;
      if (ok && boundary.complete) {
        Grant b = evaluate(boundary, action, fn, ctx);
        ok = b.allowed && !b.denied;
      }
      if (ok)
        continue;
      missing.push_back(action);
      if (!g.allowed) {
        for (const PolicyElement* r : g.misdirected) {
          std::string key = r->range.filename + ":" + std::to_string(r->range.start.byte);
          if (!reported.insert(key).second)
            continue;
          dur005 = true;
          ctx.report(
              "DUR005", Severity::Error, "Durable permissions granted on the wrong ARN",
              "This resource grants the durable actions of " + RuleContext::address(f) +
                  " only on its unqualified function ARN, a qualified ARN without /durable-execution/, or "
                  "an alias ARN. Durable-execution ARNs look like arn:aws:lambda:REGION:ACCOUNT:function:" +
                  "NAME:VERSION/durable-execution/...; use \"${aws_lambda_function." + f.name() +
                  ".arn}:*\".",
              r->range);
        }
      }
    }
    if (missing.empty() || dur005)
      continue;
    std::string considered;
    for (const std::string& src : set.sources)
      considered += (considered.empty() ? "" : ", ") + src;
    if (considered.empty())
      considered = "none";
    std::string actions = missing.size() == 2 ? missing[0] + " and " + missing[1] : missing[0];
    // an instance key as written (aws_iam_role.fn[0]); instances named by a computed key share the body
    std::string key = role.instance.empty() || role.instance == ".." ? "" : "[" + role.instance + "]";
    std::string who =
        role.resource_name.empty() ? "role " + role.role_name : "aws_iam_role." + role.resource_name + key;
    ctx.report(
        "DUR004", Severity::Error, "Execution role lacks durable execution permissions",
        "execution role " + who + " does not allow " + actions + " on \"" + "${aws_lambda_function." +
            f.name() + ".arn}:*\"; attach AWSLambdaBasicDurableExecutionRolePolicy or add the action" +
            (missing.size() == 2 ? "s" : "") +
            ". Without them every durable execution fails at its first checkpoint. Policies considered: " +
            considered + ".",
        role.range);
  }
}

} // namespace dp::tf
