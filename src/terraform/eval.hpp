// Static evaluation of expressions (spec section 5.1): literals, templates (with placeholders for the
// unknown parts), collections, references to variables with defaults and to locals, and the functions
// policies are built with. Anything else is Unknown. Values remember the expression they came from, so a
// rule can point at the exact element of a list or object.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "terraform/model.hpp"

namespace dp::tf {

// A placeholder inside a string: kMark + reference text + kMark, e.g. "\x7f" "aws_lambda_function.f.arn"
// "\x7f".
// "\x7f?\x7f" stands for an unknown part that is not a reference.
constexpr char kMark = '\x7f';

struct Value {
  enum class Kind { Unknown, Null, Bool, Number, String, Tuple, Object };
  Kind kind = Kind::Unknown;
  bool b = false;
  double n = 0;
  std::string s; // String (may contain placeholders); Unknown: the reference text when it is a reference
  std::vector<Value> items;      // Tuple elements, or Object values (parallel to `keys`)
  std::vector<std::string> keys; // Object keys

  void add_field(std::string key, Value value) {
    keys.push_back(std::move(key));
    items.push_back(std::move(value));
  }
  // The value depends on a variable's default: a placeholder a module may never use, so rules judge it only
  // where it reaches a resource argument unconditionally (issue 11; conditionals on it are unknown).
  bool from_default = false;
  const Expr* origin = nullptr; // the expression this value was computed from
  const File* file = nullptr;

  bool known() const { return kind != Kind::Unknown; }
  const Value* field(std::string_view name) const;
  Range range() const { return file && origin ? file->range(origin->span) : Range{}; }
  // A string with no placeholder.
  bool is_literal_string() const { return kind == Kind::String && s.find(kMark) == std::string::npos; }
};

class Evaluator {
public:
  explicit Evaluator(const Module& module) : m_module(module) {}

  Value eval(const Expr* e, const File* file) const;

  // Binds a name (a dynamic block's iterator) for the evaluations until the matching unbind().
  void bind(std::string name, Value v) const { m_scope.emplace_back(std::move(name), std::move(v)); }
  void unbind() const { m_scope.pop_back(); }

  // Numbers and booleans after Terraform's conversions ("128" -> 128, "true" -> true).
  static std::optional<double> as_number(const Value& v);
  static std::optional<bool> as_bool(const Value& v);

private:
  Value eval_in(const Expr* e, const File* file, int depth) const; // eval_node, marking from_default
  Value eval_node(const Expr* e, const File* file, int depth) const;
  Value call(const Expr* e, const File* file, int depth) const;
  Value traversal(const Expr* e, const File* file, int depth) const;
  // Applies .attr / [index] steps to a known value; Unknown (from `e`) when a step cannot be followed.
  Value apply_steps(Value v, const std::vector<Step>& steps, size_t first, const Expr* e, const File* f,
                    int depth) const;
  Value for_expr(const Expr* e, const File* f, int depth) const;
  Value splat(const Expr* e, const File* f, int depth) const;

  const Module& m_module;
  // Names bound by enclosing for-expressions (innermost last).
  mutable std::vector<std::pair<std::string, Value>> m_scope;
  mutable size_t m_default_uses = 0; // incremented whenever a variable's default is used
};

// Renders a number as Terraform prints it (integers without a fraction).
std::string number_text(double n);

} // namespace dp::tf
