// HCL templates (hcl parser_template.go): quoted strings with escapes, heredocs (<<ID and indented <<-ID),
// interpolations ${...}, directives %{if}/%{else}/%{endif}/%{for}/%{endfor}, and ~ strip markers.
#include "terraform/parser_impl.hpp"

#include <algorithm>

#include "base/utf8.hpp"

namespace dp::tf::detail {
namespace {

// The body template a directive frame appends to.
std::vector<Expr*>& target_of(Expr* node, int branch) {
  if (node->kind == ExprKind::TemplateIf)
    return node->kids[branch == 0 ? 1 : 2]->kids;
  if (node->kind == ExprKind::TemplateFor)
    return node->kids[1]->kids;
  return node->kids;
}

// Bytes of the whitespace character at s[i] (unicode.IsSpace for the characters met in practice: ASCII
// blanks, NEL and NO-BREAK SPACE), or 0.
size_t space_at(const std::string& s, size_t i) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n')
    return 1;
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) == 0x85 || static_cast<unsigned char>(s[i + 1]) == 0xA0))
    return 2;
  return 0;
}

// The template's parts in HashiCorp's token order: literals and interpolations as they are, each directive
// as its opening, else and closing markers (null). Iterative, so deeply nested directives cost no stack.
std::vector<Expr*> flatten_template(Expr* root) {
  struct Item {
    Expr* node;
    bool expand; // push the parts of this template; otherwise emit `node` (null: a directive marker)
  };
  std::vector<Expr*> out;
  std::vector<Item> work{{root, true}};
  while (!work.empty()) {
    Item it = work.back();
    work.pop_back();
    if (!it.expand) {
      out.push_back(it.node);
      continue;
    }
    for (size_t i = it.node->kids.size(); i-- > 0;) {
      Expr* part = it.node->kids[i];
      if (part->kind == ExprKind::TemplateIf) {
        work.push_back({nullptr, false});
        if (part->kids[2]) {
          work.push_back({part->kids[2], true});
          work.push_back({nullptr, false});
        }
        work.push_back({part->kids[1], true});
        work.push_back({nullptr, false});
      } else if (part->kind == ExprKind::TemplateFor) {
        work.push_back({nullptr, false});
        work.push_back({part->kids[1], true});
        work.push_back({nullptr, false});
      } else {
        work.push_back({part, false});
      }
    }
  }
  return out;
}

// <<-: find the line with the fewest leading whitespace characters and remove that many from every line
// (hcl parser_template.go, flushHeredocTemplateParts). Lines are those of the flat token sequence, so lines
// inside %{if} and %{for} bodies count too; a blank line (whitespace then its newline) neither counts nor
// is trimmed; a line that starts with an interpolation or a directive counts as zero.
void flush_heredoc(Expr* root) {
  std::vector<Expr*> seq = flatten_template(root);
  size_t min_spaces = std::string::npos;
  bool newline = true;
  std::vector<std::pair<Expr*, size_t>> adjust; // literal, its leading whitespace in characters
  for (Expr* tok : seq) {
    bool literal = tok && tok->kind == ExprKind::Literal;
    if (newline) {
      newline = false;
      if (literal) {
        const std::string& s = tok->name;
        size_t i = 0;
        while (i < s.size() && space_at(s, i) > 0)
          i += space_at(s, i);
        bool blank = i == s.size() && !s.empty() && s.back() == '\n';
        if (!blank) {
          // count the prefix without newline characters (a literal "  " before an interpolation is 2)
          size_t prefix = 0;
          for (size_t k = 0; k < s.size();) {
            size_t n = space_at(s, k);
            if (n == 0 || s[k] == '\n')
              break;
            k += n;
            ++prefix;
          }
          min_spaces = std::min(min_spaces, prefix);
          adjust.emplace_back(tok, prefix);
        }
      } else {
        min_spaces = 0;
      }
    }
    if (literal && !tok->name.empty() && tok->name.back() == '\n')
      newline = true;
  }
  if (min_spaces == std::string::npos || min_spaces == 0)
    return;
  for (auto& [lit, prefix] : adjust) {
    size_t i = 0;
    for (size_t k = 0; k < min_spaces && i < lit->name.size(); ++k)
      i += std::max<size_t>(1, space_at(lit->name, i));
    lit->name.erase(0, i);
  }
}

} // namespace

