// The one adapter over nlohmann/json (used without exceptions): values are ordered_json, so objects
// keep their insertion order as Python dicts and JavaScript objects do. Parse errors carry line:col.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace dp {

using Json = nlohmann::ordered_json;

// The deepest nesting of arrays and objects parse_json accepts: far above real payloads, low enough that
// every recursive walk of a value stays within the stack (natively, under ASan and in the page).
constexpr int kMaxJsonDepth = 200;

// Parses JSON text (nesting at most kMaxJsonDepth). On error the Error's `where` is "line L, column C"
// (1-based) and the message says what the parser expected.
Result<Json> parse_json(std::string_view text);

// The JSON text of a value: compact (indent -1) or indented by `indent` spaces. A string holding invalid
// UTF-8 (a SAM database's text, an HCL snippet, a file name) is written with U+FFFD in place of the bad
// bytes, as Go's and JavaScript's encoders do; nlohmann's dump() would throw, and without exceptions abort.
// Use this instead of dump() everywhere.
std::string json_text(const Json& value, int indent = -1);

// Appends a key or an index to a JSON path: "$.handler" + "step" -> "$.handler.step"; + 2 -> "$.handler[2]".
std::string path_key(const std::string& path, std::string_view key);
std::string path_index(const std::string& path, size_t index);

// Typed, non-throwing lookups.
const Json* find_member(const Json& object, std::string_view key);

} // namespace dp
