// Line table and character columns for SourceFile.
#include "terraform/source_file.hpp"

#include <algorithm>

namespace dp::tf {
namespace {

// Code points that join the previous character into one user-perceived character: combining marks,
// variation selectors, ZWJ and skin-tone modifiers. An approximation of UAX #29 that covers what
// Terraform files contain (accents, emoji with modifiers).
bool extends_previous(int32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
         cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

} // namespace

int32_t decode_utf8(std::string_view text, size_t i, int& len) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = b(i);
  len = 1;
  if (c < 0x80)
    return c;
  int need = 0;
  int32_t cp = 0;
  int32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    need = 1, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3, cp = c & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (i + static_cast<size_t>(need) >= text.size())
    return -1;
  for (int k = 1; k <= need; ++k) {
    if ((b(i + k) & 0xC0) != 0x80)
      return -1;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return -1;
  len = need + 1;
  return cp;
}

SourceFile::SourceFile(std::string filename, std::string text)
    : m_filename(std::move(filename)), m_text(std::move(text)) {
  m_line_starts.push_back(0);
  for (size_t i = 0; i < m_text.size(); ++i)
    if (m_text[i] == '\n')
      m_line_starts.push_back(static_cast<uint32_t>(i + 1));
}

Pos SourceFile::pos(uint32_t byte) const {
  if (byte > m_text.size())
    byte = static_cast<uint32_t>(m_text.size());
  auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), byte);
  int line = static_cast<int>(it - m_line_starts.begin());
  uint32_t start = m_line_starts[line - 1];
  // A UTF-8 byte order mark is not a character: HCL strips it before scanning and counts columns from
  // the character after it (the byte offset still includes it, as in HCL).
  if (line == 1 && m_text.size() >= 3 && m_text.compare(0, 3, "\xEF\xBB\xBF") == 0)
    start = std::min<uint32_t>(3, byte);
  int chars = 0;
  bool joined = false; // the previous code point was a ZWJ: the next one belongs to the same character
  for (size_t i = start; i < byte;) {
    int len = 1;
    int32_t cp = decode_utf8(m_text, i, len);
    if (cp == '\r' && i + 1 < m_text.size() && m_text[i + 1] == '\n') {
      i += 1;
      continue;
    }
    if (chars == 0 || !(joined || extends_previous(cp)))
      ++chars;
    joined = cp == 0x200D;
    i += static_cast<size_t>(len);
  }
  return Pos{line, chars + 1, static_cast<int>(byte)};
}

Range SourceFile::range(uint32_t begin, uint32_t end) const {
  return Range{m_filename, pos(begin), pos(end)};
}

std::string_view SourceFile::line_text(int line) const {
  if (line < 1 || line > line_count())
    return {};
  uint32_t start = m_line_starts[line - 1];
  uint32_t end = line < line_count() ? m_line_starts[line] : static_cast<uint32_t>(m_text.size());
  std::string_view s(m_text.data() + start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

} // namespace dp::tf
