// HCL expressions (hcl parser.go parseExpression and below): conditionals, binary operators by
// precedence, unary operators, traversals and splats, function calls, tuples, objects and for-expressions.
#include "terraform/parser_impl.hpp"

namespace dp::tf::detail {
namespace {

// Binary operator precedence, lowest first (hcl spec "Operations"); all left-associative.
int level_of(Tok t) {
  switch (t) {
  case Tok::Or:
    return 0;
  case Tok::And:
    return 1;
  case Tok::EqualOp:
  case Tok::NotEqual:
    return 2;
  case Tok::Greater:
  case Tok::GreaterEq:
  case Tok::Less:
  case Tok::LessEq:
    return 3;
  case Tok::Plus:
  case Tok::Minus:
    return 4;
  case Tok::Star:
  case Tok::Slash:
  case Tok::Percent:
    return 5;
  default:
    return -1;
  }
}
constexpr int kLevels = 6;

// Decimal digits, an optional fraction and an optional signed exponent (what cty.ParseNumberVal accepts of
// the scanner's number tokens: "1.", "1.e5" and "1.5" are numbers; "1.2.3" and "1e5e5" are not).
bool valid_number(std::string_view s) {
  size_t i = 0;
  auto digits = [&]() {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i;
    return i > from;
  };
  if (!digits())
    return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    digits();
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      ++i;
    if (!digits())
      return false;
  }
  return i == s.size();
}

std::string found(const Token& t) {
  if (t.type == Tok::Newline)
    return "the end of the line";
  return token_name(t.type);
}

} // namespace

Expr* Parser::new_expr(ExprKind kind, Span span) {
  Expr& e = m_file.arena->emplace_back();
  e.kind = kind;
  e.span = span;
  return &e;
}

Expr* Parser::invalid(Span at) {
  return new_expr(ExprKind::Invalid, at);
}

Expr* Parser::expression() {
  const Token& start = peek();
  if (!enter(Span{start.begin, start.end}))
    return invalid(Span{start.begin, start.begin});
  Expr* cond = binary(0);
  if (!m_too_deep && peek().type == Tok::Question) {
    next();
    Expr* yes = expression();
    Expr* no = nullptr;
    if (peek().type == Tok::Colon) {
      next();
      no = expression();
    } else {
      const Token& t = peek();
      error("HCL008", "Missing false expression in conditional",
            "The conditional operator (...?...:...) requires a false expression, delimited by a colon.",
            Span{t.begin, t.end});
      no = invalid(Span{t.begin, t.begin});
    }
    Expr* c = new_expr(ExprKind::Conditional, Span{cond->span.begin, no->span.end});
    c->kids = {cond, yes, no};
    cond = c;
  }
  leave();
  return cond;
}

Expr* Parser::binary(int min_level) {
  if (min_level >= kLevels)
    return unary();
  Expr* lhs = binary(min_level + 1);
  while (!m_too_deep) {
    const Token& t = peek();
    if (level_of(t.type) != min_level)
      break;
    Token op = next();
    Expr* rhs = binary(min_level + 1);
    Expr* b = new_expr(ExprKind::Binary, Span{lhs->span.begin, rhs->span.end});
    b->name = std::string(text(op));
    b->kids = {lhs, rhs};
    lhs = b;
  }
  return lhs;
}

Expr* Parser::unary() {
  const Token& t = peek();
  if (t.type == Tok::Bang || t.type == Tok::Minus) {
    Token op = next();
    if (!enter(Span{op.begin, op.end}))
      return invalid(Span{op.begin, op.end});
    Expr* operand = unary();
    leave();
    Expr* u = new_expr(ExprKind::Unary, Span{op.begin, operand->span.end});
    u->name = std::string(text(op));
    u->kids = {operand};
    return u;
  }
  return postfix(term());
}