std::string Parser::decode_quoted(const Token& t) {
  std::string_view s = text(t);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if ((c == '$' || c == '%') && i + 2 < s.size() && s[i + 1] == c && s[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    uint32_t at = t.begin + static_cast<uint32_t>(i);
    if (i + 1 >= s.size()) {
      out += c;
      continue;
    }
    char e = s[++i];
    switch (e) {
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case 't':
      out += '\t';
      break;
    case '"':
      out += '"';
      break;
    case '\\':
      out += '\\';
      break;
    case 'u':
    case 'U': {
      size_t digits = e == 'u' ? 4 : 8;
      uint32_t cp = 0;
      bool ok = i + digits < s.size();
      for (size_t k = 1; ok && k <= digits; ++k) {
        if (i + k >= s.size()) {
          ok = false;
          break;
        }
        char h = s[i + k];
        int v = (h >= '0' && h <= '9')   ? h - '0'
                : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                         : -1;
        if (v < 0)
          ok = false;
        else
          cp = cp * 16 + static_cast<uint32_t>(v);
      }
      if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        error("HCL008", "Invalid escape sequence",
              std::string("The \\") + e + " escape must be followed by " + std::to_string(digits) +
                  " hexadecimal digits naming a Unicode code point.",
              Span{at, at + 2});
        break;
      }
      append_utf8(out, cp);
      i += digits;
      break;
    }
    default:
      error("HCL008", "Invalid escape sequence",
            std::string("The symbol \"") + e +
                "\" is not a valid escape sequence selector. Use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or "
                "\\UNNNNNNNN.",
            Span{at, at + 2});
      out += e;
      break;
    }
  }
  return out;
}

