// Rendering of a Report. Source lines come from the Report's own files, so in-memory texts render too.
#include "terraform/render.hpp"

namespace dp::tf {
namespace {

const SourceFile* find_source(const Report& r, const std::string& filename) {
  for (const File& f : r.module.files)
    if (f.source->filename() == filename)
      return f.source.get();
  return nullptr;
}

// The innermost top-level block containing a position, as Terraform names it: resource "T" "N".
std::string enclosing(const Report& r, const Range& at) {
  for (const File& f : r.module.files) {
    if (f.source->filename() != at.filename)
      continue;
    for (const Block& b : f.body.blocks) {
      if (static_cast<int>(b.span.begin) <= at.start.byte && at.start.byte < static_cast<int>(b.span.end)) {
        std::string s = b.type;
        for (const Label& l : b.labels)
          s += " \"" + l.text + "\"";
        return s;
      }
    }
  }
  return {};
}

// Appends `text` word-wrapped at `width` columns.
void wrap(std::string& out, const std::string& text, size_t width) {
  size_t col = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos)
      j = text.size();
    std::string word = text.substr(i, j - i);
    if (col > 0 && col + 1 + word.size() > width) {
      out += '\n';
      col = 0;
    } else if (col > 0) {
      out += ' ';
      ++col;
    }
    out += word;
    col += word.size();
    i = j + 1;
  }
}

} // namespace

std::string render_line(const Diagnostic& d) {
  return d.subject.filename + ":" + std::to_string(d.subject.start.line) + ":" +
         std::to_string(d.subject.start.column) + ": " + severity_name(d.severity) + ": " +
         (d.rule.empty() ? "" : d.rule + " ") + d.summary;
}

std::string render_text(const Report& report, bool color, bool explain) {
  std::string out;
  for (const Diagnostic& d : report.diagnostics) {
    const char* sev = d.severity == Severity::Error     ? "Error"
                      : d.severity == Severity::Warning ? "Warning"
                                                        : "Info";
    const char* tint = d.severity == Severity::Error     ? "\x1b[31m"
                       : d.severity == Severity::Warning ? "\x1b[33m"
                                                         : "\x1b[36m";
    out += "\n";
    out += color ? std::string(tint) + "\x1b[1m" + sev + ":\x1b[0m \x1b[1m" + d.summary + "\x1b[0m\n"
                 : std::string(sev) + ": " + d.summary + "\n";
    const SourceFile* src = find_source(report, d.subject.filename);
    if (src) {
      std::string in = enclosing(report, d.subject);
      out += "\n  on " + d.subject.filename + " line " + std::to_string(d.subject.start.line) +
             (in.empty() ? "" : ", in " + in) + ":\n";
      int line = d.subject.start.line;
      std::string number = std::to_string(line);
      std::string_view code = src->line_text(line);
      if (line == 1 && code.substr(0, 3) == "\xEF\xBB\xBF")
        code.remove_prefix(3); // the byte order mark is not a column (the caret below counts columns)
      out += "  " + number + ": " + std::string(code) + "\n";
      int start = d.subject.start.column;
      int end = d.subject.end.line == line ? d.subject.end.column : start + 1;
      if (end <= start)
        end = start + 1;
      out += "  " + std::string(number.size() + 2 + static_cast<size_t>(start - 1), ' ') +
             std::string(static_cast<size_t>(end - start), '^') + "\n";
    }
    out += "\n";
    std::string detail = d.detail;
    if (!d.rule.empty()) {
      if (!detail.empty())
        detail.push_back(' ');
      detail.append("Rule ");
      detail.append(d.rule);
      detail.push_back('.');
    }
    wrap(out, detail, 100);
    out += "\n";
    if (explain && !d.rule.empty())
      if (const RuleInfo* info = find_rule(d.rule)) {
        out += "\n";
        wrap(out, std::string("Why: ") + info->why + " Fix: " + info->fix + " See " + info->source, 100);
        out += "\n";
      }
  }
  return out;
}

Json render_json(const Report& report) {
  Json j = Json::object();
  j["format_version"] = "1.0";
  j["valid"] = report.error_count == 0;
  j["error_count"] = report.error_count;
  j["warning_count"] = report.warning_count;
  j["info_count"] = report.info_count;
  Json list = Json::array();
  auto pos = [](const Pos& p) {
    Json o = Json::object();
    o["line"] = p.line;
    o["column"] = p.column;
    o["byte"] = p.byte;
    return o;
  };
  for (const Diagnostic& d : report.diagnostics) {
    Json o = Json::object();
    o["severity"] = severity_name(d.severity);
    o["summary"] = d.summary;
    o["detail"] = d.detail;
    o["rule"] = d.rule;
    Json range = Json::object();
    range["filename"] = d.subject.filename;
    range["start"] = pos(d.subject.start);
    range["end"] = pos(d.subject.end);
    o["range"] = range;
    if (const SourceFile* src = find_source(report, d.subject.filename)) {
      Json snippet = Json::object();
      std::string in = enclosing(report, d.subject);
      snippet["context"] = in.empty() ? Json(nullptr) : Json(in);
      std::string_view code = src->line_text(d.subject.start.line);
      snippet["code"] = std::string(code);
      snippet["start_line"] = d.subject.start.line;
      // offsets in bytes from the start of the code line, as terraform reports them
      int first_byte = d.subject.start.byte;
      while (first_byte > 0 && src->text()[static_cast<size_t>(first_byte - 1)] != '\n')
        --first_byte;
      int hs = d.subject.start.byte - first_byte;
      int he = d.subject.end.line == d.subject.start.line ? d.subject.end.byte - first_byte
                                                          : static_cast<int>(code.size());
      snippet["highlight_start_offset"] = hs;
      snippet["highlight_end_offset"] = std::max(hs, std::min(he, static_cast<int>(code.size())));
      o["snippet"] = snippet;
    }
    if (const RuleInfo* info = find_rule(d.rule)) {
      Json e = Json::object();
      e["title"] = info->title;
      e["what"] = info->what;
      e["why"] = info->why;
      e["fix"] = info->fix;
      e["source"] = info->source;
      o["explanation"] = e;
    }
    list.push_back(o);
  }
  j["diagnostics"] = list;
  return j;
}

Json render_rules() {
  Json list = Json::array();
  for (const RuleInfo& r : all_rules()) {
    Json o = Json::object();
    o["id"] = r.id;
    o["severity"] = severity_name(r.severity);
    o["title"] = r.title;
    o["what"] = r.what;
    o["why"] = r.why;
    o["fix"] = r.fix;
    o["source"] = r.source;
    list.push_back(o);
  }
  return list;
}

} // namespace dp::tf
