// How a statement ends: normally, with a `return`, or by raising a durable error (no exceptions).
#pragma once

#include <optional>
#include <string>

#include "base/json.hpp"
#include "engine/aws_shapes.hpp"

namespace dp::engine::runtime {

// An error as user code sees it: the SDK's typed error (StepError, CallbackError, ...) or a user error.
struct DurableError {
  std::string type; // ErrorType as serialized: "StepError", "ValidationError", ...
  std::string message;
  std::optional<std::string> data;
  std::optional<ErrorObject> cause; // the stored error a typed wrapper was built from (StepError <- Error)

  ErrorObject to_error_object() const { return ErrorObject{type, message, data, {}}; }
  Json to_json() const { return Json{{"type", type}, {"message", message}}; } // what error_as binds
};

struct Flow {
  enum class Kind { Normal, Return, Raise };
  Kind kind = Kind::Normal;
  Json value;         // Return
  DurableError error; // Raise

  static Flow normal() { return Flow{}; }
  static Flow returned(Json v) { return Flow{Kind::Return, std::move(v), {}}; }
  static Flow raised(DurableError e) { return Flow{Kind::Raise, Json(), std::move(e)}; }
  bool is_raise() const { return kind == Kind::Raise; }
};

// The result of a durable call: a value or an error.
struct Outcome {
  bool ok = true;
  Json value;
  DurableError error;
  static Outcome success(Json v) { return Outcome{true, std::move(v), {}}; }
  static Outcome failure(DurableError e) { return Outcome{false, Json(), std::move(e)}; }
};

} // namespace dp::engine::runtime
