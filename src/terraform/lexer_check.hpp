// Turns tokens the scanner accepted but the language forbids into friendly HCL005 diagnostics, once per
// kind (hcl token.go checkInvalidTokens), and reports invalid UTF-8 anywhere in the file.
#pragma once

#include <vector>

#include "terraform/ast.hpp"
#include "terraform/token.hpp"

namespace dp::tf {

void check_tokens(File& file, const std::vector<Token>& tokens);

} // namespace dp::tf
