// DUR015: destroying a durable function first stops its running executions, which may take up to 60
// minutes, within the delete timeout (default 10m): warning without timeouts { delete }, info below 60m.
#include "terraform/rules/rule.hpp"

namespace dp::tf {
namespace {

// Go-style durations ("60m", "1h30m", "3600s", "1.5h") in minutes; negative when not parseable.
double duration_minutes(const std::string& s) {
  double total = 0;
  size_t i = 0;
  if (s.empty())
    return -1;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
      ++j;
    if (j == i)
      return -1;
    double n = std::strtod(s.substr(i, j - i).c_str(), nullptr);
    size_t k = j;
    while (k < s.size() && !((s[k] >= '0' && s[k] <= '9') || s[k] == '.'))
      ++k;
    std::string unit = s.substr(j, k - j);
    if (unit == "h")
      total += n * 60;
    else if (unit == "m")
      total += n;
    else if (unit == "s")
      total += n / 60;
    else if (unit == "ms")
      total += n / 60000;
    else
      return -1;
    i = k;
  }
  return total;
}

} // namespace

void check_DUR015(RuleContext& ctx) {
  for (const BlockRef& f : ctx.durable_functions()) {
    const Block* t = RuleContext::nested(f.block, "timeouts");
    const Attribute* del = t ? t->body.attribute("delete") : nullptr;
    if (!del) {
      ctx.report(
          "DUR015", Severity::Warning, "No delete timeout for a durable function",
          "When " + RuleContext::address(f) +
              " is destroyed, the provider first stops every running durable "
              "execution and waits for them, which may take up to 60 minutes; the default delete timeout is "
              "10 minutes. Add timeouts { delete = \"60m\" }.",
          f.range(f.block->open_brace));
      continue;
    }
    Value v = ctx.eval.eval(del->expr, f.file);
    if (!v.is_literal_string())
      continue;
    double minutes = duration_minutes(v.s);
    if (minutes >= 0 && minutes < 60)
      ctx.report("DUR015", Severity::Info, "Delete timeout below 60 minutes",
                 "Stopping running durable executions on destroy may take up to 60 minutes; \"" + v.s +
                     "\" may not be enough. Consider timeouts { delete = \"60m\" }.",
                 v.range());
  }
}

} // namespace dp::tf
