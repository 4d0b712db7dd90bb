// Friendly messages for forbidden characters and operators, rate-limited to one per kind.
#include "terraform/lexer_check.hpp"

#include <set>
#include <string>

namespace dp::tf {

void check_tokens(File& file, const std::vector<Token>& tokens) {
  bool reported[16] = {};
  std::set<std::string> seen_chars;
  auto report = [&](const char* summary, std::string detail, uint32_t b, uint32_t e) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.summary = summary;
    d.detail = std::move(detail);
    d.subject = file.source->range(b, e);
    d.rule = "HCL005";
    file.diagnostics.push_back(std::move(d));
  };
  std::string_view text = file.source->text();
  // Invalid UTF-8 anywhere (also inside strings and comments), reported once.
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    int len = 1;
    if (decode_utf8(text, i, len) < 0) {
      report("Invalid character encoding",
             "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.",
             static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
      reported[static_cast<int>(InvalidKind::Encoding)] = true;
      break;
    }
    i += static_cast<size_t>(len);
  }
  for (const Token& t : tokens) {
    if (t.type != Tok::Invalid)
      continue;
    int k = static_cast<int>(t.invalid);
    if (reported[k])
      continue;
    if (t.invalid != InvalidKind::Character)
      reported[k] = true;
    std::string_view s = text.substr(t.begin, t.end - t.begin);
    switch (t.invalid) {
    case InvalidKind::BitwiseAnd:
      report("Unsupported operator",
             "Bitwise operators are not supported. Did you mean boolean AND (\"&&\")?", t.begin, t.end);
      break;
    case InvalidKind::BitwiseOr:
      report("Unsupported operator", "Bitwise operators are not supported. Did you mean boolean OR (\"||\")?",
             t.begin, t.end);
      break;
    case InvalidKind::BitwiseXor:
      report("Unsupported operator", "Bitwise operators are not supported.", t.begin, t.end);
      break;
    case InvalidKind::BitwiseNot:
      report("Unsupported operator", "Bitwise operators are not supported. Did you mean boolean NOT (\"!\")?",
             t.begin, t.end);
      break;
    case InvalidKind::Power:
      report(
          "Unsupported operator",
          "\"**\" is not a supported operator. Exponentiation is not supported as an operator; use the pow "
          "function.",
          t.begin, t.end);
      break;
    case InvalidKind::CurlyQuote:
      report(
          "Invalid character",
          "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing "
          "code via documents or discussion forums. It might help to replace the character with a \"straight "
          "quote\".",
          t.begin, t.end);
      break;
    case InvalidKind::Encoding:
      report("Invalid character encoding",
             "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.",
             t.begin, t.end);
      break;
    case InvalidKind::UnterminatedComment:
      report("Unterminated comment",
             "There is no closing \"*/\" for this comment before the end of the file.", t.begin, t.end);
      break;
    case InvalidKind::Character:
    case InvalidKind::None:
      if (!seen_chars.insert(std::string(s)).second)
        break; // each distinct character is reported once
      if (s == ";")
        report(
            "Invalid character",
            "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to "
            "separate items in collection values.",
            t.begin, t.end);
      else if (s == "'")
        report("Invalid character", "Single quotes are not valid. Use double quotes (\") to enclose strings.",
               t.begin, t.end);
      else if (s == "`")
        report("Invalid character",
               "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, "
               "like "
               "\"<<EOT\".",
               t.begin, t.end);
      else
        report("Invalid character", "This character is not used within the language.", t.begin, t.end);
      break;
    }
  }
}

} // namespace dp::tf
