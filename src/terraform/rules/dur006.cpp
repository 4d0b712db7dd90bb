// DUR006: an Allow on a durable function's role that covers the durable actions through a wildcard that
// also matches other Lambda actions (*, lambda:*, lambda:*Durable*) — least privilege, like checkov
// CKV_AWS_49/63 but scoped to durable execution.
#include "terraform/rules/role_statements.hpp"

namespace dp::tf {

void check_DUR006(RuleContext& ctx) {
  for (const Statement& st : durable_role_statements(ctx)) {
    if (!st.allow || st.managed || st.not_actions)
      continue;
    for (const PolicyElement& a : st.actions) {
      if (a.text.find_first_of("*?") == std::string::npos)
        continue;
      bool durable = action_matches(a.text, kCheckpointAction) || action_matches(a.text, kGetStateAction);
      if (!durable)
        continue;
      std::string also;
      for (const auto& other : other_lambda_actions())
        if (action_matches(a.text, other)) {
          also = other;
          break;
        }
      if (also.empty())
        continue;
      ctx.report(
          "DUR006", Severity::Warning, "Wildcard action grants more than durable execution",
          "The action \"" + a.text + "\" grants the durable checkpoint actions but also " + also +
              " and others. List lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState "
              "explicitly.",
          a.range);
    }
  }
}

} // namespace dp::tf
