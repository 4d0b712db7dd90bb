// HCL structure: bodies, attributes, blocks and one-line blocks (hcl parser.go ParseBody), with the
// token cursor, diagnostics, depth guard and error recovery the expression and template parsers share.
#include "terraform/parser.hpp"

#include <algorithm>

#include "terraform/lexer.hpp"
#include "terraform/lexer_check.hpp"
#include "terraform/parser_impl.hpp"

namespace dp::tf {

const Attribute* Body::attribute(std::string_view name) const {
  for (const auto& a : attributes)
    if (a.name == name)
      return &a;
  return nullptr;
}

namespace {

// A literal index as written (0, "a"); ".." for one that is not a literal.
std::string index_text(const Expr* index) {
  if (index && index->kind == ExprKind::Literal && index->lit == LitKind::Number)
    return index->name;
  if (index && index->kind == ExprKind::Template && index->kids.size() == 1 &&
      index->kids[0]->kind == ExprKind::Literal && index->kids[0]->lit == LitKind::String &&
      index->kids[0]->name.find_first_of("\"\x7f") == std::string::npos)
    return "\"" + index->kids[0]->name + "\"";
  return "..";
}

} // namespace

std::string traversal_text(const Expr& e) {
  if (e.kind != ExprKind::ScopeTraversal)
    return {};
  std::string s = e.name;
  for (const auto& st : e.steps) {
    if (st.kind == StepKind::Attr || st.kind == StepKind::LegacyIndex)
      s += "." + st.name;
    else
      s += "[" + index_text(st.index) + "]";
  }
  return s;
}

File parse(std::string filename, std::string text, const ParseOptions& options) {
  File file;
  file.source = std::make_shared<SourceFile>(std::move(filename), std::move(text));
  std::vector<Token> tokens = lex(file.source->text());
  check_tokens(file, tokens);
  detail::Parser parser(file, std::move(tokens), options);
  parser.parse_file();
  return file;
}

namespace detail {

// [SECTION] tokens

const Token& Parser::peek() {
  if (m_ignore_nl.back())
    while (m_tokens[m_i].type == Tok::Newline)
      ++m_i;
  return m_tokens[m_i];
}

const Token& Parser::peek_at(size_t ahead) {
  size_t k = m_i;
  bool skip = m_ignore_nl.back();
  for (;;) {
    while (skip && m_tokens[k].type == Tok::Newline)
      ++k;
    if (ahead == 0 || m_tokens[k].type == Tok::Eof)
      return m_tokens[k];
    --ahead;
    ++k;
  }
}

Token Parser::next() {
  Token t = peek();
  if (t.type != Tok::Eof)
    ++m_i;
  return t;
}

// [SECTION] diagnostics

void Parser::error(const char* rule, std::string summary, std::string detail, Span subject) {
  if (m_recovery || m_too_deep)
    return;
  m_recovery = true;
  if (m_tokens[m_i].type == Tok::Invalid && m_tokens[m_i].begin <= subject.begin)
    return; // the invalid token was already reported by check_tokens
  if (std::string_view(rule) == "HCL006" && !m_file.diagnostics.empty()) {
    // a layout error right after another error is usually its cascade (leftovers of a broken string)
    int line = m_file.source->pos(subject.begin).line;
    if (m_file.diagnostics.back().subject.start.line >= line - 1)
      return;
  }
  Diagnostic d;
  d.severity = Severity::Error;
  d.summary = std::move(summary);
  d.detail = std::move(detail);
  d.subject = m_file.range(subject);
  d.rule = rule;
  m_file.diagnostics.push_back(std::move(d));
}

void Parser::error_with_context(const char* rule, std::string summary, std::string detail, Span subject,
                                Span context) {
  bool was = m_recovery;
  error(rule, std::move(summary), std::move(detail), subject);
  if (!was && !m_file.diagnostics.empty() && m_file.diagnostics.back().rule == rule)
    m_file.diagnostics.back().context = m_file.range(context);
}

bool Parser::enter(Span where) {
  if (m_too_deep)
    return false;
  if (++m_depth > m_options.max_depth) {
    m_recovery = false;
    error("HCL008", "Nesting too deep",
          "Blocks, brackets and templates may be nested at most " + std::to_string(m_options.max_depth) +
              " levels deep here; the rest of the file was not parsed.",
          where);
    m_too_deep = true;
    --m_depth;
    return false;
  }
  return true;
}

void Parser::recover_line() {
  int depth = 0;
  for (;;) {
    const Token& t = m_tokens[m_i];
    switch (t.type) {
    case Tok::Eof:
      return;
    case Tok::Newline:
      ++m_i;
      if (depth <= 0)
        return;
      continue;
    case Tok::OBrace:
    case Tok::OBrack:
    case Tok::OParen:
    case Tok::TemplateInterp:
    case Tok::TemplateControl:
    case Tok::OHeredoc:
      ++depth;
      break;
    case Tok::CBrace:
      if (depth <= 0)
        return; // belongs to the enclosing block
      --depth;
      break;
    case Tok::CBrack:
    case Tok::CParen:
    case Tok::TemplateSeqEnd:
    case Tok::CHeredoc:
      if (depth > 0)
        --depth;
      break;
    default:
      break;
    }
    ++m_i;
  }
}

void Parser::skip_to_close(Tok open, Tok close) {
  int depth = 0;
  for (;;) {
    const Token& t = m_tokens[m_i];
    if (t.type == Tok::Eof)
      return;
    if (t.type == open) {
      ++depth;
    } else if (t.type == close) {
      if (depth == 0) {
        ++m_i;
        return;
      }
      --depth;
    } else if (t.type == Tok::CBrace && close != Tok::CBrace && depth == 0) {
      return; // do not run past the enclosing block
    }
    ++m_i;
  }
}

// [SECTION] structure

void Parser::parse_file() {
  body(m_file.body, nullptr);
}

void Parser::body(Body& out, const Block* owner) {
  out.span.begin = peek_raw().begin;
  struct NamesScope {
    std::vector<std::unordered_map<std::string_view, size_t>>& names;
    explicit NamesScope(std::vector<std::unordered_map<std::string_view, size_t>>& n) : names(n) {
      names.emplace_back();
    }
    ~NamesScope() { names.pop_back(); }
  } scope(m_names);
  for (;;) {
    if (m_too_deep)
      return;
    const Token& t = peek_raw();
    if (t.type == Tok::Newline) {
      ++m_i;
      continue;
    }
    if (t.type == Tok::Eof) {
      if (owner && !m_unclosed_reported && !has_errors(m_file.diagnostics)) {
        // (after another syntax error an unclosed block is usually its consequence: not reported)
        m_unclosed_reported = true;
        m_recovery = false;
        error_with_context("HCL002", "Unclosed configuration block",
                           "There is no closing brace for this block before the end of the file. This may be "
                           "caused by incorrect brace nesting elsewhere in this file.",
                           owner->open_brace, Span{owner->type_span.begin, t.end});
      }
      out.span.end = t.end;
      return;
    }
    if (t.type == Tok::CBrace) {
      if (owner) {
        out.span.end = t.begin;
        return;
      }
      m_recovery = false;
      error("HCL006", "Argument or block definition required",
            "An argument or block definition is required here. This closing brace has no matching opening "
            "brace.",
            Span{t.begin, t.end});
      ++m_i;
      continue;
    }
    m_recovery = false;
    item(out);
  }
}

void Parser::item(Body& out) {
  const Token t = peek_raw();
  if (t.type != Tok::Ident) {
    if (t.type == Tok::OQuote) {
      // "runtime" = ... : quoted argument names are not allowed
      size_t k = m_i + 1;
      while (m_tokens[k].type == Tok::QuotedLit)
        ++k;
      if (m_tokens[k].type == Tok::CQuote && m_tokens[k + 1].type == Tok::Equal) {
        error("HCL006", "Invalid argument name",
              "Argument names must not be quoted. Remove the quotes around " +
                  std::string(text(Span{t.begin, m_tokens[k].end})) + ".",
              Span{t.begin, m_tokens[k].end});
        recover_line();
        return;
      }
    }
    error("HCL006", "Argument or block definition required",
          "An argument or block definition is required here: a name followed by \"=\" and a value, or a "
          "block type followed by its labels and \"{\".",
          Span{t.begin, t.end});
    recover_line();
    return;
  }
  ++m_i;
  const Token& after = peek_raw();
  if (after.type == Tok::Equal) {
    std::string_view name = text(t);
    auto [it, inserted] = m_names.back().emplace(name, out.attributes.size());
    if (!inserted) {
      Range first = m_file.range(out.attributes[it->second].name_span);
      error("HCL004", "Attribute redefined",
            "The argument \"" + std::string(name) + "\" was already set at " + first.filename + ":" +
                std::to_string(first.start.line) + "," + std::to_string(first.start.column) + "-" +
                std::to_string(first.end.column) + ". Each argument may be set only once.",
            Span{t.begin, t.end});
    }
    attribute(out, t, false);
    return;
  }
  if (after.type == Tok::Ident || after.type == Tok::OQuote || after.type == Tok::OBrace) {
    block(out, t);
    return;
  }
  if (after.type == Tok::Newline || after.type == Tok::Eof) {
    error("HCL006", "Argument or block definition required",
          "An argument or block definition is required here. To set an argument, use the equals sign \"=\" "
          "to introduce the argument value.",
          Span{t.begin, t.end});
  } else {
    error("HCL006", "Invalid block definition",
          "Either a quoted string block label or an opening brace (\"{\") is expected here.",
          Span{after.begin, after.end});
  }
  recover_line();
}

void Parser::attribute(Body& out, const Token& name, bool one_line) {
  Attribute a;
  a.name = std::string(text(name));
  a.name_span = Span{name.begin, name.end};
  Token eq = next();
  a.equals_span = Span{eq.begin, eq.end};
  a.expr = expression();
  if (a.expr && expression_too_deep(a.expr))
    a.expr = invalid(a.expr->span);
  a.span = Span{name.begin, a.expr ? a.expr->span.end : eq.end};
  out.attributes.push_back(a);
  if (m_too_deep)
    return;
  if (one_line)
    return;
  const Token& t = peek_raw();
  if (t.type == Tok::Newline) {
    ++m_i;
    return;
  }
  if (t.type == Tok::Eof)
    return;
  error("HCL006", "Missing newline after argument", "An argument definition must end with a newline.",
        Span{t.begin, t.end});
  recover_line();
}

bool Parser::expression_too_deep(const Expr* root) {
  // Post-order walk with an explicit stack: heights of the children (kids and index expressions of steps).
  struct Frame {
    const Expr* e;
    size_t kid = 0;
    size_t step = 0;
    int height = 0; // the tallest child so far
  };
  std::vector<Frame> stack{{root}};
  int result = 0;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const Expr* child = nullptr;
    while (!child && f.kid < f.e->kids.size())
      child = f.e->kids[f.kid++];
    while (!child && f.step < f.e->steps.size())
      child = f.e->steps[f.step++].index;
    if (child) {
      stack.push_back(Frame{child});
      continue;
    }
    int height = f.height + 1;
    if (height > m_options.max_expression_depth) {
      m_recovery = false;
      error("HCL008", "Expression nested too deeply",
            "This expression nests operators, splats, calls, brackets or template directives more than " +
                std::to_string(m_options.max_expression_depth) +
                " levels deep, which this validator does not analyse (Terraform itself accepts it). Split it "
                "into local values.",
            f.e->span);
      return true;
    }
    stack.pop_back();
    if (stack.empty())
      result = height;
    else
      stack.back().height = std::max(stack.back().height, height);
  }
  return result > m_options.max_expression_depth;
}

void Parser::block(Body& out, const Token& type) {
  Block b;
  b.type = std::string(text(type));
  b.type_span = Span{type.begin, type.end};
  for (;;) {
    const Token& t = peek_raw();
    if (t.type == Tok::Ident) {
      b.labels.push_back(Label{std::string(text(t)), Span{t.begin, t.end}});
      ++m_i;
      continue;
    }
    if (t.type == Tok::OQuote) {
      size_t k = m_i + 1;
      std::string label;
      while (m_tokens[k].type == Tok::QuotedLit) {
        label += decode_quoted(m_tokens[k]);
        ++k;
      }
      if (m_tokens[k].type != Tok::CQuote) {
        const Token& bad = m_tokens[k];
        if (bad.type == Tok::Newline || bad.type == Tok::Eof) {
          error(
              "HCL001", "Invalid multi-line string",
              "Quoted strings may not be split over multiple lines. Add the closing quote (\") at the end of "
              "the label.",
              Span{bad.begin, bad.end});
          m_unterminated_reported = true;
        } else {
          error("HCL006", "Invalid block definition",
                "Block labels must be plain quoted strings: templates (\"${...}\") are not allowed here.",
                Span{bad.begin, bad.end});
        }
        m_i = k;
        recover_line();
        return;
      }
      b.labels.push_back(Label{label, Span{t.begin, m_tokens[k].end}});
      m_i = k + 1;
      continue;
    }
    if (t.type == Tok::OBrace)
      break;
    if (t.type == Tok::Newline || t.type == Tok::Eof) {
      error("HCL006", "Invalid block definition",
            "A block definition must have block content delimited by \"{\" and \"}\", starting on the same "
            "line "
            "as the block header.",
            Span{t.begin, t.end});
    } else {
      error("HCL006", "Invalid block definition",
            "Either a quoted string block label or an opening brace (\"{\") is expected here.",
            Span{t.begin, t.end});
    }
    recover_line();
    return;
  }
  Token open = next();
  b.open_brace = Span{open.begin, open.end};
  if (!enter(b.open_brace))
    return;
  const Token& first = peek_raw();
  if (first.type == Tok::Newline) {
    body(b.body, &b);
    if (peek_raw().type == Tok::CBrace) {
      Token close = next();
      b.close_brace = Span{close.begin, close.end};
      b.span = Span{type.begin, close.end};
    } else {
      b.span = Span{type.begin, peek_raw().begin};
    }
  } else {
    // One-line block: "{}" or "{ name = value }"
    b.body.span = Span{first.begin, first.begin};
    if (first.type == Tok::Ident && m_tokens[m_i + 1].type == Tok::Equal) {
      Token name = next();
      attribute(b.body, name, true);
    } else if (first.type != Tok::CBrace) {
      error("HCL006", "Invalid single-argument block definition",
            "A single-line block definition can contain only a single argument definition, or be empty.",
            Span{first.begin, first.end});
    }
    const Token& close = peek_raw();
    if (close.type == Tok::CBrace) {
      ++m_i;
      b.close_brace = Span{close.begin, close.end};
      b.span = Span{type.begin, close.end};
    } else {
      if (close.type == Tok::Comma || close.type == Tok::Newline || close.type == Tok::Ident) {
        error("HCL006", "Invalid single-argument block definition",
              "A single-line block definition can contain only a single argument. To set more arguments, put "
              "each one on a line of its own between \"{\" and \"}\", with a newline after \"{\".",
              Span{close.begin, close.end});
      } else {
        error("HCL006", "Invalid single-argument block definition",
              "A single-line block definition must end with a closing brace immediately after its single "
              "argument definition.",
              Span{close.begin, close.end});
      }
      b.span = Span{type.begin, close.begin};
      leave();
      out.blocks.push_back(std::move(b));
      // skip the rest of the one-line block, including its "}" when it is on this line
      int depth = 0;
      for (;;) {
        const Token& k = m_tokens[m_i];
        if (k.type == Tok::Eof || k.type == Tok::Newline)
          break;
        ++m_i;
        if (k.type == Tok::OBrace)
          ++depth;
        else if (k.type == Tok::CBrace && depth-- == 0)
          break;
      }
      if (peek_raw().type == Tok::Newline)
        ++m_i;
      return;
    }
  }
  leave();
  out.blocks.push_back(std::move(b));
  if (m_too_deep)
    return;
  const Token& t = peek_raw();
  if (t.type == Tok::Newline) {
    ++m_i;
    return;
  }
  if (t.type == Tok::Eof)
    return;
  error("HCL006", "Missing newline after block definition", "A block definition must end with a newline.",
        Span{t.begin, t.end});
  recover_line();
}

} // namespace detail
} // namespace dp::tf
