#include "engine/runtime/serdes.hpp"

#include "base/json_text.hpp"

namespace dp::engine::runtime {
namespace {

bool is_python_primitive(const Json& v) {
  if (v.is_null() || v.is_string() || v.is_number() || v.is_boolean())
    return true;
  if (v.is_array()) {
    for (const auto& item : v)
      if (!is_python_primitive(item))
        return false;
    return true;
  }
  return false;
}

Json decode_envelope(const Json& v) {
  if (!v.is_object() || !v.contains("t") || !v.contains("v"))
    return v;
  const std::string tag = v["t"].is_string() ? v["t"].get<std::string>() : "";
  const Json& inner = v["v"];
  if (tag == "m" || tag == "br") {
    Json out = Json::object();
    for (auto it = inner.begin(); it != inner.end(); ++it)
      out[it.key()] = decode_envelope(it.value());
    return out;
  }
  if (tag == "l" || tag == "t") {
    Json out = Json::array();
    for (const auto& item : inner)
      out.push_back(decode_envelope(item));
    return out;
  }
  return inner; // n, s, i, f, b and the extended scalar types (kept as their text)
}

} // namespace

Json python_envelope(const Json& value) {
  switch (value.type()) {
  case Json::value_t::null:
    return Json{{"t", "n"}, {"v", nullptr}};
  case Json::value_t::string:
    return Json{{"t", "s"}, {"v", value}};
  case Json::value_t::boolean:
    return Json{{"t", "b"}, {"v", value}};
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
    return Json{{"t", "i"}, {"v", value}};
  case Json::value_t::number_float:
    return Json{{"t", "f"}, {"v", value}};
  case Json::value_t::array: {
    Json items = Json::array();
    for (const auto& item : value)
      items.push_back(python_envelope(item));
    return Json{{"t", "l"}, {"v", items}};
  }
  case Json::value_t::object: {
    Json members = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it)
      members[it.key()] = python_envelope(it.value());
    return Json{{"t", "m"}, {"v", members}};
  }
  default:
    return Json{{"t", "n"}, {"v", nullptr}};
  }
}

std::string serialize_result(workflow::Flavor flavor, const Json& value) {
  if (flavor == workflow::Flavor::JavaScript)
    return to_js_json(value);
  if (is_python_primitive(value))
    return to_python_json(value, true);
  return to_python_json(python_envelope(value), true);
}

Result<Json> deserialize_result(workflow::Flavor flavor, const std::optional<std::string>& text) {
  if (!text || text->empty())
    return Json(nullptr);
  auto parsed = parse_json(*text);
  if (!parsed.ok())
    return Error{"Result", "stored result is not JSON: " + parsed.error().message};
  if (flavor == workflow::Flavor::Python && !is_python_primitive(*parsed))
    return decode_envelope(*parsed);
  return parsed;
}

std::string serialize_execution_result(workflow::Flavor flavor, const Json& value) {
  return flavor == workflow::Flavor::Python ? to_python_json(value) : to_js_json(value);
}

} // namespace dp::engine::runtime
