// Shared pieces of the generators (internal to src/export): a line-counting code writer that records
// where each statement lands, string escaping per target language, identifiers, and value templates
// turned into expressions.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.hpp"
#include "export/export.hpp"
#include "workflow/value_template.hpp"

namespace dp::exporter {

// [SECTION] Code writer

class CodeWriter {
public:
  explicit CodeWriter(std::string indent_unit) : m_unit(std::move(indent_unit)) {}
  // Appends a line at the current indentation; text with '\n' becomes several lines, each indented.
  void line(std::string_view text = "");
  void indent() { ++m_depth; }
  void dedent() { --m_depth; }
  int next_line() const { return m_lines + 1; }
  // Records that the statement at `path` occupies lines first..(next_line()-1).
  void mark(const std::string& path, int first);
  // Records that the function holding the body of the statement at `path` occupies lines
  // first..(next_line()-1) (a Python step function at module level, apart from its call site).
  void mark_body(const std::string& path, int first);
  const std::string& text() const { return m_text; }
  const std::vector<StatementLines>& marks() const { return m_marks; }

private:
  std::string m_unit;
  int m_depth = 0;
  int m_lines = 0;
  std::string m_text;
  std::vector<StatementLines> m_marks;
};

// [SECTION] Escaping

// A double-quoted JavaScript string literal: quotes, backslashes and control characters escaped, every
// non-ASCII character as \uXXXX (surrogate pairs above U+FFFF), so the file is pure ASCII.
std::string js_string(std::string_view text);
// A double-quoted Python string literal, non-ASCII as \uXXXX or \UXXXXXXXX.
std::string py_string(std::string_view text);
// A quoted HCL string: also escapes template sequences ("${" -> "$${", "%{" -> "%%{").
std::string hcl_string(std::string_view text);
// Text safe inside a comment line of any of our languages: one line, ASCII only (others as \uXXXX).
std::string comment_text(std::string_view text);
// Text inside a Python docstring ("""...""") on one line: backslashes and double quotes escaped, so no
// text can close the docstring ('wf"""; import os; """' stays inside it), non-ASCII as \u or \U escapes.
std::string py_docstring_text(std::string_view text);
// Text in a Markdown paragraph: one line, Markdown syntax characters backslash-escaped, so a
// name cannot open a code block, a link or HTML (`</script>` renders as text).
std::string markdown_text(std::string_view text);
// One shell word: as it is when it holds only [A-Za-z0-9_.:/@%+=,-], else single-quoted ('\'' for ').
std::string shell_word(std::string_view text);
// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
std::vector<char32_t> utf8_code_points(std::string_view text);

// [SECTION] Identifiers

enum class IdentStyle { JavaScript, Python, Terraform };
// A valid identifier for `name` in that language, not a keyword and not in `taken`; added to `taken`.
// "order-id" -> "order_id", "class" -> "class_", "1st" -> "_1st", a second "x" -> "x_2".
std::string make_identifier(std::string_view name, IdentStyle style, std::set<std::string>& taken);
// The same, with `in_use` saying which names are taken (nothing is recorded): for names that must avoid
// several sets without copying them.
std::string make_identifier(std::string_view name, IdentStyle style,
                            const std::function<bool(const std::string&)>& in_use);
// "orderId" -> "order_id", "HTTPStatus" -> "http_status": Python's spelling of a JSON key or variable.
std::string snake_case(std::string_view name);
// "validation_result" -> "validationResult": JavaScript's spelling of a variable.
std::string camel_case(std::string_view name);
bool is_keyword(std::string_view word, IdentStyle style);

// [SECTION] Values and templates as expressions

struct ExprStyle {
  IdentStyle lang = IdentStyle::JavaScript;
  std::string text_of; // helper that renders a value inside a string ("textOf", "text_of")
};

// Maps a template's root variable ("input", "payment", "attempt") to the expression that holds it.
using RootLookup = std::function<std::optional<std::string>(const std::string& root)>;
// Maps `root.key` as a whole to an expression, when a generator has one ("${input.orderId}" -> the
// step function's parameter `order_id`, "${cb.callback_id}" -> `cb.callback_id`); nullopt: the root's
// expression followed by the member access.
using MemberLookup =
    std::function<std::optional<std::string>(const std::string& root, const std::string& key)>;

// A literal or template value as an expression: objects and arrays as literals, "${x.y}" as an access
// path, "a ${x} b" as a concatenation. Long literals span several lines (continuations indented by the
// writer). Unknown roots become `undefined`/`None` with a comment, which the loader normally prevents.
std::string value_expr(const Json& value, const ExprStyle& style, const RootLookup& lookup);
std::string value_expr(const Json& value, const ExprStyle& style, const RootLookup& lookup,
                       const MemberLookup& member);
// Every ${...} reference in a value template, in order (malformed ones, which the loader rejects, skipped).
std::vector<workflow::Reference> template_references(const Json& value);
// A JSON value as a literal (no templates).
std::string literal_expr(const Json& value, IdentStyle lang);
// True when the value contains no ${...} reference.
bool is_plain(const Json& value);

// A number as the language writes it (integers without a fraction; others shortest round-trip).
std::string number_text(double value, IdentStyle lang);

} // namespace dp::exporter
