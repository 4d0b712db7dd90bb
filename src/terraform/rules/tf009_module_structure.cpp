// What `terraform validate` reports about a module's structure without any provider schema, beyond
// TF001/TF006/TF007 (Terraform's configs package, checked with terraform 1.11 messages; the checks that
// need provider schemas are listed in docs/terraform-validate-parity.md):
//   TF006 duplicate required_providers blocks, duplicate default provider configurations, duplicate
//         provider aliases, duplicate backend (or cloud) blocks;
//   TF004 a module call without source, an output without value;
//   TF009 count together with for_each, variable names Terraform reserves, and a module source or version
//         that is not a literal string.
#include "terraform/rules/rule.hpp"

#include <map>

namespace dp::tf {
namespace {

std::string at(const Range& r) {
  return r.filename + ":" + std::to_string(r.start.line) + "," + std::to_string(r.start.column) + "-" +
         std::to_string(r.end.column);
}

constexpr const char* kReservedVariables[] = {"source",   "version",   "providers",  "count",
                                              "for_each", "lifecycle", "depends_on", "locals"};

// Reports the first variable reference or function call in `e` the way HCL does when an expression is
// evaluated without a context ("Variables not allowed", "Function calls not allowed"). True once reported.
bool report_non_literal(RuleContext& ctx, const BlockRef& call, const Expr* e) {
  if (!e)
    return false;
  if (e->kind == ExprKind::ScopeTraversal) {
    ctx.report("TF009", Severity::Error, "Variables not allowed",
               "Variables may not be used here. A module's source and version must be literal strings: "
               "Terraform reads them before it evaluates anything.",
               call.range(e->span));
    return true;
  }
  if (e->kind == ExprKind::FunctionCall) {
    ctx.report("TF009", Severity::Error, "Function calls not allowed",
               "Functions may not be called here. A module's source and version must be literal strings: "
               "Terraform reads them before it evaluates anything.",
               call.range(e->span));
    return true;
  }
  for (const Expr* k : e->kids)
    if (report_non_literal(ctx, call, k))
      return true;
  return false;
}

// depends_on names whole objects (Terraform's validateDependsOn): the number of steps after the root that
// still name the object (resource NAME, data TYPE.NAME, module NAME.OUTPUT, var/local NAME), an instance
// key after a resource, data source or module call allowed; -1 when the root is not an object reference.
int object_steps(const Expr& e) {
  int names = -1;
  bool keyed = false;
  if (e.name == "var" || e.name == "local")
    names = 1;
  else if (e.name == "data")
    names = 2, keyed = true;
  else if (e.name == "module")
    names = 1, keyed = true;
  else if (looks_like_resource_type(e.name))
    names = 1, keyed = true;
  if (names < 0 || static_cast<int>(e.steps.size()) < names)
    return -1;
  int n = names;
  if (keyed && n < static_cast<int>(e.steps.size()) && e.steps[static_cast<size_t>(n)].kind != StepKind::Attr)
    ++n;
  if (e.name == "module" && n < static_cast<int>(e.steps.size()) &&
      e.steps[static_cast<size_t>(n)].kind == StepKind::Attr)
    ++n; // module.NAME.OUTPUT is an output value, a whole object
  return n;
}

} // namespace

void check_TF009(RuleContext& ctx) {
  const Module& m = ctx.module;
  // [SECTION] terraform blocks: one required_providers and one backend per module
  std::optional<Range> required, backend;
  for (const BlockRef& t : m.terraform_blocks) {
    for (const Block& b : t.block->body.blocks) {
      Range here = t.file->range(b.type_span);
      if (b.type == "required_providers") {
        if (required)
          ctx.report(
              "TF006", Severity::Error, "Duplicate required providers configuration",
              "A module may have only one required providers configuration. The required providers were "
              "previously configured at " +
                  at(*required) + ".",
              here);
        else
          required = here;
      } else if (b.type == "backend" || b.type == "cloud") {
        if (backend)
          ctx.report("TF006", Severity::Error, "Duplicate backend configuration",
                     "A module may have only one backend or cloud configuration. The backend was previously "
                     "configured at " +
                         at(*backend) + ".",
                     here);
        else
          backend = here;
      }
    }
  }
  // [SECTION] provider configurations: one default per provider, distinct aliases
  std::map<std::string, Range> seen; // "aws" or "aws.alias" -> where
  for (const BlockRef& p : m.providers) {
    if (p.block->labels.empty())
      continue;
    const std::string& name = p.block->labels[0].text;
    std::string key = name;
    std::string alias;
    if (const Attribute* a = p.attr("alias")) {
      Value v = ctx.eval.eval(a->expr, p.file);
      if (!v.is_literal_string())
        continue;
      alias = v.s;
      key += "." + alias;
    }
    Range here = p.file->range(p.block->labels[0].span);
    auto [it, inserted] = seen.emplace(key, here);
    if (inserted)
      continue;
    ctx.report("TF006", Severity::Error, "Duplicate provider configuration",
               alias.empty()
                   ? "A default (non-aliased) provider configuration for \"" + name +
                         "\" was already given at " + at(it->second) +
                         ". If multiple configurations are required, set the \"alias\" argument for "
                         "alternative configurations."
                   : "A provider configuration for \"" + name + "\" with alias \"" + alias +
                         "\" was already given at " + at(it->second) +
                         ". Each configuration for the same provider must have a distinct alias.",
               here);
  }
  // [SECTION] module calls and outputs: required arguments
  for (const auto& [name, call] : m.modules)
    if (!call.attr("source"))
      ctx.report("TF004", Severity::Error, "Missing required argument",
                 "The argument \"source\" is required, but no definition was found. Set source on module \"" +
                     name + "\" (for example \"terraform-aws-modules/lambda/aws\").",
                 call.range(call.block->open_brace));
  // A module call's source and version are read before anything is evaluated (Terraform decodes them
  // without an evaluation context), so a reference or a function call there is an error.
  for (const auto& [name, call] : m.modules)
    for (const char* argument : {"source", "version"})
      if (const Attribute* a = call.attr(argument))
        report_non_literal(ctx, call, a->expr);
  for (const auto& [name, out] : m.outputs)
    if (!out.attr("value"))
      ctx.report("TF004", Severity::Error, "Missing required argument",
                 "The argument \"value\" is required, but no definition was found.",
                 out.range(out.block->open_brace));
  // [SECTION] depends_on of resources and data sources: whole objects only
  for (const auto* list : {&m.resource_list, &m.data_list}) {
    for (const BlockRef& r : *list) {
      const Attribute* deps = r.attr("depends_on");
      if (!deps || deps->expr->kind != ExprKind::Tuple)
        continue;
      for (const Expr* item : deps->expr->kids) {
        if (!item || item->kind != ExprKind::ScopeTraversal)
          continue;
        int keep = object_steps(*item);
        if (keep < 0 || keep >= static_cast<int>(item->steps.size()))
          continue;
        Span rest{item->steps[static_cast<size_t>(keep)].span.begin, item->span.end};
        ctx.report(
            "TF009", Severity::Error, "Invalid depends_on reference",
            "References in depends_on must be to a whole object (resource, etc), not to an attribute of "
            "an object. Write " +
                std::string(r.file->text(Span{item->span.begin, rest.begin})) + ".",
            r.range(rest));
      }
    }
  }
  // [SECTION] meta-arguments and reserved names
  for (const auto* list : {&m.resource_list, &m.data_list})
    for (const BlockRef& r : *list)
      if (const Attribute* fe = r.attr("for_each"); fe && r.attr("count"))
        ctx.report(
            "TF009", Severity::Error, "Invalid combination of \"count\" and \"for_each\"",
            "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used "
            "to be explicit about the number of resources to be created.",
            r.range(fe->name_span));
  for (const auto& [name, v] : m.variables)
    for (const char* reserved : kReservedVariables)
      if (name == reserved)
        ctx.report("TF009", Severity::Error, "Invalid variable name",
                   "The variable name \"" + name +
                       "\" is reserved due to its special meaning inside module blocks.",
                   v.range(v.block->labels[0].span));
}

} // namespace dp::tf