Expr* Parser::postfix(Expr* e) {
  Expr* splat = nullptr; // the splat being extended, if any
  bool full_splat = false;
  auto add_step = [&](Step st) {
    if (splat) {
      splat->steps.push_back(std::move(st));
      splat->span.end = splat->steps.back().span.end;
      return;
    }
    if (e->kind != ExprKind::ScopeTraversal && e->kind != ExprKind::RelativeTraversal) {
      Expr* r = new_expr(ExprKind::RelativeTraversal, e->span);
      r->kids = {e};
      e = r;
    }
    e->steps.push_back(std::move(st));
    e->span.end = e->steps.back().span.end;
  };
  while (!m_too_deep && e->kind != ExprKind::Invalid) {
    const Token& t = peek();
    if (t.type == Tok::Dot) {
      const Token& n = peek_at(1);
      if (n.type == Tok::Ident) {
        Token dot = next();
        Token name = next();
        add_step(Step{StepKind::Attr, std::string(text(name)), nullptr, Span{dot.begin, name.end}});
        continue;
      }
      if (n.type == Tok::Number) {
        Token dot = next();
        Token num = next();
        std::string_view digits = text(num);
        if (digits.find('.') != std::string_view::npos) {
          error("HCL008", "Invalid legacy index syntax",
                "When using the legacy index syntax, chaining two indexes together is not permitted. Use the "
                "proper index syntax instead, like [0][0].",
                Span{num.begin, num.end});
          return invalid(Span{e->span.begin, num.end});
        }
        if (!valid_number(digits)) {
          error("HCL008", "Invalid number literal", "Failed to recognize the value of this number literal.",
                Span{num.begin, num.end});
          return invalid(Span{e->span.begin, num.end});
        }
        add_step(Step{StepKind::LegacyIndex, std::string(digits), nullptr, Span{dot.begin, num.end}});
        continue;
      }
      if (n.type == Tok::Star) {
        if (splat && !full_splat) {
          // a.*.b.* : HashiCorp's attribute-only splat reads only .name and .N steps after its star
          error("HCL008", "Nested splat expression not allowed",
                "A splat expression (*) cannot be used inside another attribute-only splat expression.",
                Span{n.begin, n.end});
          return invalid(Span{e->span.begin, n.end});
        }
        if (splat && full_splat) {
          e = splat; // a splat of a splat's result
          splat = nullptr;
          continue;
        }
        Token dot = next();
        Token star = next();
        Expr* s = new_expr(ExprKind::Splat, Span{e->span.begin, star.end});
        s->kids = {splat ? splat : e};
        splat = s;
        full_splat = false;
        (void)dot;
        continue;
      }
      Token dot = next();
      error("HCL008", "Invalid attribute name", "An attribute name is required after a dot.",
            Span{n.begin, n.end});
      return invalid(Span{e->span.begin, dot.end});
    }
    if (t.type == Tok::OBrack) {
      if (splat && !full_splat) {
        e = splat; // an index after an attribute-only splat applies to the resulting tuple
        splat = nullptr;
        continue;
      }
      if (peek_at(1).type == Tok::Star && peek_at(2).type == Tok::CBrack) {
        next();
        next();
        Token close = next();
        Expr* s = new_expr(ExprKind::Splat, Span{e->span.begin, close.end});
        s->kids = {splat ? splat : e};
        s->flag = true;
        splat = s;
        full_splat = true;
        continue;
      }
      Token open = next();
      push_newlines(true);
      Expr* index = expression();
      const Token& close = peek();
      Span step_span{open.begin, close.end};
      if (close.type == Tok::CBrack) {
        next();
      } else {
        error("HCL008", "Missing close bracket on index",
              "The index operator must end with a closing bracket (\"]\").", Span{close.begin, close.end});
        skip_to_close(Tok::OBrack, Tok::CBrack);
      }
      pop_newlines();
      add_step(Step{StepKind::Index, {}, index, step_span});
      continue;
    }
    break;
  }
  if (splat) {
    // Steps were attached to the innermost splat; the outermost is the expression's value.
    return splat;
  }
  return e;
}

