// TF007: references to undeclared resources, data sources, variables, locals and modules (terraform
// validate's "Reference to undeclared ..."). Skipped when some file of the module has syntax errors,
// since its declarations are then unknown.
#include "terraform/rules/rule.hpp"

#include <functional>

namespace dp::tf {
namespace {

struct RefChecker {
  RuleContext& ctx;
  const File* file;
  std::vector<std::string> scope;

  bool in_scope(const std::string& n) const {
    for (const auto& s : scope)
      if (s == n)
        return true;
    return false;
  }

  void undeclared(const Expr* e, const std::string& what, const std::string& name,
                  const std::vector<std::string>& candidates) {
    std::string hint = did_you_mean(name, candidates);
    ctx.report("TF007", Severity::Error, "Reference to undeclared " + what,
               std::string(what[0] == 'i' ? "An " : "A ") + what + " \"" + name +
                   "\" has not been declared in this module." +
                   (hint.empty() ? "" : " Did you mean \"" + hint + "\"?"),
               file->range(e->span));
  }

  template <typename Map>
  static std::vector<std::string> keys(const Map& m) {
    std::vector<std::string> out;
    for (const auto& kv : m)
      out.push_back(kv.first);
    return out;
  }

  void traversal(const Expr* e) {
    const std::string& root = e->name;
    if (in_scope(root) || e->steps.empty() || e->steps[0].kind != StepKind::Attr)
      return;
    const std::string& first = e->steps[0].name;
    const Module& m = ctx.module;
    if (root == "var") {
      if (!m.variables.count(first))
        undeclared(e, "input variable", first, keys(m.variables));
    } else if (root == "local") {
      if (!m.locals.count(first))
        undeclared(e, "local value", first, keys(m.locals));
    } else if (root == "module") {
      if (!m.modules.count(first))
        undeclared(e, "module call", first, keys(m.modules));
    } else if (root == "data") {
      if (e->steps.size() >= 2 && e->steps[1].kind == StepKind::Attr) {
        std::string key = first + "." + e->steps[1].name;
        if (!m.data.count(key))
          undeclared(e, "data resource", "data." + key, keys(m.data));
      }
    } else if (looks_like_resource_type(root)) {
      std::string key = root + "." + first;
      if (!m.resources.count(key))
        undeclared(e, "resource", key, keys(m.resources));
    }
  }

  void expr(const Expr* e) {
    if (!e)
      return;
    switch (e->kind) {
    case ExprKind::ScopeTraversal:
      traversal(e);
      for (const Step& st : e->steps)
        expr(st.index);
      return;
    case ExprKind::For: {
      expr(e->kids[0]);
      size_t mark = scope.size();
      if (!e->name.empty())
        scope.push_back(e->name);
      scope.push_back(e->name2);
      for (size_t k = 1; k < e->kids.size(); ++k)
        expr(e->kids[k]);
      scope.resize(mark);
      return;
    }
    case ExprKind::TemplateFor: {
      expr(e->kids[0]);
      size_t mark = scope.size();
      if (!e->name.empty())
        scope.push_back(e->name);
      scope.push_back(e->name2);
      expr(e->kids[1]);
      scope.resize(mark);
      return;
    }
    case ExprKind::ObjectKey:
      if (!e->flag)
        expr(e->kids[0]);
      return;
    default:
      for (const Expr* k : e->kids)
        expr(k);
      for (const Step& st : e->steps)
        expr(st.index);
      return;
    }
  }

  void body(const Body& b) {
    for (const Attribute& a : b.attributes)
      expr(a.expr);
    for (const Block& inner : b.blocks) {
      if (inner.type == "lifecycle")
        continue;
      if (inner.type == "dynamic" && !inner.labels.empty()) {
        std::string iterator = inner.labels[0].text;
        if (const Attribute* it = inner.body.attribute("iterator"))
          if (it->expr->kind == ExprKind::ScopeTraversal)
            iterator = it->expr->name;
        for (const Attribute& a : inner.body.attributes)
          if (a.name != "iterator")
            expr(a.expr);
        scope.push_back(iterator);
        for (const Block& content : inner.body.blocks)
          body(content.body);
        scope.pop_back();
        continue;
      }
      body(inner.body);
    }
  }
};

} // namespace

void check_TF007(RuleContext& ctx) {
  if (!ctx.module.complete)
    return;
  for (size_t i = 0; i < ctx.module.files.size(); ++i) {
    if (!ctx.module.analysed[i])
      continue;
    const File& f = ctx.module.files[i];
    RefChecker rc{ctx, &f, {}};
    for (const Block& b : f.body.blocks) {
      if (b.type == "import") {
        // `to` is an address, checked by import_to.cpp; the id and for_each are evaluated at validate
        for (const char* evaluated : {"id", "for_each"})
          if (const Attribute* a = b.body.attribute(evaluated))
            rc.expr(a->expr);
        continue;
      }
      if (b.type == "moved" || b.type == "removed" || b.type == "terraform")
        continue;
      rc.body(b.body);
    }
  }
}

} // namespace dp::tf
