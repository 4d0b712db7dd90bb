#include "workflow/value_template.hpp"

#include <cctype>
#include <cstdint>

#include "base/json_text.hpp"
#include "base/parse_number.hpp"

namespace dp::workflow {
namespace {

// The largest array index a reference may name: far above any payload the service accepts (6 MB).
constexpr uint64_t kMaxIndex = 99'999'999;

// Parses "payment.amount" or "items[2].sku" into a root name and members.
Result<std::vector<PathPart>> parse_path(const std::string& path) {
  std::vector<PathPart> parts;
  size_t i = 0;
  auto read_name = [&]() -> std::string {
    size_t start = i;
    while (i < path.size() &&
           (std::isalnum(static_cast<unsigned char>(path[i])) || path[i] == '_' || path[i] == '-'))
      ++i;
    return path.substr(start, i - start);
  };
  std::string root = read_name();
  if (root.empty())
    return Error{"", "reference \"${" + path + "}\" must start with a variable name"};
  parts.push_back({false, root, 0});
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      std::string key = read_name();
      if (key.empty())
        return Error{"", "reference \"${" + path + "}\" has an empty member name"};
      parts.push_back({false, key, 0});
    } else if (path[i] == '[') {
      ++i;
      size_t start = i;
      while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i])))
        ++i;
      if (start == i || i >= path.size() || path[i] != ']')
        return Error{"", "reference \"${" + path + "}\" has a malformed index; write items[2]"};
      // An index beyond any real array is refused here, not left to a throwing conversion (issue 14).
      std::optional<uint64_t> index = parse_uint64(std::string_view(path).substr(start, i - start));
      if (!index || *index > kMaxIndex)
        return Error{"",
                     "reference \"${" + path + "}\" has an index larger than " + std::to_string(kMaxIndex)};
      parts.push_back({true, "", static_cast<size_t>(*index)});
      ++i;
    } else {
      std::string hint =
          path[i] == '+' || path[i] == '*' ? " (write arithmetic with spaces: ${state + 1})" : "";
      return Error{"", "reference \"${" + path + "}\" has an unexpected character '" +
                           std::string(1, path[i]) + "'" + hint};
    }
  }
  return parts;
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// "+ 1", "* 2.5", "- 3": the operator and the JSON number after it.
Result<std::pair<char, Json>> parse_arithmetic(const std::string& full, const std::string& rest) {
  auto bad = [&](const std::string& what) {
    return Error{"", "reference \"${" + full + "}\": " + what +
                         "; arithmetic is one operator (+, - or *) and a number, e.g. \"${state + 1}\""};
  };
  size_t i = 0;
  if (rest.empty() || (rest[0] != '+' && rest[0] != '-' && rest[0] != '*'))
    return bad("expected an operator after the variable");
  char op = rest[0];
  i = 1;
  while (i < rest.size() && is_space(rest[i]))
    ++i;
  std::string number = rest.substr(i);
  while (!number.empty() && is_space(number.back()))
    number.pop_back();
  if (number.empty())
    return bad("a number must follow '" + std::string(1, op) + "'");
  Json operand = Json::parse(number, nullptr, false);
  if (operand.is_discarded() || !operand.is_number())
    return bad("\"" + number + "\" is not a number");
  return std::make_pair(op, std::move(operand));
}

// Applies the arithmetic step: integers stay integers (as in Python and JavaScript for these values);
// anything with a fraction is a double. Only numbers take part (Python would raise on a string, JavaScript
// would concatenate: the playground refuses both, naming the reference).
Result<Json> apply_arithmetic(const Reference& ref, const Json& value) {
  if (!value.is_number())
    return Error{"", "\"${" + ref.path + " " + ref.op + " " + json_text(ref.operand) + "}\": " + ref.path +
                         " is " +
                         (value.is_string()    ? "a string"
                          : value.is_boolean() ? "a boolean"
                          : value.is_null()    ? "null"
                          : value.is_array()   ? "an array"
                                               : "an object") +
                         ", not a number"};
  // An unsigned JSON integer above INT64_MAX (18446744073709551615) would wrap in get<int64_t>(): such
  // values take the double path, as they do in JavaScript (issue 14).
  auto fits_int64 = [](const Json& n) {
    return n.is_number_integer() &&
           (!n.is_number_unsigned() || n.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX));
  };
  if (fits_int64(value) && fits_int64(ref.operand)) {
    int64_t a = value.get<int64_t>(), b = ref.operand.get<int64_t>(), r = 0;
    bool overflow = ref.op == '+'   ? __builtin_add_overflow(a, b, &r)
                    : ref.op == '-' ? __builtin_sub_overflow(a, b, &r)
                                    : __builtin_mul_overflow(a, b, &r);
    if (!overflow)
      return Json(r);
  }
  double a = value.get<double>(), b = ref.operand.get<double>();
  return Json(ref.op == '+' ? a + b : ref.op == '-' ? a - b : a * b);
}

} // namespace