Expr* Parser::term() {
  const Token& t = peek();
  switch (t.type) {
  case Tok::Number: {
    Token n = next();
    if (!valid_number(text(n))) {
      error("HCL008", "Invalid number literal", "Failed to recognize the value of this number literal.",
            Span{n.begin, n.end});
      return invalid(Span{n.begin, n.end});
    }
    Expr* e = new_expr(ExprKind::Literal, Span{n.begin, n.end});
    e->lit = LitKind::Number;
    e->name = std::string(text(n));
    return e;
  }
  case Tok::Ident: {
    const Token& after = peek_at(1);
    if (after.type == Tok::OParen || after.type == Tok::DblColon) {
      Token first = next();
      return function_call(first);
    }
    Token id = next();
    std::string_view word = text(id);
    Expr* e = new_expr(ExprKind::Literal, Span{id.begin, id.end});
    if (word == "true" || word == "false") {
      e->lit = LitKind::Bool;
      e->flag = word == "true";
      return e;
    }
    if (word == "null") {
      e->lit = LitKind::Null;
      return e;
    }
    e->kind = ExprKind::ScopeTraversal;
    e->name = std::string(word);
    return e;
  }
  case Tok::OParen: {
    Token open = next();
    push_newlines(true);
    Expr* inner = expression();
    const Token& close = peek();
    Expr* p = new_expr(ExprKind::Parens, Span{open.begin, close.end});
    p->kids = {inner};
    if (close.type == Tok::CParen) {
      next();
    } else if (!m_too_deep) {
      error("HCL008", "Unbalanced parentheses",
            "Expected a closing parenthesis to terminate the expression, but found " + found(close) + ".",
            Span{close.begin, close.end});
      skip_to_close(Tok::OParen, Tok::CParen);
    }
    pop_newlines();
    return p;
  }
  case Tok::OBrack:
    return tuple(t);
  case Tok::OBrace:
    return object(t);
  case Tok::OQuote:
    return quoted_template(t);
  case Tok::OHeredoc:
    return heredoc_template(t);
  default:
    break;
  }
  Token bad = t;
  if (bad.type == Tok::Star && m_i > 0 && m_tokens[m_i - 1].type == Tok::Star &&
      m_tokens[m_i - 1].end == bad.begin) {
    error("HCL005", "Unsupported operator",
          "\"**\" is not a supported operator. Exponentiation is not supported as an operator; use the pow "
          "function.",
          Span{bad.begin - 1, bad.end});
    return invalid(Span{bad.begin, bad.begin});
  }
  error("HCL008", "Invalid expression", "Expected the start of an expression, but found " + found(bad) + ".",
        Span{bad.begin, bad.end});
  return invalid(Span{bad.begin, bad.begin});
}

Expr* Parser::function_call(const Token& first) {
  std::string name(text(first));
  while (peek().type == Tok::DblColon && peek_at(1).type == Tok::Ident) {
    next();
    Token part = next();
    name += "::";
    name += text(part);
  }
  const Token& open = peek();
  if (open.type != Tok::OParen) {
    error("HCL008", "Missing open parenthesis", "A function call needs an argument list in parentheses.",
          Span{open.begin, open.end});
    return invalid(Span{first.begin, open.begin});
  }
  Token paren = next();
  Expr* call = new_expr(ExprKind::FunctionCall, Span{first.begin, paren.end});
  call->name = std::move(name);
  push_newlines(true);
  for (;;) {
    if (m_too_deep)
      break;
    const Token& t = peek();
    if (t.type == Tok::CParen) {
      call->span.end = next().end;
      break;
    }
    if (t.type == Tok::Eof) {
      error("HCL008", "Unterminated function call",
            "There is no closing parenthesis for this function call before the end of the file.",
            Span{paren.begin, paren.end});
      break;
    }
    Expr* arg = expression();
    call->kids.push_back(arg);
    const Token& sep = peek();
    if (sep.type == Tok::Ellipsis) {
      next();
      call->flag = true;
      if (peek().type == Tok::CParen) {
        call->span.end = next().end;
      } else {
        const Token& bad = peek();
        error("HCL008", "Missing closing parenthesis",
              "An expanded function argument (with ...) must be immediately followed by closing parentheses.",
              Span{bad.begin, bad.end});
        skip_to_close(Tok::OParen, Tok::CParen);
      }
      break;
    }
    if (sep.type == Tok::Comma) {
      next();
      continue;
    }
    if (sep.type == Tok::CParen)
      continue;
    if (sep.type == Tok::Eof) {
      error("HCL008", "Unterminated function call",
            "There is no closing parenthesis for this function call before the end of the file.",
            Span{paren.begin, paren.end});
      break;
    }
    error("HCL008", "Missing argument separator",
          "A comma is required to separate each function argument from the next.", Span{sep.begin, sep.end});
    skip_to_close(Tok::OParen, Tok::CParen);
    break;
  }
  pop_newlines();
  return call;
}

