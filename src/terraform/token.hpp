// Tokens of HCL's native syntax (hcl token.go). A token is a type and a byte range in its SourceFile;
// the lexer never fails: bytes the language forbids become Invalid tokens that lexer_check.cpp reports.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dp::tf {

enum class Tok : uint8_t {
  Eof,
  Newline, // LF, CR LF, or a # / // comment (which includes its newline)
  Ident,
  Number,
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  Comma,
  Dot,
  Ellipsis,
  Equal,    // =
  Colon,    // :
  DblColon, // :: (provider-namespaced function names)
  Question,
  FatArrow, // =>
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  And, // &&
  Or,  // ||
  Bang,
  EqualOp, // ==
  NotEqual,
  Less,
  LessEq,
  Greater,
  GreaterEq,
  OQuote,          // "
  CQuote,          // "
  QuotedLit,       // literal text inside "..." (escapes not yet decoded)
  OHeredoc,        // <<ID or <<-ID, including the newline after it
  CHeredoc,        // the closing marker line
  StringLit,       // literal text inside a heredoc
  TemplateInterp,  // ${ or ${~
  TemplateControl, // %{ or %{~
  TemplateSeqEnd,  // } or ~} closing an interpolation or directive
  Invalid,         // a character or byte sequence the syntax forbids (see InvalidKind)
};

enum class InvalidKind : uint8_t {
  None,
  Character,  // ; ` ' and other stray characters
  CurlyQuote, // “ ” ‘ ’
  BitwiseAnd, // &
  BitwiseOr,  // |
  BitwiseXor, // ^
  BitwiseNot, // ~
  Power,      // **
  Encoding,   // invalid UTF-8
  UnterminatedComment,
};

struct Token {
  Tok type = Tok::Eof;
  InvalidKind invalid = InvalidKind::None;
  bool strip = false; // ${~ / %{~ (strip before) or ~} (strip after)
  uint32_t begin = 0;
  uint32_t end = 0;
};

const char* token_name(Tok t);

} // namespace dp::tf
