// DUR001: durable_config on a Zip function whose runtime is not durable-capable (error), or whose support
// is unconfirmed (warning). Container images are skipped (spec section 4.1).
#include "terraform/rules/rule.hpp"
#include "terraform/rules/runtimes.hpp"

namespace dp::tf {

void check_DUR001(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    Value pt = ctx.value(f.block, f.file, "package_type");
    if (pt.known() && !(pt.is_literal_string() && pt.s == "Zip"))
      continue;
    Value v = ctx.value(f.block, f.file, "runtime");
    if (!v.is_literal_string() || !is_known_runtime(v.s))
      continue;
    DurableSupport s = durable_support(v.s);
    if (s == DurableSupport::Confirmed)
      continue;
    std::string list = durable_runtime_list();
    if (s == DurableSupport::Unsupported)
      ctx.report(
          "DUR001", Severity::Error, "Runtime does not support durable execution",
          "runtime \"" + v.s + "\" does not support durable execution (supported: " + list +
              "); use a supported runtime or a container image. Lambda rejects the function with \"You "
              "cannot use a managed runtime that does not support a durable configuration\".",
          v.range());
    else if (v.s.rfind("provided", 0) == 0)
      ctx.report(
          "DUR001", Severity::Warning, "Durable execution not confirmed for this runtime",
          "AWS documents durable functions on the managed runtimes " + list +
              " and on container images, which it names as the way to run a custom runtime. It does not "
              "say whether the OS-only runtime \"" +
              v.s +
              "\" accepts durable_config in a .zip package, so creating the function may fail. Package "
              "the function as a container image (package_type = \"Image\") built on the OS-only base "
              "image, or use a managed runtime from the list.",
          v.range());
    else
      ctx.report("DUR001", Severity::Warning, "Durable execution not confirmed for this runtime",
                 "No AWS documentation lists runtime \"" + v.s + "\" as durable-capable (confirmed: " + list +
                     "); creating the function may fail. Use a confirmed runtime or a container image.",
                 v.range());
  }
}

} // namespace dp::tf
