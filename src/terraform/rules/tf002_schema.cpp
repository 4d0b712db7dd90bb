// TF002 unsupported argument, TF003 unsupported block type, TF004 missing required argument, TF005 too
// many blocks and TF008 incorrect literal type: one walk over each resource against the embedded schema
// (schema.cpp), the way terraform validate checks a body. The five ids share this file because they are
// one pass; each diagnostic carries its own id.
#include "terraform/rules/rule.hpp"
#include "terraform/schema.hpp"

namespace dp::tf {
namespace {

constexpr const char* kMetaArgs[] = {"count", "for_each", "depends_on", "provider"};
constexpr const char* kMetaBlocks[] = {"lifecycle", "provisioner", "connection", "dynamic"};

bool is_one_of(std::string_view s, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (s == list[i])
      return true;
  return false;
}

// Settings of the Lambda API's DurableConfig that the provider's durable_config block does not have (yet):
// say where they come from, so the user knows why Terraform rejects them.
std::string durable_note(std::string_view block, std::string_view arg) {
  if (block != "durable_config")
    return {};
  if (arg == "kms_key_arn" || arg == "kms_key")
    return " The Lambda API's DurableConfig has a KMSKeyArn (\"which AWS KMS key encrypts your execution "
           "data\", "
           "https://docs.aws.amazon.com/lambda/latest/dg/durable-configuration.html), but the "
           "aws_lambda_function "
           "durable_config block documents only execution_timeout and retention_period "
           "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
           "lambda_function#durable_config-configuration-block).";
  if (arg == "allow_invoke_latest")
    return " AllowInvokeLatest is not in the provider (requested in hashicorp/terraform-provider-aws#45800): "
           "invoke durable functions through a published version or an alias.";
  return {};
}

struct Walker {
  RuleContext& ctx;
  const File* file;

  void type_check(const Attribute& a, ArgType t) {
    // only literal constructors: references and function results are typed by Terraform at plan time
    ExprKind k = a.expr->kind;
    if (k != ExprKind::Literal && k != ExprKind::Template && k != ExprKind::Tuple && k != ExprKind::Object)
      return;
    Value v = ctx.eval.eval(a.expr, file);
    if (!v.known() || v.kind == Value::Kind::Null)
      return;
    bool bad = false;
    switch (t) {
    case ArgType::Number:
      bad = v.kind == Value::Kind::Tuple || v.kind == Value::Kind::Object || v.kind == Value::Kind::Bool ||
            (v.is_literal_string() && !Evaluator::as_number(v));
      break;
    case ArgType::Bool:
      bad = v.kind == Value::Kind::Tuple || v.kind == Value::Kind::Object || v.kind == Value::Kind::Number ||
            (v.is_literal_string() && !Evaluator::as_bool(v));
      break;
    case ArgType::String:
      bad = v.kind == Value::Kind::Tuple || v.kind == Value::Kind::Object;
      break;
    case ArgType::List:
      bad = v.kind == Value::Kind::String || v.kind == Value::Kind::Number || v.kind == Value::Kind::Bool ||
            v.kind == Value::Kind::Object;
      break;
    case ArgType::Map:
      bad = v.kind == Value::Kind::Tuple || v.kind == Value::Kind::String || v.kind == Value::Kind::Number ||
            v.kind == Value::Kind::Bool;
      break;
    case ArgType::Any:
      break;
    }
    if (bad)
      ctx.report("TF008", Severity::Error, "Incorrect attribute value type",
                 "Inappropriate value for attribute \"" + a.name + "\": " + arg_type_name(t) + " required.",
                 file->range(a.expr->span));
  }

