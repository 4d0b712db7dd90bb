// Positions and ranges in source text, as HCL's pos.go has them: line and column count from 1
// (the column in user-perceived characters), the byte offset from 0; ranges are end-exclusive.
#pragma once

#include <string>

namespace dp {

struct Pos {
  int line = 1;
  int column = 1;
  int byte = 0;
};

struct Range {
  std::string filename;
  Pos start;
  Pos end;
};

// A range covering both a and b (same file assumed).
inline Range join(const Range& a, const Range& b) {
  Range r = a;
  if (b.start.byte < r.start.byte)
    r.start = b.start;
  if (b.end.byte > r.end.byte)
    r.end = b.end;
  return r;
}

} // namespace dp
