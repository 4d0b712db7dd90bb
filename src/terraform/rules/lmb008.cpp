// LMB008: alias name all digits or outside [a-zA-Z0-9-_]{1,128}; literal function_version neither $LATEST
// nor digits (CreateAlias API patterns).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_LMB008(RuleContext& ctx) {
  for (const BlockRef& a : ctx.module.resources_of("aws_lambda_alias")) {
    Value name = ctx.value(a.block, a.file, "name");
    if (name.is_literal_string()) {
      bool digits = !name.s.empty() && name.s.find_first_not_of("0123456789") == std::string::npos;
      bool chars =
          name.s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") ==
          std::string::npos;
      if (digits || !chars || name.s.empty() || name.s.size() > 128)
        ctx.report("LMB008", Severity::Error, "Invalid alias name",
                   digits ? "An alias name cannot consist of digits only (it would look like a version)."
                          : "An alias name must be 1-128 characters of letters, digits, - and _.",
                   name.range());
    }
    Value version = ctx.value(a.block, a.file, "function_version");
    if (version.is_literal_string() && version.s != "$LATEST" &&
        (version.s.empty() || version.s.find_first_not_of("0123456789") != std::string::npos))
      ctx.report("LMB008", Severity::Error, "Invalid alias function_version",
                 "function_version must be $LATEST or a published version number; usually "
                 "aws_lambda_function.X.version.",
                 version.range());
  }
}

} // namespace dp::tf
