// Value templates (workflow-format.md "Values and references"): strings may hold ${path} references to
// the input, to variables bound with `as` or `let`, or inside a step body to ${attempt}, and calls of the
// functions ${random()}, ${uuid()} and ${now()} ("Values outside steps"). A string that is exactly one
// reference or call yields its JSON value itself; otherwise the values are rendered into the text.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"

namespace dp::workflow {

// Variables visible to a statement: its own body's bindings, then the enclosing bodies' (read only).
class Scope {
public:
  explicit Scope(const Scope* parent = nullptr) : m_parent(parent) {}
  void bind(const std::string& name, Json value) { m_vars[name] = std::move(value); }
  const Json* find(const std::string& name) const;

private:
  const Scope* m_parent;
  std::map<std::string, Json> m_vars;
};

// A template string cut into literal text and ${...} references (the text inside the braces).
struct TemplatePiece {
  bool is_reference = false;
  std::string text;
};
// Errors name the string when a ${ is not closed.
Result<std::vector<TemplatePiece>> split_template(const std::string& s);

// One step of a reference's path: a member name or an array index.
struct PathPart {
  bool is_index = false;
  std::string key;
  size_t index = 0;
};

// The functions a value may call. Where the call is evaluated decides what a replay sees: outside a step it
// runs again on every invocation, in a step body only when the body runs (the checkpoint keeps the value).
enum class ValueFunction { None, Random, Uuid, Now };
const char* function_name(ValueFunction f); // "random", "uuid", "now"

// One ${...} reference: a variable path or a function call, optionally followed by one arithmetic step with a
// number, written with spaces around the operator ("state + 1", "item.price * 10", "attempt - 1"; our
// addition to the format, docs/workflow-format-extensions.md). The SDK handlers the conformance suite runs
// compute such values ("state + 1"), and the exporter writes the same expression in Python and JavaScript.
struct Reference {
  std::string path;            // "payment.amount", "items[2].sku", "random()"
  std::string root;            // "payment"; "" for a function call
  std::vector<PathPart> parts; // the root, then each member or index; empty for a function call
  ValueFunction function = ValueFunction::None; // ${uuid()}: a call (no members, no arguments)
  char op = 0;                                  // '+', '-', '*', or 0 for a plain reference
  Json operand;                                 // the number after the operator
};
// Parses the text inside ${...}; the error names the text and what is wrong with it.
Result<Reference> parse_reference(const std::string& text);

// The root variable names a template refers to ("input" for ${input.orderId}), in order of appearance;
// function calls name no variable. Returns an error naming the text when a ${ is not closed or a path is
// malformed.
Result<std::vector<std::string>> referenced_roots(const Json& value_template);

// The functions a template calls, in order of appearance (an empty list for a template that parses badly).
std::vector<ValueFunction> called_functions(const Json& value_template);

// Supplies the values of ${random()}, ${uuid()} and ${now()} where a template is evaluated. The engine makes
// one per place (a statement outside a step, a step body's attempt), so the place decides whether a replay
// sees a new value; calls within one place are told apart by their order.
class FunctionSource {
public:
  virtual ~FunctionSource() = default;
  virtual Json call(ValueFunction f) = 0;
};

// Substitutes every reference and call. An unbound variable or a missing member is an error naming the path;
// a call where no source is given is an error naming the call.
Result<Json> render(const Json& value_template, const Scope& scope, FunctionSource* functions = nullptr);

// Text of a value as it appears inside a rendered string: strings bare, everything else as JSON.
std::string text_of(const Json& value);

} // namespace dp::workflow