  // Returns whether the body had schema errors.
  bool body(const Block& b, const BlockSchema& schema, bool top, bool resource) {
    bool broken = false;
    std::vector<std::string> names;
    for (const auto& a : schema.args)
      names.emplace_back(a.name);
    for (const Attribute& a : b.body.attributes) {
      const ArgSchema* s = nullptr;
      for (const auto& cand : schema.args)
        if (a.name == cand.name)
          s = &cand;
      if (s && s->computed_only) {
        // null leaves it unset; a value not known here (each.value.x) may be null: not judged
        Value v = ctx.eval.eval(a.expr, file);
        if (!v.known() || v.kind == Value::Kind::Null)
          continue;
        ctx.report("TF002", Severity::Error, "Value for unconfigurable attribute",
                   "Can't configure a value for \"" + a.name +
                       "\": its value will be decided automatically based on the result of applying this "
                       "configuration." +
                       (a.name == "tags_all"
                            ? " Set tags; the provider adds its default_tags to form tags_all."
                            : ""),
                   file->range(a.expr->span));
        continue;
      }
      if (s) {
        type_check(a, s->type);
        continue;
      }
      if (top && is_one_of(a.name, kMetaArgs, 4))
        continue;
      std::string hint = did_you_mean(a.name, names);
      ctx.report("TF002", Severity::Error, "Unsupported argument",
                 "An argument named \"" + a.name + "\" is not expected here." +
                     (hint.empty() ? "" : " Did you mean \"" + hint + "\"?") + durable_note(b.type, a.name),
                 file->range(a.name_span));
      broken = true;
    }
    std::vector<std::string> block_names;
    for (const auto& nb : schema.blocks)
      block_names.emplace_back(nb.name);
    for (const NestedSchema& nb : schema.blocks) {
      int count = 0;
      for (const Block& inner : b.body.blocks) {
        if (inner.type != nb.name)
          continue;
        ++count;
        if (nb.max_items > 0 && count > nb.max_items) {
          ctx.report("TF005", Severity::Error, "Too many " + inner.type + " blocks",
                     "No more than " + std::to_string(nb.max_items) + " \"" + inner.type +
                         "\" block is allowed. Keep one and remove the others.",
                     file->range(inner.type_span));
          continue;
        }
        if (!nb.body->open) {
          bool inner_broken = body(inner, *nb.body, false, resource);
          if (inner_broken && inner.type == "durable_config")
            ctx.broken_durable_configs.insert(&inner);
        }
      }
    }
    for (const Block& inner : b.body.blocks) {
      bool known = false;
      for (const auto& nb : schema.blocks)
        known = known || inner.type == nb.name;
      if (known)
        continue;
      // `dynamic` may generate any nested block type, at any depth (a policy document's `statement`, a
      // `statement`'s `condition`, ...), not only at the top of a resource (issue 11).
      if (inner.type == "dynamic" ||
          (top && is_one_of(inner.type, kMetaBlocks, 4) &&
           (resource || (inner.type != "provisioner" && inner.type != "connection")))) {
        if (inner.type == "dynamic" && !inner.labels.empty()) {
          bool ok = false;
          for (const auto& nb : schema.blocks)
            ok = ok || inner.labels[0].text == nb.name;
          if (!ok)
            ctx.report("TF003", Severity::Error, "Unsupported block type",
                       "Blocks of type \"" + inner.labels[0].text + "\" are not expected here.",
                       file->range(inner.labels[0].span));
        }
        continue;
      }
      std::string hint = did_you_mean(inner.type, block_names);
      ctx.report("TF003", Severity::Error, "Unsupported block type",
                 "Blocks of type \"" + inner.type + "\" are not expected here." +
                     (hint.empty() ? "" : " Did you mean \"" + hint + "\"?"),
                 file->range(inner.type_span));
      broken = true;
    }
    bool has_dynamic = false;
    for (const Block& inner : b.body.blocks)
      has_dynamic = has_dynamic || inner.type == "dynamic";
    for (const auto& a : schema.args) {
      if (!a.required || b.body.attribute(a.name))
        continue;
      ctx.report("TF004", Severity::Error, "Missing required argument",
                 "The argument \"" + std::string(a.name) + "\" is required, but no definition was found.",
                 file->range(b.open_brace));
      broken = true;
    }
    (void)has_dynamic;
    return broken;
  }
};

} // namespace

void check_TF002(RuleContext& ctx) {
  auto walk = [&](const std::vector<BlockRef>& list, const char* kind) {
    for (const BlockRef& r : list) {
      const BlockSchema* schema = find_schema(kind, r.type());
      if (!schema)
        continue;
      Walker w{ctx, r.file};
      w.body(*r.block, *schema, true, std::string_view(kind) == "resource");
    }
  };
  walk(ctx.module.resource_list, "resource");
  walk(ctx.module.data_list, "data");
}

} // namespace dp::tf
