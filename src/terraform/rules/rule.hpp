// What every rule sees: the module, the evaluator, IAM gathering, the options and the output, plus the
// helpers rules share (durable functions, literal values, reporting). One rule per file, named by its id.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "terraform/eval.hpp"
#include "terraform/iam.hpp"
#include "terraform/model.hpp"
#include "terraform/reference.hpp"
#include "terraform/validate.hpp"

namespace dp::tf {

struct RuleContext {
  const Module& module;
  const Evaluator& eval;
  const IamGatherer& iam;
  const ValidateOptions& options;
  const Module* previous; // the previous playground state, for edit-mode rules (DUR017); may be null
  Diagnostics& out;
  // durable_config blocks that have schema errors (TF002/TF003/TF004): their value rules are skipped
  std::set<const Block*> broken_durable_configs;
  // computed once, on first use (rules/role_statements.cpp, rules/dur004.cpp)
  std::optional<std::vector<Statement>> durable_statements;
  std::optional<std::vector<std::string>> alias_names;

  // The literal names of the module's aliases.
  const std::vector<std::string>& literal_alias_names();

  void report(const char* rule, Severity severity, std::string summary, std::string detail, Range subject,
              std::optional<Range> context = std::nullopt);

  // aws_lambda_function resources of analysed files that have a durable_config block.
  std::vector<BlockRef> durable_functions() const;
  static const Block* durable_config(const BlockRef& fn);
  static const Block* nested(const Block* b, std::string_view type);
  // The value of an argument of a block, evaluated; Unknown when absent, and Unknown when it comes from a
  // variable's default inside a resource created conditionally (count or for_each not known): a module's
  // placeholder default is judged only where it reaches an argument unconditionally (issue 11).
  Value value(const Block* b, const File* f, std::string_view name) const;
  // Whether a block (a resource or a block nested in one) belongs to a conditionally created resource.
  bool conditional(const Block* b) const;
  mutable std::optional<std::set<const Block*>> conditional_blocks; // computed on first use
  // "resource \"aws_lambda_function\" \"main\"" for messages.
  static std::string address(const BlockRef& r);
  // Whether an expression (anywhere inside) references aws_lambda_function.NAME.ATTR; returns the
  // referencing traversal or null. attr empty = any attribute.
  static const Expr* find_reference(const Expr* e, std::string_view type, std::string_view name,
                                    std::string_view attr);
};

// The rule functions, called in registry order (rules/registry.cpp).
#define DP_RULE(id) void check_##id(RuleContext& ctx);
DP_RULE(TF002)
DP_RULE(TF007)
DP_RULE(TF009)
DP_RULE(LMB001)
DP_RULE(LMB002)
DP_RULE(LMB003)
DP_RULE(LMB004)
DP_RULE(LMB005)
DP_RULE(LMB006)
DP_RULE(LMB007)
DP_RULE(LMB008)
DP_RULE(LMB009)
DP_RULE(DUR001)
DP_RULE(DUR002)
DP_RULE(DUR003)
DP_RULE(DUR004)
DP_RULE(DUR006)
DP_RULE(DUR007)
DP_RULE(DUR008)
DP_RULE(DUR009)
DP_RULE(DUR010)
DP_RULE(DUR011)
DP_RULE(DUR012)
DP_RULE(DUR013)
DP_RULE(DUR014)
DP_RULE(DUR015)
DP_RULE(DUR016)
DP_RULE(DUR017)
DP_RULE(IMPORT_TO)     // an import block's `to` (reports TF007, TF009)
DP_RULE(LAMBDA_MODULE) // calls to terraform-aws-modules/lambda/aws (reports LMB*, DUR* ids)
#undef DP_RULE

} // namespace dp::tf
