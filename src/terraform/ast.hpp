// The syntax tree of an HCL native-syntax file (hcl structure.go / expression.go). Every node keeps the
// byte range of each of its parts so that rules can underline exactly the right token; SourceFile turns
// byte offsets into dp::Pos. Expression nodes live in the File's arena and point at each other.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "terraform/source_file.hpp"

namespace dp::tf {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

enum class ExprKind : uint8_t {
  Invalid,           // placeholder after a syntax error
  Literal,           // null, true, false, number (text), or a string part of a template
  Template,          // "..." or heredoc: parts in kids (Literal strings, expressions, TemplateIf/For)
  TemplateIf,        // kids: condition, then-template, else-template (may be null)
  TemplateFor,       // name/name2: key and value variables; kids: collection, body template
  ScopeTraversal,    // name: root (var, aws_lambda_function ...); steps: .attr, [index], .0
  RelativeTraversal, // kids[0]: source expression; steps
  FunctionCall,      // name (may contain ::); kids: arguments; expand_final for a trailing "..."
  Conditional,       // kids: condition, true result, false result
  Binary,            // op; kids: left, right
  Unary,             // op; kids: operand
  Tuple,             // kids: elements
  Object,            // kids: ObjectKey, value, ObjectKey, value ...
  ObjectKey,         // kids[0]: the key expression; bare_key when a naked identifier (a literal name)
  For,    // name/name2 (key var may be empty); kids: collection, key (may be null), value, cond (may be null)
  Splat,  // kids[0]: source; steps applied to each element; full_splat for [*]
  Parens, // kids[0]
};

enum class LitKind : uint8_t { Null, Bool, Number, String };

enum class StepKind : uint8_t { Attr, Index, LegacyIndex };

struct Expr;

struct Step {
  StepKind kind = StepKind::Attr;
  std::string name;      // attribute name, or the digits of a legacy index (a.0)
  Expr* index = nullptr; // [expr]
  Span span;
};

struct Expr {
  ExprKind kind = ExprKind::Invalid;
  LitKind lit = LitKind::Null;
  bool flag = false;    // Literal: bool value; FunctionCall: expand_final; For: object form; Splat: full;
                        // ObjectKey: bare
  bool grouped = false; // For: "..." grouping after the value
  bool heredoc = false; // Template: from a heredoc
  std::string name;     // literal text (decoded), root name, function name, operator, key var
  std::string name2;    // value var of for-expressions
  std::vector<Expr*> kids;
  std::vector<Step> steps;
  Span span;
};

struct Attribute {
  std::string name;
  Span name_span;
  Span equals_span;
  Expr* expr = nullptr;
  Span span; // whole definition
};

struct Label {
  std::string text;
  Span span; // including quotes
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  Span span;

  const Attribute* attribute(std::string_view name) const;
};

struct Block {
  std::string type;
  Span type_span;
  std::vector<Label> labels;
  Span open_brace;
  Span close_brace; // empty (begin == end == 0) when the block is unclosed
  Body body;
  Span span;
};

// One parsed file: source, tree, and the syntax diagnostics (rule ids HCL001-HCL008).
struct File {
  std::shared_ptr<const SourceFile> source;
  Body body;
  Diagnostics diagnostics;
  // Expression nodes. Held by pointer so that moving a File (e.g. when a vector<File> grows) never
  // moves or copies the nodes the tree points at; File is move-only.
  std::unique_ptr<std::deque<Expr>> arena = std::make_unique<std::deque<Expr>>();

  Range range(Span s) const { return source->range(s.begin, s.end); }
  std::string_view text(Span s) const { return source->text().substr(s.begin, s.end - s.begin); }
};

// "aws_lambda_function.main.arn" for a ScopeTraversal; an index step is rendered as written when it is a
// literal ([0], ["a"]) and as [..] otherwise. "" for other expressions.
std::string traversal_text(const Expr& e);

} // namespace dp::tf
