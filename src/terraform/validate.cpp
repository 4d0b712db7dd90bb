// validate(): parse every file, build the module, run the rules in registry order, apply the
// suppression rules of spec section 4 (no semantic rules for a file with HCL errors), sort and count.
#include "terraform/validate.hpp"

#include <algorithm>

#include "terraform/rules/rule.hpp"

namespace dp::tf {

void RuleContext::report(const char* rule, Severity severity, std::string summary, std::string detail,
                         Range subject, std::optional<Range> context) {
  Diagnostic d;
  d.severity = severity;
  d.summary = std::move(summary);
  d.detail = std::move(detail);
  d.subject = std::move(subject);
  d.context = std::move(context);
  d.rule = rule;
  out.push_back(std::move(d));
}

const std::vector<std::string>& RuleContext::literal_alias_names() {
  if (!alias_names) {
    alias_names.emplace();
    for (const BlockRef& a : module.resources_of("aws_lambda_alias")) {
      Value v = value(a.block, a.file, "name");
      if (v.is_literal_string() &&
          std::find(alias_names->begin(), alias_names->end(), v.s) == alias_names->end())
        alias_names->push_back(v.s);
    }
  }
  return *alias_names;
}

std::vector<BlockRef> RuleContext::durable_functions() const {
  std::vector<BlockRef> out_list;
  for (const BlockRef& f : module.resources_of("aws_lambda_function"))
    if (durable_config(f))
      out_list.push_back(f);
  return out_list;
}

const Block* RuleContext::durable_config(const BlockRef& fn) {
  return nested(fn.block, "durable_config");
}

const Block* RuleContext::nested(const Block* b, std::string_view type) {
  if (!b)
    return nullptr;
  for (const Block& inner : b->body.blocks)
    if (inner.type == type)
      return &inner;
  return nullptr;
}

Value RuleContext::value(const Block* b, const File* f, std::string_view name) const {
  const Attribute* a = b ? b->body.attribute(name) : nullptr;
  if (!a)
    return Value{};
  Value v = eval.eval(a->expr, f);
  if (v.from_default && conditional(b)) {
    Value unknown;
    unknown.origin = v.origin;
    unknown.file = v.file;
    return unknown;
  }
  return v;
}

bool RuleContext::conditional(const Block* b) const {
  if (!conditional_blocks) {
    conditional_blocks.emplace();
    for (const auto* list : {&module.resource_list, &module.data_list}) {
      for (const BlockRef& r : *list) {
        bool cond = false;
        for (const char* meta : {"count", "for_each"})
          if (const Attribute* a = r.attr(meta)) {
            Value v = eval.eval(a->expr, r.file);
            cond = cond || !v.known() || v.from_default;
          }
        if (!cond)
          continue;
        // the resource and every block nested in it (blocks nest at most ParseOptions::max_depth levels)
        std::vector<const Block*> work{r.block};
        while (!work.empty()) {
          const Block* x = work.back();
          work.pop_back();
          conditional_blocks->insert(x);
          for (const Block& inner : x->body.blocks)
            work.push_back(&inner);
        }
      }
    }
  }
  return conditional_blocks->count(b) > 0;
}

std::string RuleContext::address(const BlockRef& r) {
  return r.type() + "." + r.name();
}

const Expr* RuleContext::find_reference(const Expr* e, std::string_view type, std::string_view name,
                                        std::string_view attr) {
  if (!e)
    return nullptr;
  if (e->kind == ExprKind::ScopeTraversal && e->name == type && !e->steps.empty() &&
      (name.empty() || e->steps[0].name == name) &&
      (attr.empty() || (e->steps.size() > 1 && e->steps[1].name == attr)))
    return e;
  for (const Expr* k : e->kids)
    if (const Expr* hit = find_reference(k, type, name, attr))
      return hit;
  for (const Step& st : e->steps)
    if (const Expr* hit = find_reference(st.index, type, name, attr))
      return hit;
  return nullptr;
}

namespace {

using Check = void (*)(RuleContext&);
struct Entry {
  const char* id;
  Check check;
};
// TF001 and TF006 are reported while the module is built (model.cpp). Order matters: TF002 records broken
// durable_config blocks that the DUR value rules skip.
constexpr Entry kChecks[] = {
    {"TF002", check_TF002},      {"TF007", check_TF007},   {"TF009", check_TF009},
    {"IMPORT", check_IMPORT_TO}, {"LMB001", check_LMB001}, {"LMB002", check_LMB002},
    {"LMB003", check_LMB003},    {"LMB004", check_LMB004}, {"LMB005", check_LMB005},
    {"LMB006", check_LMB006},    {"LMB007", check_LMB007}, {"LMB008", check_LMB008},
    {"LMB009", check_LMB009},    {"DUR001", check_DUR001}, {"DUR002", check_DUR002},
    {"DUR003", check_DUR003},    {"DUR004", check_DUR004}, {"DUR006", check_DUR006},
    {"DUR007", check_DUR007},    {"DUR008", check_DUR008}, {"DUR009", check_DUR009},
    {"DUR010", check_DUR010},    {"DUR011", check_DUR011}, {"DUR012", check_DUR012},
    {"DUR013", check_DUR013},    {"DUR014", check_DUR014}, {"DUR015", check_DUR015},
    {"DUR016", check_DUR016},    {"DUR017", check_DUR017}, {"MODULE", check_LAMBDA_MODULE},
};

bool before(const Diagnostic& a, const Diagnostic& b) {
  if (a.subject.filename != b.subject.filename)
    return a.subject.filename < b.subject.filename;
  if (a.subject.start.byte != b.subject.start.byte)
    return a.subject.start.byte < b.subject.start.byte;
  return a.rule < b.rule;
}

Module parse_module(std::vector<SourceText> files, const ValidateOptions& options, Diagnostics& out) {
  std::vector<File> parsed;
  for (auto& src : files) {
    parsed.push_back(parse(std::move(src.filename), std::move(src.text), options.parse));
    for (const auto& d : parsed.back().diagnostics)
      out.push_back(d);
  }
  return build_module(std::move(parsed), out);
}

} // namespace

Report validate(std::vector<SourceText> files, const ValidateOptions& options) {
  Report report;
  report.module = parse_module(std::move(files), options, report.diagnostics);
  Module previous;
  bool has_previous = !options.previous.empty();
  if (has_previous) {
    Diagnostics ignored;
    previous = parse_module(options.previous, options, ignored);
  }
  Evaluator eval(report.module);
  IamGatherer iam(report.module, eval);
  RuleContext ctx{report.module,      eval, iam, options, has_previous ? &previous : nullptr,
                  report.diagnostics, {}};
  for (const Entry& e : kChecks)
    e.check(ctx);
  std::stable_sort(report.diagnostics.begin(), report.diagnostics.end(), before);
  // One problem, one diagnostic: a rule reached twice for the same range (e.g. one policy shared by two
  // functions) reports once.
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.rule == b.rule && a.summary == b.summary && a.subject.filename == b.subject.filename &&
           a.subject.start.byte == b.subject.start.byte && a.subject.end.byte == b.subject.end.byte;
  };
  report.diagnostics.erase(std::unique(report.diagnostics.begin(), report.diagnostics.end(), same),
                           report.diagnostics.end());
  for (const auto& d : report.diagnostics) {
    if (d.severity == Severity::Error)
      ++report.error_count;
    else if (d.severity == Severity::Warning)
      ++report.warning_count;
    else
      ++report.info_count;
  }
  return report;
}

} // namespace dp::tf
