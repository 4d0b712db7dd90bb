// DUR011: the hashicorp/aws version constraint must admit 6.25.0 or later, the first release with
// durable_config (December 4, 2025). Error when it excludes all of them, warning when it also admits older
// versions, info when there is no constraint at all. Operators as in Terraform's version constraints (S4).
#include "terraform/rules/rule.hpp"

#include <array>
#include <cstdlib>

namespace dp::tf {
namespace {

using Version = std::array<long, 3>;
constexpr Version kMinimum{6, 25, 0};
constexpr Version kInfinity{1L << 30, 0, 0};

struct Interval {
  Version lo{0, 0, 0};
  bool lo_open = false;
  Version hi = kInfinity;
  bool hi_open = true;
  std::vector<Version> excluded;
};

bool parse_version(std::string_view s, Version& v, int& parts) {
  v = {0, 0, 0};
  parts = 0;
  size_t i = 0;
  if (!s.empty() && s[0] == 'v')
    ++i;
  while (i < s.size() && parts < 3) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9')
      ++j;
    if (j == i)
      return false;
    v[static_cast<size_t>(parts++)] = std::strtol(std::string(s.substr(i, j - i)).c_str(), nullptr, 10);
    if (j < s.size() && s[j] == '.')
      i = j + 1;
    else {
      i = j;
      break;
    }
  }
  return parts > 0 && (i == s.size() || s[i] == '-' || s[i] == '+');
}

bool apply(std::string_view c, Interval& in) {
  while (!c.empty() && c.front() == ' ')
    c.remove_prefix(1);
  while (!c.empty() && c.back() == ' ')
    c.remove_suffix(1);
  std::string op;
  for (const char* o : {"~>", ">=", "<=", "!=", ">", "<", "="})
    if (c.rfind(o, 0) == 0) {
      op = o;
      break;
    }
  c.remove_prefix(op.size());
  while (!c.empty() && c.front() == ' ')
    c.remove_prefix(1);
  Version v;
  int parts = 0;
  if (!parse_version(c, v, parts))
    return false;
  auto raise = [&](Version lo, bool open) {
    if (lo > in.lo || (lo == in.lo && open)) {
      in.lo = lo;
      in.lo_open = open;
    }
  };
  auto lower = [&](Version hi, bool open) {
    if (hi < in.hi || (hi == in.hi && open)) {
      in.hi = hi;
      in.hi_open = open;
    }
  };
  if (op.empty() || op == "=") {
    raise(v, false);
    lower(v, false);
  } else if (op == ">=") {
    raise(v, false);
  } else if (op == ">") {
    raise(v, true);
  } else if (op == "<=") {
    lower(v, false);
  } else if (op == "<") {
    lower(v, true);
  } else if (op == "!=") {
    in.excluded.push_back(v);
  } else { // ~>: the rightmost given component may increase
    raise(v, false);
    Version hi = v;
    if (parts <= 2)
      hi = {v[0] + 1, 0, 0};
    else
      hi = {v[0], v[1] + 1, 0};
    if (parts == 1)
      hi = {v[0] + 1, 0, 0};
    lower(hi, true);
  }
  return true;
}

bool admits_at_least(const Interval& in, Version min) {
  Version lo = in.lo > min ? in.lo : min;
  bool lo_open = in.lo > min ? in.lo_open : (in.lo == min ? in.lo_open : false);
  return lo < in.hi || (lo == in.hi && !lo_open && !in.hi_open);
}

bool admits_below(const Interval& in, Version limit) {
  return in.lo < limit && !(in.lo == in.hi && in.lo_open);
}

} // namespace

void check_DUR011(RuleContext& ctx) {
  std::vector<BlockRef> durable = ctx.durable_functions();
  if (durable.empty())
    return;
  bool found = false;
  for (const BlockRef& t : ctx.module.terraform_blocks) {
    const Block* rp = RuleContext::nested(t.block, "required_providers");
    if (!rp)
      continue;
    for (const Attribute& a : rp->body.attributes) {
      Value v = ctx.eval.eval(a.expr, t.file);
      const Value* version = nullptr;
      if (v.kind == Value::Kind::Object) {
        const Value* source = v.field("source");
        bool aws =
            source ? (source->is_literal_string() &&
                      (source->s == "hashicorp/aws" || source->s == "registry.terraform.io/hashicorp/aws"))
                   : a.name == "aws";
        if (!aws)
          continue;
        version = v.field("version");
      } else if (a.name == "aws" && v.kind == Value::Kind::String) {
        version = &v; // legacy: aws = "~> 5.0"
      } else {
        continue;
      }
      if (!version || !version->is_literal_string())
        continue;
      found = true;
      Interval in;
      bool ok = true;
      std::string_view s = version->s;
      size_t start = 0;
      for (;;) {
        size_t comma = s.find(',', start);
        ok = apply(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start),
                   in) &&
             ok;
        if (comma == std::string_view::npos)
          break;
        start = comma + 1;
      }
      if (!ok)
        continue;
      if (!admits_at_least(in, kMinimum))
        ctx.report("DUR011", Severity::Error, "AWS provider version without durable_config",
                   "The constraint \"" + version->s +
                       "\" excludes every hashicorp/aws version from 6.25.0 on, and durable_config first "
                       "appeared in "
                       "6.25.0 (December 4, 2025): terraform validate fails with \"Unsupported block type\". "
                       "Require version = \">= 6.25.0\".",
                   version->range());
      else if (admits_below(in, kMinimum))
        ctx.report(
            "DUR011", Severity::Warning, "AWS provider version may lack durable_config",
            "The constraint \"" + version->s +
                "\" admits hashicorp/aws versions older than 6.25.0, which do not know durable_config. "
                "Require version = \">= 6.25.0\".",
            version->range());
    }
  }
  if (!found) {
    const BlockRef& f = durable.front();
    const Block* dc = RuleContext::durable_config(f);
    ctx.report(
        "DUR011", Severity::Info, "No version constraint for the AWS provider",
        "durable_config needs hashicorp/aws 6.25.0 or later; add terraform { required_providers { aws = { "
        "source = \"hashicorp/aws\", version = \">= 6.25.0\" } } } so an older provider is never used.",
        f.range(dc->type_span));
  }
}

} // namespace dp::tf