bool Parser::template_parts(Expr* root, Tok literal, Tok end, bool heredoc) {
  struct Frame {
    Expr* node;
    int branch;
  };
  std::vector<Frame> frames{{root, 0}};
  m_strip_next = false;
  auto add = [&](Expr* part) {
    std::vector<Expr*>& target = target_of(frames.back().node, frames.back().branch);
    if (part->kind == ExprKind::Literal && m_strip_next) {
      size_t k = 0;
      while (k < part->name.size() && space_at(part->name, k) > 0)
        k += space_at(part->name, k);
      part->name.erase(0, k);
    }
    m_strip_next = false;
    target.push_back(part);
  };
  auto strip_before = [&]() {
    std::vector<Expr*>& target = target_of(frames.back().node, frames.back().branch);
    if (!target.empty() && target.back()->kind == ExprKind::Literal) {
      std::string& s = target.back()->name;
      for (;;) {
        if (!s.empty() && space_at(s, s.size() - 1) == 1)
          s.pop_back();
        else if (s.size() >= 2 && space_at(s, s.size() - 2) == 2)
          s.resize(s.size() - 2);
        else
          break;
      }
    }
  };
  auto skip_sequence = [&]() {
    // after an error inside ${ } or %{ }: resume after its "}" (or at the end of the template)
    while (m_i < m_tokens.size()) {
      Tok k = m_tokens[m_i].type;
      if (k == Tok::TemplateSeqEnd) {
        ++m_i;
        return;
      }
      if (k == end || k == Tok::Eof || (!heredoc && k == Tok::Newline))
        return;
      ++m_i;
    }
  };
  auto expect_end = [&]() {
    const Token& t = peek();
    if (t.type == Tok::TemplateSeqEnd) {
      m_strip_next = t.strip;
      next();
      return true;
    }
    if (t.type == Tok::Eof || t.type == Tok::CQuote || t.type == Tok::CHeredoc)
      error("HCL003", "Unclosed template interpolation sequence",
            "There is no closing brace for this interpolation sequence before the end of the template.",
            Span{t.begin, t.end});
    else
      error("HCL003", "Extra characters after interpolation expression",
            "Expected a closing brace to end the interpolation expression, but found " +
                std::string(token_name(t.type)) + ".",
            Span{t.begin, t.end});
    skip_sequence();
    return false;
  };
  for (;;) {
    if (m_too_deep)
      return true;
    const Token t = m_tokens[m_i];
    if (t.type == literal) {
      Expr* lit = new_expr(ExprKind::Literal, Span{t.begin, t.end});
      lit->lit = LitKind::String;
      if (heredoc) {
        std::string_view s = text(t);
        for (size_t i = 0; i < s.size(); ++i) {
          if ((s[i] == '$' || s[i] == '%') && i + 2 < s.size() && s[i + 1] == s[i] && s[i + 2] == '{') {
            lit->name += s[i];
            lit->name += '{';
            i += 2;
          } else {
            lit->name += s[i];
          }
        }
      } else {
        lit->name = decode_quoted(t);
      }
      add(lit);
      ++m_i;
      continue;
    }
    if (t.type == Tok::TemplateInterp) {
      if (t.strip)
        strip_before();
      ++m_i;
      push_newlines(true);
      Expr* e = expression();
      expect_end();
      pop_newlines();
      bool strip_after = m_strip_next;
      add(e);
      m_strip_next = strip_after;
      continue;
    }
    if (t.type == Tok::TemplateControl) {
      if (t.strip)
        strip_before();
      ++m_i;
      push_newlines(true);
      const Token kw = peek();
      std::string_view word = kw.type == Tok::Ident ? text(kw) : std::string_view{};
      if (word == "if") {
        next();
        Expr* cond = expression();
        expect_end();
        Expr* node = new_expr(ExprKind::TemplateIf, Span{t.begin, kw.end});
        node->kids = {cond, new_expr(ExprKind::Template, Span{kw.end, kw.end}), nullptr};
        bool strip_after = m_strip_next;
        add(node);
        m_strip_next = strip_after;
        frames.push_back({node, 0});
      } else if (word == "else" || word == "endif" || word == "endfor") {
        next();
        expect_end();
        Frame& top = frames.back();
        bool ok = (word == "else" && top.node->kind == ExprKind::TemplateIf && top.branch == 0) ||
                  (word == "endif" && top.node->kind == ExprKind::TemplateIf) ||
                  (word == "endfor" && top.node->kind == ExprKind::TemplateFor);
        if (!ok) {
          error("HCL003", "Unexpected " + std::string(word) + " directive",
                "The " + std::string(word) + " directive does not match an open %{if} or %{for} directive.",
                Span{t.begin, kw.end});
        } else if (word == "else") {
          top.node->kids[2] = new_expr(ExprKind::Template, Span{kw.end, kw.end});
          top.branch = 1;
        } else {
          top.node->span.end = kw.end;
          frames.pop_back();
        }
      } else if (word == "for") {
        next();
        Expr* node = new_expr(ExprKind::TemplateFor, Span{t.begin, kw.end});
        Token v1 = peek();
        if (v1.type == Tok::Ident) {
          next();
          if (peek().type == Tok::Comma) {
            next();
            Token v2 = peek();
            if (v2.type == Tok::Ident)
              next();
            node->name = std::string(text(v1));
            node->name2 = std::string(text(v2));
          } else {
            node->name2 = std::string(text(v1));
          }
        }
        Expr* coll = nullptr;
        if (is_keyword(peek(), "in")) {
          next();
          coll = expression();
          expect_end();
        } else {
          const Token& bad = peek();
          error("HCL003", "Invalid template directive",
                "A for directive needs a variable name, the keyword \"in\" and a collection: %{ for x in "
                "list }.",
                Span{bad.begin, bad.end});
          skip_sequence();
          coll = invalid(Span{bad.begin, bad.begin});
        }
        node->kids = {coll, new_expr(ExprKind::Template, Span{kw.end, kw.end})};
        bool strip_after = m_strip_next;
        add(node);
        m_strip_next = strip_after;
        frames.push_back({node, 0});
      } else {
        std::string what(word.empty() ? std::string_view(token_name(kw.type)) : word);
        std::string detail = "\"";
        detail.append(what);
        detail.append("\" is not a valid template control keyword: use if, else, endif, for or endfor.");
        error("HCL003", "Invalid template control keyword", std::move(detail), Span{kw.begin, kw.end});
        skip_sequence();
      }
      pop_newlines();
      continue;
    }
    if (t.type == end) {
      ++m_i;
      root->span.end = t.end;
      if (frames.size() > 1) {
        Expr* open = frames.back().node;
        error("HCL003", "Invalid template directive",
              std::string("This template has an unclosed %{") + (open->kind == ExprKind::TemplateIf
                                                                     ? "if} directive: add %{endif}."
                                                                     : "for} directive: add %{endfor}."),
              open->span);
      }
      return true;
    }
    return false; // newline, end of file or a stray token: the caller reports the unterminated template
  }
}

