// Entry points of the HCL native-syntax parser (hcl public.go): always return the (possibly partial)
// file plus its syntax diagnostics; never abort, whatever the input.
#pragma once

#include <string>

#include "terraform/ast.hpp"

namespace dp::tf {

struct ParseOptions {
  int max_depth = 100; // nesting of blocks, brackets and templates; deeper input gets an error
  // Height of one attribute's expression tree (operators, splats, calls, brackets, templates and directives
  // all count): HashiCorp's parser has no limit, but every walk of ours recurses over the tree, so a chain
  // of 100,000 "+" operands or splats would overflow the stack. Deeper input gets an HCL008 error and the
  // tree is replaced by a placeholder before any rule sees it (issue 14).
  int max_expression_depth = 256;
  bool all_unterminated = false; // report every HCL001 instead of collapsing them to the first one
};

File parse(std::string filename, std::string text, const ParseOptions& options = {});

} // namespace dp::tf