Result<std::vector<TemplatePiece>> split_template(const std::string& s) {
  std::vector<TemplatePiece> pieces;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("${", i);
    if (open == std::string::npos) {
      pieces.push_back({false, s.substr(i)});
      break;
    }
    if (open > i)
      pieces.push_back({false, s.substr(i, open - i)});
    size_t close = s.find('}', open + 2);
    if (close == std::string::npos)
      return Error{"", "\"${\" without a closing \"}\" in \"" + s + "\""};
    pieces.push_back({true, s.substr(open + 2, close - open - 2)});
    i = close + 1;
  }
  return pieces;
}

namespace {

Result<Json> resolve_path(const Reference& ref, const Scope& scope) {
  const std::string& path = ref.path;
  const Json* value = scope.find(ref.root);
  if (!value)
    return Error{"", "variable '" + ref.root + "' is not bound here (in \"${" + path + "}\")"};
  for (size_t k = 1; k < ref.parts.size(); ++k) {
    const PathPart& part = ref.parts[k];
    if (part.is_index) {
      if (!value->is_array() || part.index >= value->size())
        return Error{"", "\"${" + path + "}\": no element [" + std::to_string(part.index) + "]"};
      value = &(*value)[part.index];
    } else {
      const Json* member = find_member(*value, part.key);
      if (!member)
        return Error{"", "\"${" + path + "}\": no member '" + part.key + "'"};
      value = member;
    }
  }
  return *value;
}

Result<Json> resolve(const std::string& text, const Scope& scope, FunctionSource* functions) {
  auto ref = parse_reference(text);
  if (!ref.ok())
    return ref.error();
  Result<Json> value = Json();
  if (ref->function == ValueFunction::None)
    value = resolve_path(*ref, scope);
  else if (functions)
    value = functions->call(ref->function);
  else
    value = Error{"", "\"${" + ref->path + "}\" cannot be evaluated here"};
  if (!value.ok() || ref->op == 0)
    return value;
  return apply_arithmetic(*ref, *value);
}

constexpr ValueFunction kFunctions[] = {ValueFunction::Random, ValueFunction::Uuid, ValueFunction::Now};

// "uuid()" -> a call; anything else with a parenthesis is an error that says how calls are written.
Result<ValueFunction> parse_call(const std::string& token) {
  size_t open = token.find('(');
  std::string name = token.substr(0, open);
  for (ValueFunction f : kFunctions) {
    if (name != function_name(f))
      continue;
    if (token.size() == open + 2 && token[open + 1] == ')')
      return f;
    char after = token.size() > open + 2 && token[open + 1] == ')' ? token[open + 2] : 0;
    if (after == '+' || after == '-' || after == '*')
      return Error{"",
                   "\"${" + token + "}\": write arithmetic with spaces: ${" + name + "() " + after + " ...}"};
    return Error{"", "\"${" + token + "}\": " + name + "() takes no arguments and has no members; write ${" +
                         name + "()}"};
  }
  return Error{"", "\"${" + token + "}\": unknown function '" + name +
                       "()'; the functions are random(), uuid() and now()"};
}

} // namespace

const char* function_name(ValueFunction f) {
  switch (f) {
  case ValueFunction::Random:
    return "random";
  case ValueFunction::Uuid:
    return "uuid";
  case ValueFunction::Now:
    return "now";
  case ValueFunction::None:
    break;
  }
  return "";
}

