// An import block's `to` (Terraform's configs/import.go and addrs/parse_target.go): a resource instance
// address, optionally inside a module path (module.NAME[KEY].module.OTHER.TYPE.NAME[KEY]), optionally
// spelled resource.TYPE.NAME. Index keys that are not constants (each.key) are skipped, as Terraform does
// when it connects the import to the configuration. Reports TF009 for a malformed address or one that is
// not a managed resource, and TF007 when the address names a resource or module call this module does not
// declare ("Configuration for import target does not exist", which terraform plan reports; a warning here).
#include "terraform/rules/rule.hpp"

namespace dp::tf {
namespace {

// One part of the address: a name (the root, or .name) or an index ([KEY] or .N).
struct Part {
  bool index = false;
  std::string name;
  Span span;
};

bool constant_index(const Step& st) {
  if (st.kind == StepKind::LegacyIndex)
    return true;
  const Expr* i = st.index;
  return i && (i->kind == ExprKind::Literal || (i->kind == ExprKind::Template && i->kids.size() == 1 &&
                                                i->kids[0]->kind == ExprKind::Literal));
}

struct ImportTo {
  RuleContext& ctx;
  const File& file;
  const Attribute& to;

  void invalid(const char* summary, const std::string& detail, Span where) {
    ctx.report("TF009", Severity::Error, summary, detail, file.range(where));
  }

  void check() {
    const Expr* e = to.expr;
    if (e->kind != ExprKind::ScopeTraversal) {
      invalid("Invalid expression",
              "to must be written as a resource address, not a string or a computed value: for example "
              "to = aws_lambda_function.main, or to = aws_lambda_function.main[\"a\"] for one instance.",
              e->span);
      return;
    }
    std::vector<Part> parts{
        Part{false, e->name, Span{e->span.begin, e->span.begin + uint32_t(e->name.size())}}};
    for (const Step& st : e->steps) {
      if (st.kind == StepKind::Attr)
        parts.push_back(Part{false, st.name, st.span});
      else if (constant_index(st))
        parts.push_back(Part{true, st.name, st.span});
      // an index computed from each.key and the like is not part of the static address
    }
    size_t i = 0;
    std::string module_call;
    while (i < parts.size() && !parts[i].index && parts[i].name == "module") {
      if (i + 1 >= parts.size() || parts[i + 1].index) {
        invalid("Invalid address", "A module name is required after module.", parts[i].span);
        return;
      }
      if (module_call.empty())
        module_call = parts[i + 1].name;
      i += 2;
      if (i < parts.size() && parts[i].index)
        ++i;
    }
    if (i == parts.size()) {
      invalid("Invalid address",
              "A resource instance address is required here. The module path must be followed by a resource "
              "type and name, such as module." +
                  module_call + ".aws_lambda_function.main.",
              e->span);
      return;
    }
    const Part& root = parts[i];
    if (!root.index) {
      const std::string& r = root.name;
      if (r == "data" || r == "ephemeral" || r == "list") {
        invalid("Invalid import address",
                "Only managed resources can be imported: " + r +
                    " blocks are read, not managed. Import into a resource block instead.",
                to.span);
        return;
      }
      if (r == "count" || r == "each" || r == "local" || r == "path" || r == "self" || r == "terraform" ||
          r == "var" || r == "template" || r == "lazy" || r == "arg") {
        invalid("Invalid address",
                "The keyword \"" + r +
                    "\" is reserved and cannot start a resource address; write the resource's type and name, "
                    "such as aws_lambda_function.main.",
                root.span);
        return;
      }
      if (r == "resource")
        ++i;
    }
    if (i + 1 >= parts.size()) {
      invalid("Invalid address", "The resource address must include a resource type and name.",
              i < parts.size() ? parts[i].span : e->span);
      return;
    }
    if (parts[i].index || parts[i + 1].index) {
      invalid("Invalid address",
              parts[i].index ? "A resource type name is required." : "A resource name is required.",
              parts[i].index ? parts[i].span : parts[i + 1].span);
      return;
    }
    const std::string type = parts[i].name;
    const std::string name = parts[i + 1].name;
    size_t rest = parts.size() - (i + 2);
    if (rest == 1 && !parts[i + 2].index) {
      invalid("Invalid address",
              "An instance key must be given in square brackets: " + type + "." + name + "[0] or " + type +
                  "." + name + "[\"key\"]. An import's to names a resource, not one of its attributes.",
              parts[i + 2].span);
      return;
    }
    if (rest > 1) {
      invalid("Invalid address", "Unexpected extra operators after the address " + type + "." + name + ".",
              parts[i + 3].span);
      return;
    }
    if (!ctx.module.complete)
      return; // declarations in files with syntax errors are unknown
    if (!module_call.empty()) {
      if (!ctx.module.modules.count(module_call))
        missing("module." + module_call + "." + type + "." + name,
                "module call \"" + module_call + "\" is not declared in this module");
      return; // the module's own resources are not analysed here
    }
    if (!ctx.module.resources.count(type + "." + name))
      missing(type + "." + name,
              "there is no resource \"" + type + "\" \"" + name + "\" block in this module");
  }

  void missing(const std::string& address, const std::string& why) {
    std::vector<std::string> candidates;
    for (const auto& kv : ctx.module.resources)
      candidates.push_back(kv.first);
    std::string hint = did_you_mean(address, candidates);
    ctx.report(
        // A warning, not an error: terraform validate accepts it, and plan -generate-config-out is the
        // documented way to write the missing block, so a module may hold such an import on purpose.
        "TF007", Severity::Warning, "Configuration for import target does not exist",
        "The import target " + address + " has no configuration: " + why +
            ". terraform plan stops here unless it is asked to write the configuration "
            "(terraform plan -generate-config-out=generated.tf). Declare the resource, or fix the address." +
            (hint.empty() ? "" : " Did you mean " + hint + "?"),
        file.range(to.expr->span));
  }
};

} // namespace

void check_IMPORT_TO(RuleContext& ctx) {
  for (size_t i = 0; i < ctx.module.files.size(); ++i) {
    if (!ctx.module.analysed[i])
      continue;
    const File& f = ctx.module.files[i];
    for (const Block& b : f.body.blocks)
      if (b.type == "import")
        if (const Attribute* to = b.body.attribute("to"))
          ImportTo{ctx, f, *to}.check();
  }
}

} // namespace dp::tf