Expr* Parser::quoted_template(const Token& open_ref) {
  Token open = next();
  (void)open_ref;
  if (!enter(Span{open.begin, open.end}))
    return invalid(Span{open.begin, open.end});
  Expr* root = new_expr(ExprKind::Template, Span{open.begin, open.end});
  if (!template_parts(root, Tok::QuotedLit, Tok::CQuote, false) && !m_too_deep) {
    const Token& t = m_tokens[m_i];
    bool first_report = !m_unterminated_reported;
    m_unterminated_reported = true;
    if (first_report || m_options.all_unterminated) {
      Range o = m_file.range(Span{open.begin, open.end});
      std::string note = " The string starts at line " + std::to_string(o.start.line) + ", column " +
                         std::to_string(o.start.column) + ".";
      if (t.type == Tok::Eof)
        error_with_context("HCL001", "Unterminated template string",
                           "No closing marker was found for the string before the end of the file." + note,
                           Span{t.begin, t.end}, Span{open.begin, t.end});
      else
        error_with_context(
            "HCL001", "Invalid multi-line string",
            "Quoted strings may not be split over multiple lines. To produce a multi-line string, "
            "either use the \\n escape to represent a newline character or use the \"heredoc\" "
            "multi-line template syntax." +
                note,
            Span{t.begin, t.end}, Span{open.begin, t.end});
    } else {
      m_recovery = true; // collapse: one HCL001 per file unless all are asked for
    }
    root->span.end = t.begin;
  }
  leave();
  return root;
}

Expr* Parser::heredoc_template(const Token& open_ref) {
  Token open = next();
  (void)open_ref;
  if (!enter(Span{open.begin, open.end}))
    return invalid(Span{open.begin, open.end});
  std::string_view intro = text(open);
  bool indented = intro.size() > 2 && intro[2] == '-';
  std::string marker(intro.substr(indented ? 3 : 2));
  while (!marker.empty() && (marker.back() == '\n' || marker.back() == '\r'))
    marker.pop_back();
  Expr* root = new_expr(ExprKind::Template, Span{open.begin, open.end});
  root->heredoc = true;
  if (!template_parts(root, Tok::StringLit, Tok::CHeredoc, true)) {
    if (!m_too_deep) {
      const Token& t = m_tokens[m_i];
      uint32_t intro_end = open.begin + 2 + (indented ? 1 : 0) + static_cast<uint32_t>(marker.size());
      error_with_context("HCL007", "Unterminated template string",
                         "There is no closing marker \"" + marker +
                             "\" for this heredoc before the end of the "
                             "file. Put " +
                             marker + " alone on a line to end it.",
                         Span{t.begin, t.end}, Span{open.begin, std::max(t.end, intro_end)});
      root->span.end = t.begin;
    }
    leave();
    return root;
  }
  if (indented)
    flush_heredoc(root);
  leave();
  return root;
}

} // namespace dp::tf::detail