Result<Reference> parse_reference(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin]))
    ++begin;
  while (end > begin && is_space(text[end - 1]))
    --end;
  size_t gap = begin;
  while (gap < end && !is_space(text[gap]))
    ++gap;
  Reference ref;
  ref.path = text.substr(begin, gap - begin);
  if (ref.path.find('(') != std::string::npos) {
    auto call = parse_call(ref.path);
    if (!call.ok())
      return call.error();
    ref.function = *call;
  } else {
    auto parts = parse_path(ref.path);
    if (!parts.ok())
      return parts.error();
    ref.root = parts->front().key;
    ref.parts = std::move(*parts);
  }
  if (gap < end) {
    while (gap < end && is_space(text[gap]))
      ++gap;
    auto arithmetic = parse_arithmetic(text, text.substr(gap, end - gap));
    if (!arithmetic.ok())
      return arithmetic.error();
    ref.op = arithmetic->first;
    ref.operand = std::move(arithmetic->second);
  }
  return ref;
}

const Json* Scope::find(const std::string& name) const {
  auto it = m_vars.find(name);
  if (it != m_vars.end())
    return &it->second;
  return m_parent ? m_parent->find(name) : nullptr;
}

std::string text_of(const Json& value) {
  if (value.is_string())
    return value.get<std::string>();
  return to_js_json(value);
}

Result<std::vector<std::string>> referenced_roots(const Json& value_template) {
  std::vector<std::string> roots;
  if (value_template.is_string()) {
    auto pieces = split_template(value_template.get<std::string>());
    if (!pieces.ok())
      return pieces.error();
    for (const auto& p : *pieces) {
      if (!p.is_reference)
        continue;
      auto ref = parse_reference(p.text);
      if (!ref.ok())
        return ref.error();
      if (ref->function == ValueFunction::None)
        roots.push_back(ref->root);
    }
  } else if (value_template.is_structured()) {
    for (const auto& item : value_template) {
      auto inner = referenced_roots(item);
      if (!inner.ok())
        return inner.error();
      roots.insert(roots.end(), inner->begin(), inner->end());
    }
  }
  return roots;
}

std::vector<ValueFunction> called_functions(const Json& value_template) {
  std::vector<ValueFunction> calls;
  if (value_template.is_string()) {
    auto pieces = split_template(value_template.get<std::string>());
    if (!pieces.ok())
      return calls;
    for (const auto& p : *pieces) {
      if (!p.is_reference)
        continue;
      auto ref = parse_reference(p.text);
      if (ref.ok() && ref->function != ValueFunction::None)
        calls.push_back(ref->function);
    }
  } else if (value_template.is_structured()) {
    for (const auto& item : value_template) {
      auto inner = called_functions(item);
      calls.insert(calls.end(), inner.begin(), inner.end());
    }
  }
  return calls;
}

Result<Json> render(const Json& value_template, const Scope& scope, FunctionSource* functions) {
  if (value_template.is_string()) {
    auto pieces = split_template(value_template.get<std::string>());
    if (!pieces.ok())
      return pieces.error();
    if (pieces->size() == 1 && (*pieces)[0].is_reference)
      return resolve((*pieces)[0].text, scope, functions);
    std::string out;
    for (const auto& p : *pieces) {
      if (!p.is_reference) {
        out += p.text;
        continue;
      }
      auto v = resolve(p.text, scope, functions);
      if (!v.ok())
        return v.error();
      out += text_of(*v);
    }
    return Json(out);
  }
  if (value_template.is_array()) {
    Json out = Json::array();
    for (const auto& item : value_template) {
      auto v = render(item, scope, functions);
      if (!v.ok())
        return v.error();
      out.push_back(std::move(*v));
    }
    return out;
  }
  if (value_template.is_object()) {
    Json out = Json::object();
    for (auto it = value_template.begin(); it != value_template.end(); ++it) {
      auto v = render(it.value(), scope, functions);
      if (!v.ok())
        return v.error();
      out[it.key()] = std::move(*v);
    }
    return out;
  }
  return value_template;
}

} // namespace dp::workflow
