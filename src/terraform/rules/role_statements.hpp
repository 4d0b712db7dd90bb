// The statements of every durable function's execution role, de-duplicated by where they are written;
// shared by the IAM hygiene rules DUR006, DUR007 and DUR008.
#pragma once

#include "terraform/rules/rule.hpp"

namespace dp::tf {

const std::vector<Statement>& durable_role_statements(RuleContext& ctx);
// Known Lambda actions other than the two durable ones (for DUR006 and DUR008).
const std::vector<std::string>& other_lambda_actions();

} // namespace dp::tf
