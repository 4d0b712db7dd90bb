// One source file in memory: its name, its bytes and a table of line starts, so that byte offsets kept
// by tokens and AST nodes turn into dp::Pos (line, column in characters, byte) only when a range is shown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_range.hpp"

namespace dp::tf {

class SourceFile {
public:
  SourceFile(std::string filename, std::string text);

  const std::string& filename() const { return m_filename; }
  std::string_view text() const { return m_text; }

  // Line, column and byte of a byte offset. Columns count user-perceived characters (UTF-8 code points,
  // with combining marks, variation selectors and ZWJ sequences folded into the previous character);
  // a tab is one column; a CR before LF is not counted (hcl pos.go).
  Pos pos(uint32_t byte) const;
  Range range(uint32_t begin, uint32_t end) const;

  // The text of line `line` (1-based) without its newline.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(m_line_starts.size()); }

private:
  std::string m_filename;
  std::string m_text;
  std::vector<uint32_t> m_line_starts; // byte offset of each line's first byte
};

// Decodes one UTF-8 sequence at text[i]; returns the code point and sets `len`; returns -1 (len 1) on an
// invalid sequence (overlong, surrogate, truncated, > U+10FFFF).
int32_t decode_utf8(std::string_view text, size_t i, int& len);

} // namespace dp::tf
