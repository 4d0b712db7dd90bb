// [SECTION] index: code writer · escaping · identifiers · values and templates as expressions
#include "export/emit.hpp"

#include <algorithm>
#include <cstdio>

#include "base/json_text.hpp"
#include "base/utf8.hpp"
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

void CodeWriter::mark_body(const std::string& path, int first) {
  m_marks.push_back({.path = path, .body_first_line = first, .body_last_line = std::max(first, m_lines)});
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

std::string py_docstring_text(std::string_view text) {
  std::string out;
  for (char32_t cp : utf8_code_points(text)) {
    if (cp == '\\' || cp == '"')
      out += '\\', out += static_cast<char>(cp);
    else if (cp == '\n' || cp == '\r' || cp == '\t')
      out += ' ';
    else if (cp < 0x20 || cp >= 0x7F)
      out += cp < 0x10000 ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8);
    else
      out += static_cast<char>(cp);
  }
  return out;
}

std::string markdown_text(std::string_view text) {
  // Inline syntax anywhere (code, emphasis, links, HTML, headings, tables, strikethrough, entities); list
  // and block markers only where a line starts ("- x", "+ x", "= x", "1. x", "1) x").
  static constexpr std::string_view kInline = "\\`*_{}[]<>#!|~&";
  std::string out;
  std::vector<char32_t> cps = utf8_code_points(text);
  size_t digits = 0;
  while (digits < cps.size() && cps[digits] >= '0' && cps[digits] <= '9')
    ++digits;
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t cp = cps[i];
    bool at_start = i == 0 && (cp == '-' || cp == '+' || cp == '=');
    bool list_number = digits > 0 && i == digits && (cp == '.' || cp == ')');
    if (cp == '\n' || cp == '\r' || cp == '\t' || cp < 0x20 || cp == 0x7F)
      out += ' ';
    else if (at_start || list_number ||
             (cp < 0x80 && kInline.find(static_cast<char>(cp)) != std::string_view::npos))
      out += '\\', out += static_cast<char>(cp);
    else
      append_utf8(out, cp);
  }
  return out;
}

std::string shell_word(std::string_view text) {
  static constexpr std::string_view kSafe = "_.:/@%+=,-";
  bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kSafe.find(c) != std::string_view::npos;
  });
  if (plain)
    return std::string(text);
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
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

std::string make_identifier(std::string_view name, IdentStyle style,
                            const std::function<bool(const std::string&)>& in_use) {
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
  for (int n = 2; in_use(candidate); ++n)
    candidate = base + "_" + std::to_string(n);
  return candidate;
}

std::string make_identifier(std::string_view name, IdentStyle style, std::set<std::string>& taken) {
  std::string id = make_identifier(name, style, [&](const std::string& c) { return taken.count(c) > 0; });
  taken.insert(id);
  return id;
}

