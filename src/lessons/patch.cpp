// A JSON Patch subset (RFC 6902: add, remove, replace, move, copy) for lesson solutions that edit the
// workflow
// ("make process_payment at most once": replace /handler/1/semantics). nlohmann's own patch() throws on a
// bad pointer, and our code runs without exceptions, so the pointers are walked here.
#include <string>
#include <vector>

#include "lessons/lesson.hpp"

namespace dp::lessons {
namespace {

// "/handler/1/semantics" -> ["handler", "1", "semantics"], with ~1 and ~0 unescaped.
Result<std::vector<std::string>> split_pointer(const std::string& pointer) {
  std::vector<std::string> out;
  if (pointer.empty())
    return out;
  if (pointer[0] != '/')
    return Error{pointer, "a JSON pointer starts with /"};
  std::string token;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      out.push_back(token);
      token.clear();
    } else if (pointer[i] == '~' && i + 1 < pointer.size() &&
               (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      token += pointer[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      token += pointer[i];
    }
  }
  return out;
}

bool array_index(const std::string& token, size_t size, bool allow_end, size_t& out) {
  if (allow_end && token == "-") {
    out = size;
    return true;
  }
  if (token.empty() || token.size() > 9)
    return false;
  for (char c : token)
    if (c < '0' || c > '9')
      return false;
  if (token.size() > 1 && token[0] == '0')
    return false;
  out = static_cast<size_t>(std::stoul(token));
  return allow_end ? out <= size : out < size;
}

// The value a pointer names, or null when it names nothing.
const Json* resolve(const Json& doc, const std::vector<std::string>& tokens) {
  const Json* cur = &doc;
  for (const auto& t : tokens) {
    size_t index = 0;
    if (cur->is_object() && cur->contains(t))
      cur = &(*cur)[t];
    else if (cur->is_array() && array_index(t, cur->size(), false, index))
      cur = &(*cur)[index];
    else
      return nullptr;
  }
  return cur;
}

Status apply_one(Json& doc, const Json& op, const std::string& where);

// move and copy: an add of the value at "from" (after removing it, for move).
Status apply_from(Json& doc, const Json& op, const std::string& where) {
  std::string kind = op["op"].get<std::string>();
  const Json* from_json = find_member(op, "from");
  if (!from_json || !from_json->is_string())
    return Error{where, kind + " needs \"from\": a JSON pointer"};
  auto from = split_pointer(from_json->get<std::string>());
  if (!from.ok())
    return Error{where, from.error().message};
  const Json* value = resolve(doc, *from);
  if (!value)
    return Error{where, "the path " + from_json->get<std::string>() + " does not exist"};
  Json moved = *value;
  if (kind == "move") {
    if (auto st = apply_one(doc, Json{{"op", "remove"}, {"path", *from_json}}, where); !st.ok())
      return st;
  }
  return apply_one(doc, Json{{"op", "add"}, {"path", op["path"]}, {"value", std::move(moved)}}, where);
}

Status apply_one(Json& doc, const Json& op, const std::string& where) {
  std::string kind = op["op"].get<std::string>();
  std::string pointer = op["path"].get<std::string>();
  if (kind == "move" || kind == "copy")
    return apply_from(doc, op, where);
  if (kind != "add" && kind != "remove" && kind != "replace")
    return Error{where, "unsupported op '" + kind + "' (add, remove, replace, move or copy)"};
  if ((kind == "add" || kind == "replace") && !op.contains("value"))
    return Error{where, kind + " needs a value"};
  auto tokens = split_pointer(pointer);
  if (!tokens.ok())
    return Error{where, tokens.error().message};
  if (tokens->empty()) {
    if (kind == "remove")
      return Error{where, "cannot remove the whole document"};
    doc = op["value"];
    return ok_status();
  }
  Json* parent = &doc;
  for (size_t i = 0; i + 1 < tokens->size(); ++i) {
    const std::string& t = (*tokens)[i];
    size_t index = 0;
    if (parent->is_object() && parent->contains(t))
      parent = &(*parent)[t];
    else if (parent->is_array() && array_index(t, parent->size(), false, index))
      parent = &(*parent)[index];
    else
      return Error{where, "the path " + pointer + " does not exist (no '" + t + "')"};
  }
  const std::string& last = tokens->back();
  if (parent->is_object()) {
    bool has = parent->contains(last);
    if (kind != "add" && !has)
      return Error{where, "the path " + pointer + " does not exist"};
    if (kind == "remove")
      parent->erase(last);
    else
      (*parent)[last] = op["value"];
    return ok_status();
  }
  if (parent->is_array()) {
    size_t index = 0;
    if (!array_index(last, parent->size(), kind == "add", index))
      return Error{where, "the path " + pointer + " is not an index of the list"};
    if (kind == "add")
      parent->insert(parent->begin() + static_cast<std::ptrdiff_t>(index), op["value"]);
    else if (kind == "remove")
      parent->erase(static_cast<size_t>(index));
    else
      (*parent)[index] = op["value"];
    return ok_status();
  }
  return Error{where, "the path " + pointer + " goes through a value that is neither an object nor a list"};
}

} // namespace

Result<Json> apply_patch(const Json& target, const Json& patch) {
  if (!patch.is_array())
    return Error{"$", "a patch is a list of operations"};
  Json doc = target;
  for (size_t i = 0; i < patch.size(); ++i) {
    std::string where = path_index("$", i);
    const Json& op = patch[i];
    if (!op.is_object() || !op.contains("op") || !op["op"].is_string() || !op.contains("path") ||
        !op["path"].is_string())
      return Error{where, "expected {\"op\", \"path\", \"value\"}"};
    if (auto st = apply_one(doc, op, where); !st.ok())
      return st.error();
  }
  return doc;
}

} // namespace dp::lessons
