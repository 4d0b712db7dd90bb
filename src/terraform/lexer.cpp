// The HCL scanner. Modes live on an explicit stack (no recursion), so 100,000 nested "${" cost memory,
// not stack. Token ranges are byte offsets; SourceFile turns them into lines and columns when needed.
#include "terraform/lexer.hpp"

#include "terraform/source_file.hpp"

namespace dp::tf {

const char* token_name(Tok t) {
  switch (t) {
  case Tok::Eof:
    return "end of file";
  case Tok::Newline:
    return "newline";
  case Tok::Ident:
    return "identifier";
  case Tok::Number:
    return "number";
  case Tok::OBrace:
    return "\"{\"";
  case Tok::CBrace:
    return "\"}\"";
  case Tok::OBrack:
    return "\"[\"";
  case Tok::CBrack:
    return "\"]\"";
  case Tok::OParen:
    return "\"(\"";
  case Tok::CParen:
    return "\")\"";
  case Tok::Comma:
    return "\",\"";
  case Tok::Dot:
    return "\".\"";
  case Tok::Ellipsis:
    return "\"...\"";
  case Tok::Equal:
    return "\"=\"";
  case Tok::Colon:
    return "\":\"";
  case Tok::DblColon:
    return "\"::\"";
  case Tok::Question:
    return "\"?\"";
  case Tok::FatArrow:
    return "\"=>\"";
  case Tok::Plus:
    return "\"+\"";
  case Tok::Minus:
    return "\"-\"";
  case Tok::Star:
    return "\"*\"";
  case Tok::Slash:
    return "\"/\"";
  case Tok::Percent:
    return "\"%\"";
  case Tok::And:
    return "\"&&\"";
  case Tok::Or:
    return "\"||\"";
  case Tok::Bang:
    return "\"!\"";
  case Tok::EqualOp:
    return "\"==\"";
  case Tok::NotEqual:
    return "\"!=\"";
  case Tok::Less:
    return "\"<\"";
  case Tok::LessEq:
    return "\"<=\"";
  case Tok::Greater:
    return "\">\"";
  case Tok::GreaterEq:
    return "\">=\"";
  case Tok::OQuote:
    return "opening quote";
  case Tok::CQuote:
    return "closing quote";
  case Tok::QuotedLit:
    return "string literal";
  case Tok::OHeredoc:
    return "heredoc introducer";
  case Tok::CHeredoc:
    return "heredoc end marker";
  case Tok::StringLit:
    return "string literal";
  case Tok::TemplateInterp:
    return "\"${\"";
  case Tok::TemplateControl:
    return "\"%{\"";
  case Tok::TemplateSeqEnd:
    return "\"}\"";
  case Tok::Invalid:
    return "invalid character";
  }
  return "token";
}

namespace {

enum class ModeKind : uint8_t { Normal, Quoted, Heredoc };

struct Mode {
  ModeKind kind = ModeKind::Normal;
  bool interp = false;       // Normal: inside ${ } or %{ } (a "}" at depth 0 ends it)
  int braces = 0;            // Normal: open "{" inside this interpolation
  bool line_start = true;    // Heredoc: at the start of a line (the closing marker may follow)
  uint32_t marker_begin = 0; // Heredoc: the marker's bytes in the text
  uint32_t marker_len = 0;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_curly_quote(int32_t cp) {
  return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

// Non-ASCII code points we accept in identifiers: everything but quotes, spaces and separators
// (a pragmatic superset of UAX #31 ID_Continue).
bool non_ascii_ident(int32_t cp) {
  return cp >= 0x80 && !is_curly_quote(cp) && cp != 0xA0 && cp != 0xFEFF && !(cp >= 0x2000 && cp <= 0x200B) &&
         cp != 0x2028 && cp != 0x2029 && cp != 0x3000;
}

// Code points that may continue an identifier but not start one (UAX #31: ID_Continue minus ID_Start):
// decimal digits of other scripts and combining marks, the ones met in practice (a partial table; hcl's
// unicode_derived.rl has the full one). HashiCorp's scanner makes them an invalid character at the start.
bool continue_only(int32_t cp) {
  struct R {
    int32_t lo, hi;
  };
  static constexpr R kRanges[] = {
      {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},  {0x064B, 0x0669},
      {0x06F0, 0x06F9}, {0x07C0, 0x07C9}, {0x0900, 0x0903}, {0x093A, 0x094F},  {0x0966, 0x096F},
      {0x09E6, 0x09EF}, {0x0A66, 0x0A6F}, {0x0AE6, 0x0AEF}, {0x0B66, 0x0B6F},  {0x0BE6, 0x0BEF},
      {0x0C66, 0x0C6F}, {0x0CE6, 0x0CEF}, {0x0D66, 0x0D6F}, {0x0E31, 0x0E31},  {0x0E34, 0x0E3A},
      {0x0E47, 0x0E4E}, {0x0E50, 0x0E59}, {0x0ED0, 0x0ED9}, {0x0F20, 0x0F29},  {0x1040, 0x1049},
      {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200C, 0x200D}, {0x203F, 0x2040},  {0x20D0, 0x20FF},
      {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFF10, 0xFF19}, {0x1D7CE, 0x1D7FF}};
  for (const R& r : kRanges)
    if (cp >= r.lo && cp <= r.hi)
      return true;
  return false;
}

class Lexer {
public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  std::vector<Token> run() {
    m_tokens.reserve(m_text.size() / 4 + 16);
    m_modes.push_back(Mode{});
    // A UTF-8 byte order mark at the start is skipped, as HashiCorp's scanner does (stripUTF8BOM in
    // scan_tokens.rl): Terraform accepts such files.
    if (m_text.size() >= 3 && static_cast<unsigned char>(m_text[0]) == 0xEF &&
        static_cast<unsigned char>(m_text[1]) == 0xBB && static_cast<unsigned char>(m_text[2]) == 0xBF)
      m_i = 3;
    while (m_i < m_text.size()) {
      switch (m_modes.back().kind) {
      case ModeKind::Normal:
        normal();
        break;
      case ModeKind::Quoted:
        quoted();
        break;
      case ModeKind::Heredoc:
        heredoc();
        break;
      }
    }
    emit(Tok::Eof, static_cast<uint32_t>(m_text.size()), static_cast<uint32_t>(m_text.size()));
    return std::move(m_tokens);
  }

private:
  char at(size_t k) const { return k < m_text.size() ? m_text[k] : '\0'; }
  uint32_t pos() const { return static_cast<uint32_t>(m_i); }

  void emit(Tok t, uint32_t b, uint32_t e, bool strip = false) {
    Token tok;
    tok.type = t;
    tok.begin = b;
    tok.end = e;
    tok.strip = strip;
    m_tokens.push_back(tok);
  }
  void emit_invalid(InvalidKind k, uint32_t b, uint32_t e) {
    Token tok;
    tok.type = Tok::Invalid;
    tok.invalid = k;
    tok.begin = b;
    tok.end = e;
    m_tokens.push_back(tok);
  }
  void pop_mode() {
    if (m_modes.size() > 1)
      m_modes.pop_back();
  }

  // Opens ${ or %{ at m_i (the two introducer bytes, then an optional ~).
  void open_template_sequence(Tok t) {
    uint32_t b = pos();
    m_i += 2;
    bool strip = at(m_i) == '~';
    if (strip)
      ++m_i;
    emit(t, b, pos(), strip);
    Mode m;
    m.interp = true;
    m_modes.push_back(m);
  }

  void normal() {
    Mode& mode = m_modes.back();
    char c = m_text[m_i];
    uint32_t b = pos();
    if (c == ' ' || c == '\t') {
      ++m_i;
      return;
    }
    if (c == '\r') {
      if (at(m_i + 1) == '\n') {
        m_i += 2;
        emit(Tok::Newline, b, pos());
      } else {
        ++m_i; // a lone CR is neither a newline nor a space in HCL (scan_tokens.rl: Newline = '\r'? '\n')
        emit_invalid(InvalidKind::Character, b, pos());
      }
      return;
    }
    if (c == '\n') {
      ++m_i;
      emit(Tok::Newline, b, pos());
      return;
    }
    if (c == '#' || (c == '/' && at(m_i + 1) == '/')) {
      while (m_i < m_text.size() && m_text[m_i] != '\n')
        ++m_i;
      if (m_i < m_text.size())
        ++m_i;
      emit(Tok::Newline, b, pos());
      return;
    }
    if (c == '/' && at(m_i + 1) == '*') {
      size_t end = m_text.find("*/", m_i + 2);
      if (end == std::string_view::npos) {
        m_i = m_text.size();
        emit_invalid(InvalidKind::UnterminatedComment, b, b + 2);
      } else {
        m_i = end + 2;
      }
      return;
    }
    if (is_digit(c)) {
      number();
      return;
    }
    if (is_ascii_letter(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        int len = 1;
        int32_t cp = decode_utf8(m_text, m_i, len);
        if (cp < 0) {
          ++m_i;
          emit_invalid(InvalidKind::Encoding, b, pos());
          return;
        }
        if (!non_ascii_ident(cp) || continue_only(cp)) {
          m_i += static_cast<size_t>(len);
          emit_invalid(is_curly_quote(cp) ? InvalidKind::CurlyQuote : InvalidKind::Character, b, pos());
          return;
        }
      }
      identifier();
      return;
    }
    auto two = [&](char x) { return at(m_i + 1) == x; };
    auto op = [&](Tok t, size_t len) {
      m_i += len;
      emit(t, b, pos());
    };
    switch (c) {
    case '"':
      ++m_i;
      emit(Tok::OQuote, b, pos());
      m_modes.push_back(Mode{ModeKind::Quoted});
      return;
    case '{':
      if (mode.interp)
        ++mode.braces;
      op(Tok::OBrace, 1);
      return;
    case '}':
      if (mode.interp && mode.braces == 0) {
        op(Tok::TemplateSeqEnd, 1);
        pop_mode();
      } else {
        if (mode.interp)
          --mode.braces;
        op(Tok::CBrace, 1);
      }
      return;
    case '~':
      if (mode.interp && mode.braces == 0 && two('}')) {
        m_i += 2;
        emit(Tok::TemplateSeqEnd, b, pos(), true);
        pop_mode();
      } else {
        ++m_i;
        emit_invalid(InvalidKind::BitwiseNot, b, pos());
      }
      return;
    case '[':
      op(Tok::OBrack, 1);
      return;
    case ']':
      op(Tok::CBrack, 1);
      return;
    case '(':
      op(Tok::OParen, 1);
      return;
    case ')':
      op(Tok::CParen, 1);
      return;
    case ',':
      op(Tok::Comma, 1);
      return;
    case '?':
      op(Tok::Question, 1);
      return;
    case '+':
      op(Tok::Plus, 1);
      return;
    case '-':
      op(Tok::Minus, 1);
      return;
    case '/':
      op(Tok::Slash, 1);
      return;
    case '%':
      op(Tok::Percent, 1);
      return;
    case '.':
      if (two('.') && at(m_i + 2) == '.')
        op(Tok::Ellipsis, 3);
      else
        op(Tok::Dot, 1);
      return;
    case ':':
      if (two(':'))
        op(Tok::DblColon, 2);
      else
        op(Tok::Colon, 1);
      return;
    case '=':
      if (two('='))
        op(Tok::EqualOp, 2);
      else if (two('>'))
        op(Tok::FatArrow, 2);
      else
        op(Tok::Equal, 1);
      return;
    case '!':
      if (two('='))
        op(Tok::NotEqual, 2);
      else
        op(Tok::Bang, 1);
      return;
    case '<':
      if (two('<') && heredoc_intro())
        return;
      if (two('='))
        op(Tok::LessEq, 2);
      else
        op(Tok::Less, 1);
      return;
    case '>':
      if (two('='))
        op(Tok::GreaterEq, 2);
      else
        op(Tok::Greater, 1);
      return;
    case '*':
      // "**" is two stars, as in HashiCorp's scanner: "a.* * b" is valid; "2 ** 3" fails in the parser,
      // which then suggests pow().
      op(Tok::Star, 1);
      return;
    case '&':
      if (two('&')) {
        op(Tok::And, 2);
      } else {
        ++m_i;
        emit_invalid(InvalidKind::BitwiseAnd, b, pos());
      }
      return;
    case '|':
      if (two('|')) {
        op(Tok::Or, 2);
      } else {
        ++m_i;
        emit_invalid(InvalidKind::BitwiseOr, b, pos());
      }
      return;
    case '^':
      ++m_i;
      emit_invalid(InvalidKind::BitwiseXor, b, pos());
      return;
    default:
      ++m_i;
      emit_invalid(InvalidKind::Character, b, pos());
      return;
    }
  }

  // A number token is as greedy as HashiCorp's NumberLit: a digit, then any run of digits, dots and
  // exponents ("e", "E", optionally signed, then a digit), not ending with a dot (hcl scan_tokens.rl). So
  // "1.2.3" and "1e5e5" are one token, which the parser then rejects as an invalid number, and "a.0.1"
  // holds the number "0.1" (an invalid legacy index) as in HashiCorp's parser.
  void number() {
    uint32_t b = pos();
    ++m_i;
    size_t last_ok = m_i; // end of the longest prefix that does not end with a dot
    for (;;) {
      char c = at(m_i);
      if (is_digit(c)) {
        ++m_i;
        last_ok = m_i;
      } else if (c == '.') {
        ++m_i;
      } else if ((c == 'e' || c == 'E') &&
                 (is_digit(at(m_i + 1)) ||
                  ((at(m_i + 1) == '+' || at(m_i + 1) == '-') && is_digit(at(m_i + 2))))) {
        m_i += is_digit(at(m_i + 1)) ? 2 : 3;
        last_ok = m_i;
      } else {
        break;
      }
    }
    m_i = last_ok;
    emit(Tok::Number, b, pos());
  }

  void identifier() {
    uint32_t b = pos();
    while (m_i < m_text.size()) {
      char c = m_text[m_i];
      if (is_ascii_letter(c) || is_digit(c) || c == '_' || c == '-') {
        ++m_i;
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        int len = 1;
        int32_t cp = decode_utf8(m_text, m_i, len);
        if (cp >= 0 && non_ascii_ident(cp)) {
          m_i += static_cast<size_t>(len);
          continue;
        }
      }
      break;
    }
    emit(Tok::Ident, b, pos());
  }

  // At "<<": a heredoc introducer is <<ID or <<-ID followed directly by a newline.
  bool heredoc_intro() {
    size_t k = m_i + 2;
    if (at(k) == '-')
      ++k;
    size_t id_begin = k;
    if (!(is_ascii_letter(at(k)) || at(k) == '_'))
      return false;
    while (is_ascii_letter(at(k)) || is_digit(at(k)) || at(k) == '_' || at(k) == '-')
      ++k;
    size_t id_end = k;
    if (at(k) == '\r' && at(k + 1) == '\n')
      k += 2;
    else if (at(k) == '\n')
      k += 1;
    else
      return false;
    uint32_t b = pos();
    m_i = k;
    emit(Tok::OHeredoc, b, pos());
    Mode m;
    m.kind = ModeKind::Heredoc;
    m.marker_begin = static_cast<uint32_t>(id_begin);
    m.marker_len = static_cast<uint32_t>(id_end - id_begin);
    m_modes.push_back(m);
    return true;
  }

  void quoted() {
    uint32_t b = pos();
    while (m_i < m_text.size()) {
      char c = m_text[m_i];
      if (c == '"' || c == '\n' || c == '\r') // a lone CR also splits a quoted string (NewlineChars)
        break;
      if ((c == '$' || c == '%') && at(m_i + 1) == '{')
        break;
      if ((c == '$' && at(m_i + 1) == '$' && at(m_i + 2) == '{') ||
          (c == '%' && at(m_i + 1) == '%' && at(m_i + 2) == '{')) {
        m_i += 3;
        continue;
      }
      if (c == '\\' && m_i + 1 < m_text.size() && m_text[m_i + 1] != '\n' && m_text[m_i + 1] != '\r') {
        m_i += 2;
        continue;
      }
      ++m_i;
    }
    if (pos() > b)
      emit(Tok::QuotedLit, b, pos());
    if (m_i >= m_text.size()) {
      pop_mode();
      return;
    }
    char c = m_text[m_i];
    if (c == '"') {
      ++m_i;
      emit(Tok::CQuote, pos() - 1, pos());
      pop_mode();
    } else if (c == '$') {
      open_template_sequence(Tok::TemplateInterp);
    } else if (c == '%') {
      open_template_sequence(Tok::TemplateControl);
    } else if (c == '\r' && at(m_i + 1) != '\n') {
      ++m_i; // a lone CR inside a quoted string: "Invalid multi-line string" like a newline
      emit_invalid(InvalidKind::Character, pos() - 1, pos());
      pop_mode();
    } else {
      pop_mode(); // unterminated: the newline belongs to the enclosing mode; the parser reports it
    }
  }

  void heredoc() {
    Mode& mode = m_modes.back();
    if (mode.line_start) {
      size_t k = m_i;
      while (at(k) == ' ' || at(k) == '\t')
        ++k;
      std::string_view marker = m_text.substr(mode.marker_begin, mode.marker_len);
      if (m_text.compare(k, marker.size(), marker) == 0) {
        // The marker line is compared after trimming whitespace on both sides, and it must end with a
        // newline: a marker at the very end of the file does not close the heredoc (hcl scan_tokens.rl,
        // heredocLiteralEOL: bytes.TrimSpace of a line matched with its EndOfLine).
        size_t e = k + marker.size();
        size_t after = e;
        while (at(after) == ' ' || at(after) == '\t' || at(after) == '\v' || at(after) == '\f')
          ++after;
        if (after < m_text.size() &&
            (m_text[after] == '\n' || (m_text[after] == '\r' && at(after + 1) == '\n'))) {
          uint32_t b = pos();
          m_i = after; // the marker token covers the trailing blanks, as HashiCorp's does
          emit(Tok::CHeredoc, b, pos());
          pop_mode();
          return;
        }
      }
    }
    uint32_t b = pos();
    while (m_i < m_text.size()) {
      char c = m_text[m_i];
      if (c == '\n') {
        ++m_i;
        emit(Tok::StringLit, b, pos());
        mode.line_start = true;
        return;
      }
      if (c == '\r' && at(m_i + 1) != '\n') {
        // HashiCorp's heredoc scanner has no rule for a lone CR: the rest of the file is invalid there
        if (pos() > b)
          emit(Tok::StringLit, b, pos());
        ++m_i;
        emit_invalid(InvalidKind::Character, pos() - 1, pos());
        mode.line_start = false;
        return;
      }
      if ((c == '$' && at(m_i + 1) == '$' && at(m_i + 2) == '{') ||
          (c == '%' && at(m_i + 1) == '%' && at(m_i + 2) == '{')) {
        m_i += 3;
        continue;
      }
      if ((c == '$' || c == '%') && at(m_i + 1) == '{') {
        if (pos() > b)
          emit(Tok::StringLit, b, pos());
        mode.line_start = false;
        open_template_sequence(c == '$' ? Tok::TemplateInterp : Tok::TemplateControl);
        return;
      }
      ++m_i;
    }
    if (pos() > b)
      emit(Tok::StringLit, b, pos());
    pop_mode(); // end of file inside the heredoc: the parser reports the missing marker
  }

  std::string_view m_text;
  size_t m_i = 0;
  std::vector<Mode> m_modes;
  std::vector<Token> m_tokens;
};

} // namespace

std::vector<Token> lex(std::string_view text) {
  return Lexer(text).run();
}

} // namespace dp::tf