Expr* Parser::tuple(const Token& open_ref) {
  Token open = next();
  (void)open_ref;
  push_newlines(true);
  if (is_keyword(peek(), "for")) {
    Expr* f = for_expr(open, false);
    pop_newlines();
    return f;
  }
  Expr* tup = new_expr(ExprKind::Tuple, Span{open.begin, open.end});
  for (;;) {
    if (m_too_deep)
      break;
    const Token& t = peek();
    if (t.type == Tok::CBrack) {
      tup->span.end = next().end;
      break;
    }
    if (t.type == Tok::Eof) {
      error("HCL008", "Unterminated tuple constructor expression",
            "There is no corresponding closing bracket before the end of the file. This may be caused by "
            "incorrect bracket nesting elsewhere in this file.",
            Span{open.begin, open.end});
      break;
    }
    tup->kids.push_back(expression());
    const Token& sep = peek();
    if (sep.type == Tok::Comma) {
      next();
      continue;
    }
    if (sep.type == Tok::CBrack)
      continue;
    if (sep.type == Tok::Eof)
      continue;
    error("HCL008", "Missing item separator", "Expected a comma to mark the beginning of the next item.",
          Span{sep.begin, sep.end});
    skip_to_close(Tok::OBrack, Tok::CBrack);
    tup->span.end = m_tokens[m_i > 0 ? m_i - 1 : 0].end;
    break;
  }
  pop_newlines();
  return tup;
}

Expr* Parser::object(const Token& open_ref) {
  Token open = next();
  (void)open_ref;
  push_newlines(false);
  // "for" decides between a for-expression and an object before newlines matter: HashiCorp's
  // parseObjectCons peeks with newlines ignored, so "{\n  for k, v in m : k => v\n}" is a
  // for-expression and "{\n  for = 1\n}" is a broken one, not an object with a key "for".
  size_t first = m_i;
  while (m_tokens[first].type == Tok::Newline)
    ++first;
  if (is_keyword(m_tokens[first], "for")) {
    m_i = first;
    push_newlines(true);
    Expr* f = for_expr(open, true);
    pop_newlines();
    pop_newlines();
    return f;
  }
  Expr* obj = new_expr(ExprKind::Object, Span{open.begin, open.end});
  for (;;) {
    if (m_too_deep)
      break;
    while (peek_raw().type == Tok::Newline)
      ++m_i;
    const Token& t = peek_raw();
    if (t.type == Tok::CBrace) {
      obj->span.end = next().end;
      break;
    }
    if (t.type == Tok::Eof) {
      error("HCL008", "Unterminated object constructor expression",
            "There is no corresponding closing brace before the end of the file. This may be caused by "
            "incorrect brace nesting elsewhere in this file.",
            Span{open.begin, open.end});
      break;
    }
    Expr* key_expr = expression();
    Expr* key = new_expr(ExprKind::ObjectKey, key_expr->span);
    key->kids = {key_expr};
    key->flag = key_expr->kind == ExprKind::ScopeTraversal && key_expr->steps.empty();
    const Token& eq = peek_raw();
    if (eq.type != Tok::Equal && eq.type != Tok::Colon) {
      if (!m_too_deep)
        error("HCL008", "Missing key/value separator",
              "Expected an equals sign (\"=\") to mark the beginning of the attribute value.",
              Span{eq.begin, eq.end});
      skip_to_close(Tok::OBrace, Tok::CBrace);
      obj->span.end = m_tokens[m_i > 0 ? m_i - 1 : 0].end;
      break;
    }
    ++m_i;
    Expr* value = expression();
    obj->kids.push_back(key);
    obj->kids.push_back(value);
    const Token& sep = peek_raw();
    if (sep.type == Tok::Comma || sep.type == Tok::Newline) {
      ++m_i;
      continue;
    }
    if (sep.type == Tok::CBrace || sep.type == Tok::Eof)
      continue;
    if (!m_too_deep)
      error("HCL008", "Missing attribute separator",
            "Expected a newline or comma to mark the beginning of the next attribute.",
            Span{sep.begin, sep.end});
    skip_to_close(Tok::OBrace, Tok::CBrace);
    obj->span.end = m_tokens[m_i > 0 ? m_i - 1 : 0].end;
    break;
  }
  pop_newlines();
  return obj;
}

