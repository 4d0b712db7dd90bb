// Statements of the durable functions' roles, each once.
#include "terraform/rules/role_statements.hpp"

#include <set>

namespace dp::tf {

const std::vector<Statement>& durable_role_statements(RuleContext& ctx) {
  if (ctx.durable_statements)
    return *ctx.durable_statements;
  std::vector<Statement>& out = ctx.durable_statements.emplace();
  std::set<std::string> seen;
  for (const BlockRef& f : ctx.durable_functions()) {
    RoleTarget role = ctx.iam.role_of_function(f);
    if (!role.known)
      continue;
    PolicySet boundary;
    PolicySet set = ctx.iam.role_statements(role, boundary);
    for (auto& st : set.statements) {
      std::string key;
      for (const auto& a : st.actions)
        key += a.range.filename + ":" + std::to_string(a.range.start.byte) + a.text + ";";
      for (const auto& r : st.resources)
        key += r.range.filename + ":" + std::to_string(r.range.start.byte) + r.text + ";";
      if (seen.insert(key).second)
        out.push_back(std::move(st));
    }
  }
  return out;
}

const std::vector<std::string>& other_lambda_actions() {
  static const std::vector<std::string> kActions = {"lambda:InvokeFunction",
                                                    "lambda:InvokeAsync",
                                                    "lambda:InvokeFunctionUrl",
                                                    "lambda:GetFunction",
                                                    "lambda:GetFunctionConfiguration",
                                                    "lambda:UpdateFunctionCode",
                                                    "lambda:UpdateFunctionConfiguration",
                                                    "lambda:CreateFunction",
                                                    "lambda:DeleteFunction",
                                                    "lambda:ListFunctions",
                                                    "lambda:PublishVersion",
                                                    "lambda:CreateAlias",
                                                    "lambda:UpdateAlias",
                                                    "lambda:DeleteAlias",
                                                    "lambda:GetAlias",
                                                    "lambda:ListAliases",
                                                    "lambda:AddPermission",
                                                    "lambda:RemovePermission",
                                                    "lambda:GetPolicy",
                                                    "lambda:TagResource",
                                                    "lambda:UntagResource",
                                                    "lambda:ListTags",
                                                    "lambda:PutFunctionConcurrency",
                                                    "lambda:GetDurableExecution",
                                                    "lambda:GetDurableExecutionHistory",
                                                    "lambda:ListDurableExecutionsByFunction",
                                                    "lambda:StopDurableExecution",
                                                    "lambda:SendDurableExecutionCallbackSuccess",
                                                    "lambda:SendDurableExecutionCallbackFailure",
                                                    "lambda:SendDurableExecutionCallbackHeartbeat",
                                                    "lambda:CreateEventSourceMapping",
                                                    "lambda:GetEventSourceMapping",
                                                    "lambda:ListVersionsByFunction",
                                                    "lambda:GetLayerVersion",
                                                    "lambda:PublishLayerVersion",
                                                    "lambda:CreateFunctionUrlConfig",
                                                    "lambda:GetAccountSettings"};
  return kActions;
}

} // namespace dp::tf
