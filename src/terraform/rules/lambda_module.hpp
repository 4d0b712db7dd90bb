// What other rules need to know of a call to terraform-aws-modules/lambda/aws (rules/lambda_module.cpp).
#pragma once

#include <optional>

#include "terraform/rules/rule.hpp"

namespace dp::tf {

// Whether the role a Lambda module call creates (its lambda_role_arn / lambda_role_name outputs) allows both
// durable actions through the policies the module attaches: nullopt when `call` is not that module, when
// it does not create its role, or when an input that matters is not known.
std::optional<bool> lambda_module_role_grants(RuleContext& ctx, const BlockRef& call);

} // namespace dp::tf
