// Reference texts come from traversal_text (parser.cpp) and from the evaluator's splats: TYPE.NAME, then an
// optional instance key written [KEY] or as a legacy .N step, then the attribute path.
#include "terraform/reference.hpp"

namespace dp::tf {
namespace {

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The identifier starting at `pos`, advancing past it.
std::string_view identifier(std::string_view text, size_t& pos) {
  size_t start = pos;
  while (pos < text.size() && identifier_char(text[pos]))
    ++pos;
  return text.substr(start, pos - start);
}

} // namespace

bool looks_like_resource_type(std::string_view s) {
  if (s.find('_') == std::string_view::npos)
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

std::optional<ResourceReference> parse_resource_reference(std::string_view text) {
  ResourceReference r;
  size_t pos = 0;
  if (text.rfind("data.", 0) == 0) {
    r.data = true;
    pos = 5;
  }
  r.type = std::string(identifier(text, pos));
  if (!looks_like_resource_type(r.type) || pos >= text.size() || text[pos] != '.')
    return std::nullopt;
  ++pos;
  r.name = std::string(identifier(text, pos));
  if (r.name.empty())
    return std::nullopt;
  if (pos + 1 < text.size() && text[pos] == '[') {
    // a quoted key may hold "]": find the bracket that closes it
    bool quoted = text[pos + 1] == '"';
    size_t close = quoted ? text.find("\"]", pos + 2) : text.find(']', pos);
    if (close == std::string_view::npos)
      return std::nullopt;
    if (quoted)
      ++close;
    r.instance = std::string(text.substr(pos + 1, close - pos - 1));
    pos = close + 1;
  } else if (pos + 1 < text.size() && text[pos] == '.') {
    // a legacy index step: aws_iam_role.r.0.arn
    size_t after = pos + 1;
    std::string_view step = identifier(text, after);
    if (digits(step)) {
      r.instance = std::string(step);
      pos = after;
    }
  }
  if (pos < text.size()) {
    if (text[pos] != '.')
      return std::nullopt;
    r.attribute = std::string(text.substr(pos + 1));
  }
  return r;
}

bool may_be_same_instance(std::string_view a, std::string_view b) {
  if (a == ".." || b == ".." || a == "*" || b == "*")
    return true;
  if (a.empty() != b.empty())
    return true; // one side has no key: an error Terraform reports, not ours to judge
  return a == b;
}

bool same_instance(std::string_view a, std::string_view b) {
  return a == b && a != ".." && a != "*";
}

std::string splat_element(std::string_view text, std::string_view key) {
  auto ref = parse_resource_reference(text);
  if (!ref || ref->instance != "*")
    return {};
  return (ref->data ? "data." : "") + ref->type + "." + ref->name + "[" + std::string(key) + "]" +
         (ref->attribute.empty() ? "" : "." + ref->attribute);
}

} // namespace dp::tf