Expr* Parser::for_expr(const Token& open, bool object_form) {
  Tok close_tok = object_form ? Tok::CBrace : Tok::CBrack;
  Tok open_tok = object_form ? Tok::OBrace : Tok::OBrack;
  Token kw = next(); // "for"
  Expr* f = new_expr(ExprKind::For, Span{open.begin, kw.end});
  f->flag = object_form;
  auto fail = [&](const Token& at, const std::string& detail) {
    error("HCL008", "Invalid 'for' expression", detail, Span{at.begin, at.end});
    skip_to_close(open_tok, close_tok);
    f->span.end = m_tokens[m_i > 0 ? m_i - 1 : 0].end;
    f->kids = {invalid(f->span), nullptr, invalid(f->span), nullptr};
    return f;
  };
  const Token& v1 = peek();
  if (v1.type != Tok::Ident)
    return fail(v1, "For expression requires variable name after 'for'.");
  Token first = next();
  if (peek().type == Tok::Comma) {
    next();
    const Token& v2 = peek();
    if (v2.type != Tok::Ident)
      return fail(v2, "For expression requires value variable name after comma.");
    Token second = next();
    f->name = std::string(text(first));
    f->name2 = std::string(text(second));
  } else {
    f->name2 = std::string(text(first));
  }
  if (!is_keyword(peek(), "in"))
    return fail(peek(), "For expression requires the 'in' keyword after its name declarations.");
  next();
  Expr* coll = expression();
  if (peek().type != Tok::Colon)
    return fail(peek(), "For expression requires a colon after the collection expression.");
  next();
  Expr* key = nullptr;
  Expr* value = nullptr;
  if (object_form) {
    key = expression();
    if (peek().type != Tok::FatArrow)
      return fail(peek(),
                  "Key expression in 'for' expression must be followed by a '=>' and a value expression.");
    next();
    value = expression();
    if (peek().type == Tok::Ellipsis) {
      next();
      f->grouped = true;
    }
  } else {
    value = expression();
  }
  Expr* cond = nullptr;
  if (is_keyword(peek(), "if")) {
    next();
    cond = expression();
  }
  const Token& close = peek();
  if (close.type != close_tok) {
    if (m_too_deep)
      return f;
    return fail(close, object_form
                           ? "Extra characters after the end of the 'for' expression; expected \"}\"."
                           : "Extra characters after the end of the 'for' expression; expected \"]\".");
  }
  f->span.end = next().end;
  f->kids = {coll, key, value, cond};
  return f;
}

} // namespace dp::tf::detail
