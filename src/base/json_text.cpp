#include "base/json_text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dp {
namespace {

void append_hex4(std::string& out, unsigned value) {
  static const char* hex = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4)
    out += hex[(value >> shift) & 0xF];
}

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i. Invalid bytes map to U+FFFD.
unsigned next_code_point(const std::string& s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra <= 0 || i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  unsigned cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k <= extra; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += extra + 1;
  return cp;
}

void append_string(std::string& out, const std::string& s, bool ascii_only) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
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
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20)
          append_hex4(out, c);
        else
          out += static_cast<char>(c);
      }
      continue;
    }
    size_t start = i;
    unsigned cp = next_code_point(s, i);
    if (!ascii_only) {
      out.append(s, start, i - start);
    } else if (cp >= 0x10000) {
      cp -= 0x10000;
      append_hex4(out, 0xD800 + (cp >> 10));
      append_hex4(out, 0xDC00 + (cp & 0x3FF));
    } else {
      append_hex4(out, cp);
    }
  }
  out += '"';
}

enum class Style { JavaScript, Python, PythonCompact };

std::string format_float(double v, Style style) {
  if (!std::isfinite(v))
    return style == Style::JavaScript ? "null" : (std::isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity"));
  if (v == 0)
    return style == Style::JavaScript ? "0" : (std::signbit(v) ? "-0.0" : "0.0");
  DecimalDigits d = shortest_digits(v);
  int n = static_cast<int>(d.digits.size());
  int k = d.exponent; // value = 0.digits * 10^k, i.e. decimal point after k digits
  // Scientific when the exponent is out of each language's fixed-notation window.
  int sci_exp = k - 1; // exponent in d.ddd e sci_exp form
  bool scientific =
      style == Style::JavaScript ? (sci_exp >= 21 || sci_exp < -6) : (sci_exp >= 16 || sci_exp < -4);
  std::string out = d.negative ? "-" : "";
  if (scientific) {
    out += d.digits[0];
    if (n > 1) {
      out += '.';
      out.append(d.digits, 1, std::string::npos);
    }
    out += 'e';
    out += sci_exp < 0 ? '-' : '+';
    std::string e = std::to_string(std::abs(sci_exp));
    if (style != Style::JavaScript && e.size() < 2)
      e = "0" + e; // Python pads the exponent to two digits: 1e-05
    out += e;
    return out;
  }
  if (k <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-k), '0');
    out += d.digits;
  } else if (k >= n) {
    out += d.digits;
    out.append(static_cast<size_t>(k - n), '0');
    if (style != Style::JavaScript)
      out += ".0";
  } else {
    out.append(d.digits, 0, static_cast<size_t>(k));
    out += '.';
    out.append(d.digits, static_cast<size_t>(k), std::string::npos);
  }
  return out;
}

void append_value(std::string& out, const Json& v, Style style) {
  bool py = style != Style::JavaScript;
  const char* item_sep = style == Style::Python ? ", " : ",";
  const char* key_sep = style == Style::Python ? ": " : ":";
  switch (v.type()) {
  case Json::value_t::null:
  case Json::value_t::discarded:
    out += "null";
    break;
  case Json::value_t::boolean:
    out += v.get_ref<const Json::boolean_t&>() ? "true" : "false";
    break;
  case Json::value_t::number_integer:
    out += std::to_string(v.get_ref<const Json::number_integer_t&>());
    break;
  case Json::value_t::number_unsigned:
    out += std::to_string(v.get_ref<const Json::number_unsigned_t&>());
    break;
  case Json::value_t::number_float:
    out += format_float(v.get_ref<const Json::number_float_t&>(), style);
    break;
  case Json::value_t::string:
    append_string(out, v.get_ref<const Json::string_t&>(), py);
    break;
  case Json::value_t::array: {
    out += '[';
    bool first = true;
    for (const auto& item : v) {
      if (!first)
        out += item_sep;
      first = false;
      append_value(out, item, style);
    }
    out += ']';
    break;
  }
  case Json::value_t::object: {
    out += '{';
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first)
        out += item_sep;
      first = false;
      append_string(out, it.key(), py);
      out += key_sep;
      append_value(out, it.value(), style);
    }
    out += '}';
    break;
  }
  case Json::value_t::binary:
    out += "null";
    break;
  }
}

} // namespace

DecimalDigits shortest_digits(double value) {
  DecimalDigits d;
  d.negative = std::signbit(value);
  double a = std::fabs(value);
  char buf[40];
  // The shortest precision whose %e form reads back as the same double (what repr and JS both use).
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, a);
    if (std::strtod(buf, nullptr) == a)
      break;
  }
  // buf is "D.DDDDe+XX" or "De+XX".
  std::string s(buf);
  auto e = s.find('e');
  std::string mantissa = s.substr(0, e);
  int exp10 = std::atoi(s.c_str() + e + 1);
  for (char c : mantissa)
    if (c != '.')
      d.digits += c;
  while (d.digits.size() > 1 && d.digits.back() == '0')
    d.digits.pop_back();
  d.exponent = exp10 + 1;
  return d;
}

std::string to_js_json(const Json& value) {
  std::string out;
  append_value(out, value, Style::JavaScript);
  return out;
}

std::string to_python_json(const Json& value, bool compact) {
  std::string out;
  append_value(out, value, compact ? Style::PythonCompact : Style::Python);
  return out;
}

} // namespace dp
