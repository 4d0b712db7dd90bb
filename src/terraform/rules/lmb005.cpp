// LMB005: a Zip-packaged function (the default) without handler or runtime; the provider's CustomizeDiff
// rejects it at plan time.
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_LMB005(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    Value pt = ctx.value(f.block, f.file, "package_type");
    if (pt.known() && !(pt.is_literal_string() && pt.s == "Zip"))
      continue; // Image, or not known
    bool handler = f.attr("handler") != nullptr;
    bool runtime = f.attr("runtime") != nullptr;
    if (handler && runtime)
      continue;
    std::string missing = !handler && !runtime ? "handler and runtime" : !handler ? "handler" : "runtime";
    ctx.report("LMB005", Severity::Error, "Missing " + missing + " for a Zip package",
               RuleContext::address(f) +
                   " is packaged as a Zip archive (the default package_type) but has no " + missing +
                   "; the provider rejects this at plan time. Add " + missing +
                   ", or set package_type = \"Image\" with image_uri.",
               f.range(f.block->open_brace));
  }
}

} // namespace dp::tf
