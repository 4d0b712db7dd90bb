#include "cli/story_text.hpp"

#include "explain/words.hpp"

namespace dp::cli {

namespace {

// Appends `text` wrapped at `width` columns; continuation lines start with `indent` spaces. Columns are
// counted in UTF-8 characters.
void wrap(std::string& out, const std::string& text, size_t first_column, size_t indent, size_t width) {
  size_t column = first_column;
  size_t i = 0;
  bool line_start = true;
  auto length = [](const std::string& s, size_t from, size_t to) {
    size_t n = 0;
    for (size_t k = from; k < to; ++k)
      n += (static_cast<unsigned char>(s[k]) & 0xC0) != 0x80;
    return n;
  };
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string::npos)
      end = text.size();
    size_t word = length(text, i, end);
    if (!line_start && column + 1 + word > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out.append(text, i, end - i);
    column += word;
    line_start = false;
    i = end + 1;
  }
  out += '\n';
}

} // namespace

std::string story_text(const std::vector<explain::Sentence>& story, const explain::Ledger& ledger,
                       int64_t start_ms, size_t width) {
  std::string out;
  // "00:00:10.570  #2  " : time, invocation, then the sentence.
  constexpr size_t kIndent = 20;
  for (const auto& s : story) {
    std::string head = explain::offset_text(s.at_ms, start_ms);
    std::string inv = s.invocation > 0 ? "#" + std::to_string(s.invocation) : "";
    head += "  " + inv + std::string(inv.size() < 4 ? 4 - inv.size() : 0, ' ');
    if (head.size() < kIndent)
      head += std::string(kIndent - head.size(), ' ');
    out += head;
    wrap(out, s.text, head.size(), kIndent, width);
    out += std::string(kIndent, ' ') + "↳ ";
    wrap(out, s.why, kIndent + 2, kIndent + 2, width);
  }
  if (!ledger.runs.empty()) {
    const explain::Words& w = explain::english();
    out += "\n" + std::string(phrase(w, explain::Phrase::LedgerHeading)) + "\n";
    for (const auto& r : ledger.runs) {
      std::string recorded = r.recorded.empty() ? std::string(phrase(w, explain::Phrase::LedgerNotRecorded))
                                                : explain::fill(phrase(w, explain::Phrase::LedgerRecorded),
                                                                {{"action", r.recorded}});
      out += "  " + explain::offset_text(r.at_ms, start_ms) + "  #" + std::to_string(r.invocation) + "  " +
             explain::fill(phrase(w, explain::Phrase::LedgerRun),
                           {{"op", r.operation_name.empty() ? r.operation_id : r.operation_name},
                            {"attempt", std::to_string(r.attempt)},
                            {"effect", r.effect},
                            {"recorded", recorded}}) +
             "\n";
    }
    for (const auto& f : ledger.flags())
      out += "  ! " + f + "\n";
  }
  return out;
}

} // namespace dp::cli
