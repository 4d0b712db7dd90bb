// DUR009: a durable function needs a published version or an alias on one, since it must be invoked
// through a qualified ARN (warning); when the only qualifier is $LATEST it is an info instead.
#include "terraform/rules/rule.hpp"

#include <functional>
#include <map>
#include <optional>

namespace dp::tf {
namespace {

// A template that appends ":$LATEST" to aws_lambda_function.NAME.arn ("${aws_lambda_function.f.arn}:$LATEST",
// as in an EventBridge Scheduler universal target's FunctionName): the function is invoked through the
// $LATEST qualifier. Returns the template's span.
std::optional<Span> latest_qualified_use(const Expr* e, const std::string& function) {
  if (!e)
    return std::nullopt;
  if (e->kind == ExprKind::Template)
    for (size_t i = 0; i + 1 < e->kids.size(); ++i) {
      const Expr* ref = e->kids[i];
      const Expr* next = e->kids[i + 1];
      // aws_lambda_function.F.arn, or an instance's: F[KEY].arn
      bool keyed = ref && ref->steps.size() == 3 && ref->steps[1].kind != StepKind::Attr;
      if (ref && next && ref->kind == ExprKind::ScopeTraversal && ref->name == "aws_lambda_function" &&
          (ref->steps.size() == 2 || keyed) && ref->steps[0].name == function &&
          ref->steps.back().kind == StepKind::Attr && ref->steps.back().name == "arn" &&
          next->kind == ExprKind::Literal && next->name.rfind(":$LATEST", 0) == 0)
        return e->span;
    }
  for (const Expr* k : e->kids)
    if (auto found = latest_qualified_use(k, function))
      return found;
  return std::nullopt;
}

std::optional<Range> latest_qualified_use(const Module& m, const std::string& function) {
  std::function<std::optional<Range>(const Body&, const File&)> in_body = [&](const Body& b, const File& f) {
    for (const Attribute& a : b.attributes)
      if (auto span = latest_qualified_use(a.expr, function))
        return std::optional<Range>(f.range(*span));
    for (const Block& inner : b.blocks)
      if (auto r = in_body(inner.body, f))
        return r;
    return std::optional<Range>();
  };
  for (size_t i = 0; i < m.files.size(); ++i)
    if (m.analysed[i])
      if (auto r = in_body(m.files[i].body, m.files[i]))
        return r;
  return std::nullopt;
}

} // namespace

void check_DUR009(RuleContext& ctx) {
  // aliases by the function they name: a reference aws_lambda_function.NAME..., or a literal name
  std::multimap<std::string, BlockRef> by_reference;
  std::vector<std::pair<std::string, BlockRef>> by_literal;
  for (const BlockRef& a : ctx.module.resources_of("aws_lambda_alias")) {
    const Attribute* fn = a.attr("function_name");
    if (!fn)
      continue;
    if (const Expr* ref = RuleContext::find_reference(fn->expr, "aws_lambda_function", "", "")) {
      by_reference.emplace(ref->steps[0].name, a);
      continue;
    }
    Value name = ctx.eval.eval(fn->expr, a.file);
    if (name.is_literal_string())
      by_literal.emplace_back(name.s, a);
  }
  for (const BlockRef& f : ctx.durable_functions()) {
    const Attribute* publish = f.attr("publish");
    if (publish) {
      Value v = ctx.eval.eval(publish->expr, f.file);
      auto b = Evaluator::as_bool(v);
      if (!b || *b)
        continue; // true, or unknown (not wrong)
    }
    FunctionTarget target = function_target(f, ctx.eval);
    bool qualified = false;
    std::optional<Range> latest;
    std::vector<BlockRef> aliases;
    auto [from, to] = by_reference.equal_range(f.name());
    for (auto it = from; it != to; ++it)
      aliases.push_back(it->second);
    for (const auto& [literal, a] : by_literal)
      if (literal == target.name)
        aliases.push_back(a);
    for (const BlockRef& a : aliases) {
      const Attribute* ver = a.attr("function_version");
      if (!ver)
        continue;
      Value v = ctx.eval.eval(ver->expr, a.file);
      if (v.is_literal_string() && v.s == "$LATEST")
        latest = v.range();
      else
        qualified = true; // aws_lambda_function.X.version, a number, or unknown
    }
    if (qualified)
      continue;
    if (!latest)
      latest = latest_qualified_use(ctx.module, f.name());
    if (latest) {
      ctx.report(
          "DUR009", Severity::Info, "Only $LATEST qualifies this function",
          "The only qualifier for " + RuleContext::address(f) +
              " is $LATEST: invoking it works, but it is not recommended for production and $LATEST cannot "
              "carry resource-policy permissions. Set publish = true and use aws_lambda_function." +
              f.name() + ".version.",
          *latest);
      continue;
    }
    ctx.report(
        "DUR009", Severity::Warning, "Durable function without a published version or alias",
        RuleContext::address(f) +
            " is durable but publishes no version and has no alias: durable functions must be invoked "
            "through a qualified ARN (version or alias). Set publish = true and add an aws_lambda_alias "
            "with function_version = aws_lambda_function." +
            f.name() + ".version.",
        publish ? f.range(publish->expr->span) : f.range(f.block->open_brace));
  }
}

} // namespace dp::tf