std::string snake_case(std::string_view name) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!upper(c)) {
      out += c;
      continue;
    }
    // A word starts at an upper-case letter after a lower-case one ("orderId") or at the last capital of
    // an acronym followed by lower case ("HTTPStatus").
    bool starts_word = i > 0 && (lower_or_digit(name[i - 1]) || (upper(name[i - 1]) && i + 1 < name.size() &&
                                                                 name[i + 1] >= 'a' && name[i + 1] <= 'z'));
    if (starts_word && !out.empty() && out.back() != '_')
      out += '_';
    out += static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string camel_case(std::string_view name) {
  std::string out;
  bool up = false;
  for (char c : name) {
    if (c == '_' && !out.empty() && out.find_first_not_of('_') != std::string::npos) {
      up = true; // leading underscores stay; "a_b" -> "aB"
      continue;
    }
    if (up && c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
    else if (up && !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      out += '_'; // "a_-b": the underscore was no word break
    up = false;
    out += c;
  }
  if (up)
    out += '_';
  return out;
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

// A parsed reference as an access expression on its root's expression ("payment.amount" ->
// payment.amount / payment["amount"], "items[2]" -> items[2]), then its arithmetic step if any ("state + 1");
// both languages write + - * on numbers the same way.
std::string reference_expr(const workflow::Reference& ref, const ExprStyle& style, const RootLookup& lookup,
                           const MemberLookup* member) {
  if (ref.function != workflow::ValueFunction::None) {
    // Evaluated where the generated code stands: in the handler on every invocation, in a step function
    // only when the body runs (workflow-format.md "Values outside steps").
    bool py = style.lang == IdentStyle::Python;
    std::string call =
        ref.function == workflow::ValueFunction::Random ? (py ? "random.random()" : "Math.random()")
        : ref.function == workflow::ValueFunction::Uuid ? (py ? "str(uuid.uuid4())" : "crypto.randomUUID()")
                                                        : (py ? "int(time.time() * 1000)" : "Date.now()");
    if (ref.op != 0)
      call += std::string(" ") + ref.op + " " + literal_expr(ref.operand, style.lang);
    return call;
  }
  size_t k = 1;
  std::optional<std::string> base;
  if (member && ref.parts.size() > 1 && !ref.parts[1].is_index)
    if ((base = (*member)(ref.root, ref.parts[1].key)))
      k = 2;
  if (!base)
    base = lookup(ref.root);
  std::string out = base ? *base : (style.lang == IdentStyle::Python ? "None" : "undefined");
  for (; k < ref.parts.size(); ++k) {
    const workflow::PathPart& part = ref.parts[k];
    if (part.is_index)
      out += "[" + std::to_string(part.index) + "]";
    else if (style.lang == IdentStyle::JavaScript && js_identifier_name(part.key))
      out += "." + part.key;
    else
      out += "[" + string_literal(part.key, style.lang) + "]";
  }
  if (ref.op != 0)
    out += std::string(" ") + ref.op + " " + literal_expr(ref.operand, style.lang);
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

std::string expr(const Json& v, const ExprStyle& style, const RootLookup* lookup,
                 const MemberLookup* member = nullptr) {
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
    // The loader accepted the document, so every template parses; a string that does not is plain text.
    auto pieces = workflow::split_template(s);
    if (!pieces.ok())
      return string_literal(s, lang);
    std::vector<std::optional<workflow::Reference>> refs;
    for (const auto& p : *pieces) {
      if (!p.is_reference) {
        refs.emplace_back();
        continue;
      }
      auto ref = workflow::parse_reference(p.text);
      if (!ref.ok())
        return string_literal(s, lang);
      refs.emplace_back(std::move(*ref));
    }
    if (pieces->size() == 1 && refs[0])
      return reference_expr(*refs[0], style, *lookup, member);
    std::string out;
    for (size_t k = 0; k < pieces->size(); ++k) {
      if (!out.empty())
        out += " + ";
      out += refs[k] ? style.text_of + "(" + reference_expr(*refs[k], style, *lookup, member) + ")"
                     : string_literal((*pieces)[k].text, lang);
    }
    return out.empty() ? string_literal("", lang) : out;
  }
  case Json::value_t::array:
  case Json::value_t::object: {
    bool object = v.is_object();
    std::vector<std::string> items;
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string value = expr(it.value(), style, lookup, member);
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

std::string value_expr(const Json& value, const ExprStyle& style, const RootLookup& lookup,
                       const MemberLookup& member) {
  return expr(value, style, &lookup, &member);
}

namespace {
void collect_references(const Json& v, std::vector<workflow::Reference>& out) {
  if (v.is_structured()) {
    for (const auto& item : v)
      collect_references(item, out);
    return;
  }
  if (!v.is_string())
    return;
  auto pieces = workflow::split_template(v.get_ref<const std::string&>());
  if (!pieces.ok())
    return;
  for (const auto& p : *pieces)
    if (p.is_reference)
      if (auto ref = workflow::parse_reference(p.text); ref.ok())
        out.push_back(std::move(*ref));
}
} // namespace

std::vector<workflow::Reference> template_references(const Json& value) {
  std::vector<workflow::Reference> out;
  collect_references(value, out);
  return out;
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
