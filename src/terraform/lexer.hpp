// The scanner: turns a SourceFile's bytes into tokens with a stack of modes (normal expression,
// quoted template, heredoc template, interpolation with brace depth), like hcl's scan_tokens.rl.
#pragma once

#include <string_view>
#include <vector>

#include "terraform/token.hpp"

namespace dp::tf {

// Scans the whole text. Never fails; the last token is Eof. Comments are dropped except that a line
// comment yields the Newline token it ends with.
std::vector<Token> lex(std::string_view text);

} // namespace dp::tf
