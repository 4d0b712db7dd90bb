// LMB009: a literal role that is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_LMB009(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    Value v = ctx.value(f.block, f.file, "role");
    if (!v.is_literal_string())
      continue;
    const std::string& s = v.s;
    bool ok = s.rfind("arn:", 0) == 0 && s.find(":iam::") != std::string::npos &&
              s.find(":role/") != std::string::npos;
    if (!ok)
      ctx.report("LMB009", Severity::Error, "Role is not an IAM role ARN",
                 "role must be the execution role's ARN (arn:aws:iam::ACCOUNT:role/NAME), not \"" + s +
                     "\"; reference it as aws_iam_role.NAME.arn.",
                 v.range());
  }
}

} // namespace dp::tf
