// DUR008: a lambda: action that is not a Lambda action but is within edit distance 2 of a durable action
// (CheckpointDurableExecutions, GetDurableExecutionStates), or the pre-launch draft name
// lambda:ManageDurableState. IAM accepts unknown actions silently (spec S20).
#include "terraform/rules/role_statements.hpp"

#include <cctype>

namespace dp::tf {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

void check_DUR008(RuleContext& ctx) {
  const std::string checkpoint = lower(kCheckpointAction);
  const std::string get_state = lower(kGetStateAction);
  for (const Statement& st : durable_role_statements(ctx)) {
    if (st.managed)
      continue;
    for (const PolicyElement& a : st.actions) {
      std::string l = lower(a.text);
      if (l.rfind("lambda:", 0) != 0 || l.find_first_of("*?") != std::string::npos)
        continue;
      if (l == checkpoint || l == get_state)
        continue;
      bool known = false;
      for (const auto& other : other_lambda_actions())
        known = known || lower(other) == l;
      if (known)
        continue;
      std::string meant;
      if (l == "lambda:managedurablestate" || edit_distance(l, checkpoint) <= 2)
        meant = l == "lambda:managedurablestate" ? std::string(kCheckpointAction) + " and " + kGetStateAction
                                                 : kCheckpointAction;
      else if (edit_distance(l, get_state) <= 2)
        meant = kGetStateAction;
      if (meant.empty())
        continue;
      ctx.report("DUR008", Severity::Warning, "Misspelled durable execution action",
                 "\"" + a.text +
                     "\" is not a Lambda action; IAM accepts it silently and grants nothing. Did you "
                     "mean " +
                     meant + "?",
                 a.range);
    }
  }
}

} // namespace dp::tf
