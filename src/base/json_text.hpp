// JSON text exactly as each SDK writes it: JavaScript's JSON.stringify and Python's json.dumps
// (ensure_ascii, float repr, default or compact separators). Histories compare byte for byte, so the
// spelling of numbers and escapes matters.
#pragma once

#include <string>

#include "base/json.hpp"

namespace dp {

// JSON.stringify(value): no spaces, integral floats without ".0", non-ASCII kept as UTF-8.
std::string to_js_json(const Json& value);

// json.dumps(value): ", " and ": " separators unless compact (",", ":"); non-ASCII as \uXXXX;
// floats as Python's repr (1.0, 1e-05, 1e+16).
std::string to_python_json(const Json& value, bool compact = false);

// Shortest decimal digits and exponent that round-trip a finite double: value = 0.DIGITS x 10^exponent.
struct DecimalDigits {
  std::string digits; // no leading or trailing zeros, at least one digit
  int exponent = 0;   // position of the decimal point relative to the first digit
  bool negative = false;
};
DecimalDigits shortest_digits(double value);

} // namespace dp
