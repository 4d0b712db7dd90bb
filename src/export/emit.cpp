// [SECTION] index: code writer · escaping · identifiers · values and templates as expressions
#include "export/emit.hpp"

#include <cstdio>

#include "base/json_text.hpp"
#include "workflow/value_template.hpp"

namespace dp::exporter {

// [SECTION] Code writer

void CodeWriter::line(std::string_view text) {
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    std::string_view piece = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
    if (!piece.empty())
      for (int i = 0; i < m_depth; ++i)
        m_text += m_unit;
    m_text += piece;
    m_text += '\n';
    ++m_lines;
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
}

void CodeWriter::mark(const std::string& path, int first) {
  m_marks.push_back({path, first, std::max(first, m_lines)});
}

// [SECTION] Escaping

std::vector<char32_t> utf8_code_points(std::string_view s) {
  std::vector<char32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) >= s.size() + (extra == 0 ? 1 : 0)) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!valid || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += static_cast<size_t>(extra) + 1;
  }
  return out;
}

namespace {

std::string hex(unsigned value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*X", digits, value);
  return buf;
}

std::string u16_escape(char32_t cp) {
  if (cp < 0x10000)
    return "\\u" + hex(cp, 4);
  char32_t v = cp - 0x10000;
  return "\\u" + hex(0xD800 + (v >> 10), 4) + "\\u" + hex(0xDC00 + (v & 0x3FF), 4);
}

// Common escapes of the three languages; `other` handles non-ASCII and control characters.
template <typename Other>
std::string quote(std::string_view text, Other other) {
  std::string out = "\"";
  for (char32_t cp : utf8_code_points(text)) {
    switch (cp) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (cp < 0x20 || cp >= 0x7F)
        out += other(cp);
      else
        out += static_cast<char>(cp);
    }
  }
  return out + "\"";
}

} // namespace

std::string js_string(std::string_view text) {
  return quote(text, [](char32_t cp) { return u16_escape(cp); });
}

std::string py_string(std::string_view text) {
  return quote(text, [](char32_t cp) { return cp < 0x10000 ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8); });
}

std::string hcl_string(std::string_view text) {
  std::string q =
      quote(text, [](char32_t cp) { return cp < 0x10000 ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8); });
  std::string out;
  for (size_t i = 0; i < q.size(); ++i) {
    if ((q[i] == '$' || q[i] == '%') && i + 1 < q.size() && q[i + 1] == '{')
      out += q[i];
    out += q[i];
  }
  return out;
}

std::string comment_text(std::string_view text) {
  std::string out;
  for (char32_t cp : utf8_code_points(text)) {
    if (cp == '\n' || cp == '\r' || cp == '\t')
      out += ' ';
    else if (cp < 0x20 || cp >= 0x7F)
      out += "\\u" + hex(cp, cp < 0x10000 ? 4 : 6);
    else
      out += static_cast<char>(cp);
  }
  return out;
}

// [SECTION] Identifiers

bool is_keyword(std::string_view w, IdentStyle style) {
  static const char* const js[] = {
      "await",     "break",     "case",     "catch",  "class",      "const",   "continue",  "debugger",
      "default",   "delete",    "do",       "else",   "enum",       "export",  "extends",   "false",
      "finally",   "for",       "function", "if",     "implements", "import",  "in",        "instanceof",
      "interface", "let",       "new",      "null",   "package",    "private", "protected", "public",
      "return",    "static",    "super",    "switch", "this",       "throw",   "true",      "try",
      "typeof",    "var",       "void",     "while",  "with",       "yield",   "undefined", "NaN",
      "Infinity",  "arguments", "eval",     "async",  "of"};
  static const char* const py[] = {
      "False",    "None",   "True",  "and",  "as",     "assert",   "async",   "await", "break",  "class",
      "continue", "def",    "del",   "elif", "else",   "except",   "finally", "for",   "from",   "global",
      "if",       "import", "in",    "is",   "lambda", "nonlocal", "not",     "or",    "pass",   "raise",
      "return",   "try",    "while", "with", "yield",  "match",    "case",    "type",  "_",      "print",
      "json",     "str",    "len",   "list", "dict",   "int",      "float",   "bool",  "object", "id"};
  static const char* const tf[] = {"null", "true", "false", "for", "in", "if", "endif", "endfor"};
  const char* const* begin = style == IdentStyle::JavaScript ? std::begin(js)
                             : style == IdentStyle::Python   ? std::begin(py)
                                                             : std::begin(tf);
  const char* const* end = style == IdentStyle::JavaScript ? std::end(js)
                           : style == IdentStyle::Python   ? std::end(py)
                                                           : std::end(tf);
  for (const char* const* k = begin; k != end; ++k)
    if (w == *k)
      return true;
  return false;
}

