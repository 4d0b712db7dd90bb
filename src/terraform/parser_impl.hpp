// The parser's private state, shared by parser.cpp (bodies and blocks), parser_expr.cpp (expressions)
// and parser_template.cpp (quoted and heredoc templates). Not part of the public API.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "terraform/ast.hpp"
#include "terraform/parser.hpp"
#include "terraform/token.hpp"

namespace dp::tf::detail {

class Parser {
public:
  Parser(File& file, std::vector<Token> tokens, const ParseOptions& options)
      : m_file(file), m_tokens(std::move(tokens)), m_options(options) {}

  void parse_file();

  // [SECTION] tokens (parser.cpp)
  const Token& peek(); // current token; skips newlines while the innermost context ignores them
  const Token& peek_raw() const { return m_tokens[m_i]; }
  const Token& peek_at(size_t ahead); // token `ahead` positions after peek(), newlines skipped likewise
  Token next();
  std::string_view text(const Token& t) const { return m_file.text(Span{t.begin, t.end}); }
  std::string_view text(Span s) const { return m_file.text(s); }
  bool is_keyword(const Token& t, std::string_view word) const {
    return t.type == Tok::Ident && text(t) == word;
  }
  void push_newlines(bool ignored) { m_ignore_nl.push_back(ignored); }
  void pop_newlines() { m_ignore_nl.pop_back(); }

  // [SECTION] diagnostics (parser.cpp)
  void error(const char* rule, std::string summary, std::string detail, Span subject);
  void error_with_context(const char* rule, std::string summary, std::string detail, Span subject,
                          Span context);
  bool enter(Span where); // depth guard: false (with one error) when nesting exceeds the limit
  void leave() { --m_depth; }
  void recover_line();                     // skip to the end of the current definition, honouring brackets
  void skip_to_close(Tok open, Tok close); // after an error inside a bracket: skip to its closer

  // [SECTION] structure (parser.cpp)
  void body(Body& out, const Block* owner);
  void item(Body& out);
  void attribute(Body& out, const Token& name, bool one_line);
  void block(Body& out, const Token& type);
  bool expression_too_deep(const Expr* root); // reports HCL008 when the tree exceeds max_expression_depth

  // [SECTION] expressions (parser_expr.cpp)
  Expr* new_expr(ExprKind kind, Span span);
  Expr* expression();
  Expr* binary(int min_level);
  Expr* unary();
  Expr* postfix(Expr* term);
  Expr* term();
  Expr* function_call(const Token& first);
  Expr* tuple(const Token& open);
  Expr* object(const Token& open);
  Expr* for_expr(const Token& open, bool object_form);
  Expr* invalid(Span at);

  // [SECTION] templates (parser_template.cpp)
  Expr* quoted_template(const Token& open);
  Expr* heredoc_template(const Token& open);
  bool template_parts(Expr* root, Tok literal, Tok end, bool heredoc);
  std::string decode_quoted(const Token& t);

  File& m_file;
  std::vector<Token> m_tokens;
  ParseOptions m_options;
  size_t m_i = 0;
  std::vector<bool> m_ignore_nl{false};
  int m_depth = 0;
  bool m_recovery = false;              // an error was reported in the current definition: hush follow-ons
  bool m_too_deep = false;              // the depth limit was hit: unwind and stop
  bool m_unclosed_reported = false;     // HCL002 once: enclosing blocks are unclosed for the same reason
  bool m_unterminated_reported = false; // an HCL001 was reported (collapsed to one per file by default)
  bool m_strip_next = false;            // a "~}" was seen: trim the next literal's leading whitespace
  // Per body being parsed: attribute name -> index in Body::attributes, so "Attribute redefined" is found in
  // constant time (200,000 attributes in one block stay linear; issue 14).
  std::vector<std::unordered_map<std::string_view, size_t>> m_names;
};

} // namespace dp::tf::detail
