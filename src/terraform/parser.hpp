// Entry points of the HCL native-syntax parser (hcl public.go): always return the (possibly partial)
// file plus its syntax diagnostics; never abort, whatever the input.
#pragma once

#include <string>

#include "terraform/ast.hpp"

namespace dp::tf {

struct ParseOptions {
  int max_depth = 100;           // nesting of blocks, brackets and templates; deeper input gets an error
  bool all_unterminated = false; // report every HCL001 instead of collapsing them to the first one
};

File parse(std::string filename, std::string text, const ParseOptions& options = {});

} // namespace dp::tf