std::string make_identifier(std::string_view name, IdentStyle style, std::set<std::string>& taken) {
  std::string base;
  for (char32_t cp : utf8_code_points(name)) {
    bool ok = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_' ||
              (style == IdentStyle::Terraform && cp == '-');
    char c = ok ? static_cast<char>(cp) : '_';
    if (!ok && !base.empty() && base.back() == '_')
      continue; // "a - b" -> "a_b", not "a___b"
    base += c;
  }
  while (base.size() > 1 && base.back() == '_' && name.size() && name.back() != '_')
    base.pop_back();
  if (base.empty() || base == "_")
    base = "value";
  if (base[0] >= '0' && base[0] <= '9')
    base = "_" + base;
  if (style == IdentStyle::Terraform && base[0] == '-')
    base = "_" + base;
  if (is_keyword(base, style))
    base += "_";
  std::string candidate = base;
  for (int n = 2; taken.count(candidate); ++n)
    candidate = base + "_" + std::to_string(n);
  taken.insert(candidate);
  return candidate;
}

// [SECTION] Values and templates as expressions

std::string number_text(double value, IdentStyle lang) {
  Json j(value);
  return lang == IdentStyle::Python ? to_python_json(j) : to_js_json(j);
}

namespace {

std::string string_literal(std::string_view s, IdentStyle lang) {
  return lang == IdentStyle::Python      ? py_string(s)
         : lang == IdentStyle::Terraform ? hcl_string(s)
                                         : js_string(s);
}

bool js_identifier_name(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'))
      return false;
  return true;
}

struct Piece {
  bool reference = false;
  std::string text;
};

std::vector<Piece> split_template(const std::string& s) {
  std::vector<Piece> pieces;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("${", i);
    size_t close = open == std::string::npos ? open : s.find('}', open + 2);
    if (close == std::string::npos) {
      pieces.push_back({false, s.substr(i)});
      break;
    }
    if (open > i)
      pieces.push_back({false, s.substr(i, open - i)});
    pieces.push_back({true, s.substr(open + 2, close - open - 2)});
    i = close + 1;
  }
  return pieces;
}

// "payment.amount" / "items[2].sku" -> access expression on the root's expression.
std::string reference_expr(const std::string& path, const ExprStyle& style, const RootLookup& lookup) {
  size_t i = 0;
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  while (i < path.size() && name_char(path[i]))
    ++i;
  std::string root = path.substr(0, i);
  auto base = lookup(root);
  std::string out = base ? *base : (style.lang == IdentStyle::Python ? "None" : "undefined");
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t start = ++i;
      while (i < path.size() && name_char(path[i]))
        ++i;
      std::string key = path.substr(start, i - start);
      if (style.lang == IdentStyle::JavaScript && js_identifier_name(key))
        out += "." + key;
      else
        out += "[" + string_literal(key, style.lang) + "]";
    } else if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string::npos)
        break;
      out += path.substr(i, close - i + 1);
      i = close + 1;
    } else {
      break;
    }
  }
  return out;
}

