#include "base/json.hpp"

#include <cctype>

namespace dp {
namespace {

// The DOM builder of nlohmann with our own error hook: records where parsing stopped. sax_parse is a
// template on the handler type, so shadowing parse_error is enough.
class LocatingParser : public nlohmann::detail::json_sax_dom_parser<Json> {
public:
  explicit LocatingParser(Json& result) : json_sax_dom_parser(result, false) {}
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    m_position = position;
    m_last_token = last_token;
    m_message = ex.what();
    return json_sax_dom_parser::parse_error(position, last_token, ex);
  }
  std::size_t m_position = 0;
  std::string m_last_token;
  std::string m_message;
};

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 2: ";
// keep only the explanation after the location.
std::string explanation(const std::string& message) {
  auto colon = message.find(": ");
  std::string rest = colon == std::string::npos ? message : message.substr(colon + 2);
  return rest;
}

// The first place where brackets nest deeper than the limit, as "line L, column C", or empty. A linear
// scan before parsing: nlohmann's parser is iterative, but the code that walks values afterwards (the
// loader, the templates, dump()) recurses, and a document nested 10^5 deep overflowed the stack (issue 14).
std::string too_deep(std::string_view text, int limit) {
  int depth = 0, line = 1, column = 1;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit)
        return "line " + std::to_string(line) + ", column " + std::to_string(column);
    } else if (c == ']' || c == '}') {
      --depth;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "";
}

} // namespace

Result<Json> parse_json(std::string_view text) {
  if (std::string where = too_deep(text, kMaxJsonDepth); !where.empty())
    return Error{where, "arrays and objects nest more than " + std::to_string(kMaxJsonDepth) +
                            " levels deep (the playground's limit)"};
  // Fast path: the plain non-throwing parser; the locating one runs only to explain a failure.
  Json fast = Json::parse(text.begin(), text.end(), nullptr, false);
  if (!fast.is_discarded())
    return fast;
  Json result;
  LocatingParser parser(result);
  bool accepted =
      Json::sax_parse(text.begin(), text.end(), &parser, nlohmann::detail::input_format_t::json, true);
  if (accepted && !parser.is_errored())
    return result;
  // Position is the count of bytes read; the offending byte is the last one read.
  size_t stop = parser.m_position == 0 ? 0 : parser.m_position - 1;
  // Point at the start of the offending token ("tru" in `"b": tru`), not past it.
  auto is_boundary = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == '{' || c == '}' ||
           c == '[' || c == ']';
  };
  if (stop < text.size() && is_boundary(text[stop]))
    while (stop > 0 && !is_boundary(text[stop - 1]))
      --stop;
  int line = 1, column = 1;
  for (size_t i = 0; i < stop && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column; // count characters, not UTF-8 continuation bytes
    }
  }
  return Error{"line " + std::to_string(line) + ", column " + std::to_string(column),
               "invalid JSON: " + explanation(parser.m_message)};
}

std::string json_text(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string path_key(const std::string& path, std::string_view key) {
  bool plain = !key.empty() && !std::isdigit(static_cast<unsigned char>(key[0]));
  for (char c : key)
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain)
    return path + "." + std::string(key);
  return path + "[\"" + std::string(key) + "\"]";
}

std::string path_index(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

const Json* find_member(const Json& object, std::string_view key) {
  if (!object.is_object())
    return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

} // namespace dp
