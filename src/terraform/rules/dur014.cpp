// DUR014: the function's effective region is in a partition where durable functions are not confirmed
// (aws-us-gov, aws-cn, aws-iso*, eusc). Region sources in priority order: the resource's own `region`
// (provider v6), the provider alias it uses, the default aws provider (spec section 4.2).
#include "terraform/rules/rule.hpp"

namespace dp::tf {
namespace {

const char* unconfirmed_partition(const std::string& region) {
  if (region.rfind("us-gov-", 0) == 0)
    return "AWS GovCloud (US)";
  if (region.rfind("cn-", 0) == 0)
    return "AWS China";
  if (region.find("-iso") != std::string::npos)
    return "an AWS ISO partition";
  if (region.rfind("eusc-", 0) == 0)
    return "the AWS European Sovereign Cloud";
  return nullptr;
}

} // namespace

void check_DUR014(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    Value region = ctx.value(f.block, f.file, "region");
    if (!region.known()) {
      std::string alias;
      if (const Attribute* p = f.attr("provider"))
        if (p->expr->kind == ExprKind::ScopeTraversal && p->expr->name == "aws" && p->expr->steps.size() == 1)
          alias = p->expr->steps[0].name;
      for (const BlockRef& prov : ctx.module.providers) {
        if (prov.block->labels.empty() || prov.block->labels[0].text != "aws")
          continue;
        Value a = ctx.value(prov.block, prov.file, "alias");
        std::string this_alias = a.is_literal_string() ? a.s : "";
        if (this_alias != alias)
          continue;
        region = ctx.value(prov.block, prov.file, "region");
        break;
      }
    }
    if (!region.is_literal_string())
      continue;
    if (const char* partition = unconfirmed_partition(region.s))
      ctx.report(
          "DUR014", Severity::Warning, "Durable functions not confirmed in this region",
          RuleContext::address(f) + " is deployed to " + region.s + ", in " + partition +
              ", where Lambda durable functions are not confirmed to be available; creating the function may "
              "fail. Use a commercial AWS region.",
          region.range());
  }
}

} // namespace dp::tf