// The text inside ${...} as an expression: the access path, then the arithmetic step if there is one
// ("state + 1"); both languages write + - * on numbers the same way.
std::string template_reference_expr(const std::string& text, const ExprStyle& style,
                                    const RootLookup& lookup) {
  auto ref = workflow::parse_reference(text);
  if (!ref.ok()) // the loader refuses such documents; keep the raw path
    return reference_expr(text, style, lookup);
  std::string out = reference_expr(ref->path, style, lookup);
  if (ref->op != 0)
    out += std::string(" ") + ref->op + " " + literal_expr(ref->operand, style.lang);
  return out;
}

std::string indent_lines(const std::string& text, const std::string& unit) {
  std::string out = unit;
  for (char c : text) {
    out += c;
    if (c == '\n')
      out += unit;
  }
  return out;
}

std::string expr(const Json& v, const ExprStyle& style, const RootLookup* lookup) {
  IdentStyle lang = style.lang;
  bool py = lang == IdentStyle::Python;
  switch (v.type()) {
  case Json::value_t::null:
    return py ? "None" : "null";
  case Json::value_t::boolean:
    return v.get<bool>() ? (py ? "True" : "true") : (py ? "False" : "false");
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
  case Json::value_t::number_float:
    return py ? to_python_json(v) : to_js_json(v);
  case Json::value_t::string: {
    const std::string& s = v.get_ref<const std::string&>();
    if (!lookup)
      return string_literal(s, lang);
    auto pieces = split_template(s);
    if (pieces.size() == 1 && pieces[0].reference)
      return template_reference_expr(pieces[0].text, style, *lookup);
    std::string out;
    for (const auto& p : pieces) {
      if (!out.empty())
        out += " + ";
      out += p.reference ? style.text_of + "(" + template_reference_expr(p.text, style, *lookup) + ")"
                         : string_literal(p.text, lang);
    }
    return out.empty() ? string_literal("", lang) : out;
  }
  case Json::value_t::array:
  case Json::value_t::object: {
    bool object = v.is_object();
    std::vector<std::string> items;
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string value = expr(it.value(), style, lookup);
      if (!object) {
        items.push_back(value);
        continue;
      }
      std::string key = string_literal(it.key(), lang);
      if (lang == IdentStyle::JavaScript && it.key() == "__proto__")
        key = "[" + key + "]"; // a plain "__proto__" key would set the prototype instead
      items.push_back(key + ": " + value);
    }
    std::string open = object ? "{" : "[", close = object ? "}" : "]";
    if (items.empty())
      return open + close;
    std::string one_line = open + (object && !py ? " " : "");
    bool multi = false;
    for (size_t k = 0; k < items.size(); ++k) {
      one_line += (k ? ", " : "") + items[k];
      multi = multi || items[k].find('\n') != std::string::npos;
    }
    one_line += (object && !py ? " " : "") + close;
    if (!multi && one_line.size() <= 80)
      return one_line;
    std::string unit = py ? "    " : "  ";
    std::string out = open + "\n";
    for (size_t k = 0; k < items.size(); ++k)
      out += indent_lines(items[k], unit) + (k + 1 < items.size() || !py ? ",\n" : ",\n");
    return out + close;
  }
  default:
    return py ? "None" : "null";
  }
}

} // namespace

std::string value_expr(const Json& value, const ExprStyle& style, const RootLookup& lookup) {
  return expr(value, style, &lookup);
}

std::string literal_expr(const Json& value, IdentStyle lang) {
  return expr(value, ExprStyle{lang, ""}, nullptr);
}

bool is_plain(const Json& value) {
  if (value.is_string())
    return value.get_ref<const std::string&>().find("${") == std::string::npos;
  if (value.is_structured())
    for (const auto& item : value)
      if (!is_plain(item))
        return false;
  return true;
}

} // namespace dp::exporter
