// Value templates (workflow-format.md "Values and references"): strings may hold ${path} references to
// the input, to variables bound with `as`, or inside a step body to ${attempt}. A string that is exactly
// one reference yields the referenced JSON value itself; otherwise references are rendered into the text.
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

// One ${...} reference: a variable path, optionally followed by one arithmetic step with a number, written
// with spaces around the operator ("state + 1", "item.price * 10", "attempt - 1"; our addition to the
// format, docs/workflow-format-extensions.md). The SDK handlers the conformance suite runs compute such
// values ("state + 1"), and the exporter writes the same expression in Python and JavaScript.
struct Reference {
  std::string path;            // "payment.amount", "items[2].sku"
  std::string root;            // "payment"
  std::vector<PathPart> parts; // the root, then each member or index
  char op = 0;                 // '+', '-', '*', or 0 for a plain reference
  Json operand;                // the number after the operator
};
// Parses the text inside ${...}; the error names the text and what is wrong with it.
Result<Reference> parse_reference(const std::string& text);

// The root variable names a template refers to ("input" for ${input.orderId}), in order of appearance.
// Returns an error naming the text when a ${ is not closed or a path is malformed.
Result<std::vector<std::string>> referenced_roots(const Json& value_template);

// Substitutes every reference. An unbound variable or a missing member is an error naming the path.
Result<Json> render(const Json& value_template, const Scope& scope);

// Text of a value as it appears inside a rendered string: strings bare, everything else as JSON.
std::string text_of(const Json& value);

} // namespace dp::workflow
