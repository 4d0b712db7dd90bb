// Result serialization as each SDK does it (durable-semantics.md 4.8 and 10): JavaScript stores
// JSON.stringify text; Python's default serdes stores primitives and lists of primitives as compact
// JSON and everything else in a typed envelope {"t": tag, "v": value}.
#pragma once

#include <optional>
#include <string>

#include "base/json.hpp"
#include "base/result.hpp"
#include "workflow/document.hpp"

namespace dp::engine::runtime {

std::string serialize_result(workflow::Flavor flavor, const Json& value);
Result<Json> deserialize_result(workflow::Flavor flavor, const std::optional<std::string>& text);

// The handler's return value as the invocation output's Result (Python json.dumps, JS JSON.stringify).
std::string serialize_execution_result(workflow::Flavor flavor, const Json& value);

// Python's envelope encoding, exposed for tests.
Json python_envelope(const Json& value);

} // namespace dp::engine::runtime
