// DUR007: the durable actions granted on every function ("*" or arn:aws:lambda:*:*:function:*) in a
// customer-written policy; never for the AWS managed policy, whose "*" is by design.
#include "terraform/rules/role_statements.hpp"

namespace dp::tf {

void check_DUR007(RuleContext& ctx) {
  for (const Statement& st : durable_role_statements(ctx)) {
    if (!st.allow || st.managed || st.not_resources)
      continue;
    bool durable = false;
    for (const PolicyElement& a : st.actions)
      durable =
          durable || action_matches(a.text, kCheckpointAction) || action_matches(a.text, kGetStateAction);
    if (st.not_actions || !durable)
      continue;
    for (const PolicyElement& r : st.resources) {
      std::string_view t = r.text;
      bool all = t == "*";
      if (t.rfind("arn:", 0) == 0) {
        size_t svc = t.find(":lambda:*:*:function:*");
        all = svc != std::string_view::npos && svc + 22 == t.size();
      }
      if (all)
        ctx.report("DUR007", Severity::Info, "Durable actions granted on every function",
                   "The durable checkpoint actions are granted on \"" + r.text +
                       "\"; scope them to the function, e.g. \"${aws_lambda_function.NAME.arn}:*\".",
                   r.range);
    }
  }
}

} // namespace dp::tf
