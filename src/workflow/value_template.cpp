#include "workflow/value_template.hpp"

#include <cctype>

#include "base/json_text.hpp"

namespace dp::workflow {
namespace {

struct PathPart {
  bool is_index = false;
  std::string key;
  size_t index = 0;
};

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
      parts.push_back({true, "", std::stoul(path.substr(start, i - start))});
      ++i;
    } else {
      return Error{"", "reference \"${" + path + "}\" has an unexpected character '" +
                           std::string(1, path[i]) + "'"};
    }
  }
  return parts;
}

struct Piece {
  bool is_reference = false;
  std::string text; // literal text, or the path inside ${...}
};

Result<std::vector<Piece>> split(const std::string& s) {
  std::vector<Piece> pieces;
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

Result<Json> resolve(const std::string& path, const Scope& scope) {
  auto parts = parse_path(path);
  if (!parts.ok())
    return parts.error();
  const Json* value = scope.find(parts->front().key);
  if (!value)
    return Error{"", "variable '" + parts->front().key + "' is not bound here (in \"${" + path + "}\")"};
  for (size_t k = 1; k < parts->size(); ++k) {
    const PathPart& part = (*parts)[k];
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

} // namespace

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
    auto pieces = split(value_template.get<std::string>());
    if (!pieces.ok())
      return pieces.error();
    for (const auto& p : *pieces) {
      if (!p.is_reference)
        continue;
      auto parts = parse_path(p.text);
      if (!parts.ok())
        return parts.error();
      roots.push_back(parts->front().key);
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

Result<Json> render(const Json& value_template, const Scope& scope) {
  if (value_template.is_string()) {
    auto pieces = split(value_template.get<std::string>());
    if (!pieces.ok())
      return pieces.error();
    if (pieces->size() == 1 && (*pieces)[0].is_reference)
      return resolve((*pieces)[0].text, scope);
    std::string out;
    for (const auto& p : *pieces) {
      if (!p.is_reference) {
        out += p.text;
        continue;
      }
      auto v = resolve(p.text, scope);
      if (!v.ok())
        return v.error();
      out += text_of(*v);
    }
    return Json(out);
  }
  if (value_template.is_array()) {
    Json out = Json::array();
    for (const auto& item : value_template) {
      auto v = render(item, scope);
      if (!v.ok())
        return v.error();
      out.push_back(std::move(*v));
    }
    return out;
  }
  if (value_template.is_object()) {
    Json out = Json::object();
    for (auto it = value_template.begin(); it != value_template.end(); ++it) {
      auto v = render(it.value(), scope);
      if (!v.ok())
        return v.error();
      out[it.key()] = std::move(*v);
    }
    return out;
  }
  return value_template;
}

} // namespace dp::workflow
