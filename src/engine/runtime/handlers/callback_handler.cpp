// create_callback, awaiting a callback's result, and wait_for_callback (durable-semantics.md 5.3, 5.4).
// Results arrive only from outside (SendDurableExecutionCallback*) or the service's timeouts.
#include "engine/runtime/handlers.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine::runtime {
namespace {

bool python(const Invocation& inv) {
  return inv.flavor() == workflow::Flavor::Python;
}

// Starts (or replays) the CALLBACK operation; returns its callback id.
Task<std::optional<std::string>> start_callback(Invocation& inv, const Statement& s, ContextFrame& frame,
                                                const std::optional<std::string>& name) {
  OperationIdentity id = inv.next_id(frame);
  if (!inv.check_identity(id, OperationType::Callback, subtype::kCallback, name, frame)) {
    co_await Invocation::Halt{inv};
  }
  const Operation* op = inv.find(id.id);
  if (op) {
    inv.note_replayed(id.id, name, "create_callback");
  } else {
    auto u =
        inv.make_update(id, frame, OperationType::Callback, subtype::kCallback, name, OperationAction::Start);
    if (s.timeout_seconds > 0)
      u.callback_timeout_seconds = s.timeout_seconds;
    if (s.heartbeat_timeout_seconds > 0)
      u.callback_heartbeat_timeout_seconds = s.heartbeat_timeout_seconds;
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    inv.note_executed(id.id, name, "create_callback");
    if (inv.fault_point(id.id, name, 1, workflow::FaultWhen::AfterCheckpoint)) {
      co_await Invocation::Halt{inv};
    }
    op = inv.find(id.id);
  }
  if (!op || !op->callback_details)
    co_return std::nullopt;
  inv.callback_ops[op->callback_details->callback_id] = id.id;
  co_return op->callback_details->callback_id;
}

// Suspends until the callback is answered or times out, then gives the result or the typed error.
Task<Outcome> await_result(Invocation& inv, const std::string& op_id, bool parse) {
  co_await Invocation::AwaitOperation{inv, &op_id, status_bit(OperationStatus::Started), INT64_MAX};
  DP_HALT_IF_FINISHED(inv);
  const Operation* op = inv.find(op_id);
  if (op->status == OperationStatus::Succeeded) {
    // Both SDKs hand over the raw text the external system sent (pass-through serdes).
    if (!op->callback_details->result)
      // No payload: None in Python; undefined in JS, which JSON cannot hold: a discarded value stands for it.
      co_return Outcome::success(python(inv) ? Json(nullptr) : Json(Json::value_t::discarded));
    std::string raw = *op->callback_details->result;
    if (!parse)
      co_return Outcome::success(Json(raw));
    auto parsed = parse_json(raw.empty() ? "null" : raw);
    if (!parsed.ok())
      co_return Outcome::failure(render_error(python(inv) ? "JSONDecodeError" : "SyntaxError",
                                              "callback result is not JSON: " + parsed.error().message));
    co_return Outcome::success(*parsed);
  }
  if (op->status == OperationStatus::TimedOut)
    co_return Outcome::failure(
        error_from_object(op->callback_details->error, "CallbackTimeoutError", "Callback timed out"));
  // Both SDKs raise CallbackExternalError (JS 2.x: a subclass of CallbackError).
  co_return Outcome::failure(
      error_from_object(op->callback_details->error, "CallbackExternalError", "Callback failed"));
}

} // namespace

Task<Outcome> run_create_callback(Invocation& inv, const Statement& s, ContextFrame& frame) {
  auto callback_id = co_await start_callback(inv, s, frame, s.name);
  if (!callback_id)
    co_return Outcome::failure(render_error("CallbackError", "the service returned no callback id"));
  co_return Outcome::success(Json{{"callback_id", *callback_id}});
}

Task<Outcome> run_await_callback(Invocation& inv, const Statement& s, Scope& scope) {
  const Json* var = scope.find(s.callback_var);
  const Json* id = var ? find_member(*var, "callback_id") : nullptr;
  if (!id || !id->is_string() || !inv.callback_ops.count(id->get<std::string>()))
    co_return Outcome::failure(
        render_error(python(inv) ? "NameError" : "ReferenceError",
                     "in " + s.path + ": '" + s.callback_var + "' is not a callback created earlier"));
  co_return co_await await_result(inv, inv.callback_ops[id->get<std::string>()], s.parse_json);
}

Task<Outcome> run_wait_for_callback(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope) {
  OperationIdentity id = inv.next_id(frame);
  if (!inv.check_identity(id, OperationType::Context, subtype::kWaitForCallback, s.name, frame)) {
    co_await Invocation::Halt{inv};
  }
  const Operation* op = inv.find(id.id);
  if (op && op->status == OperationStatus::Succeeded) {
    inv.note_replayed(id.id, s.name, "wait_for_callback (stored result)");
    auto v = inv.stored_value(op->context_details->result);
    Json value = v.ok() ? *v : Json(nullptr);
    if (!op->context_details->result && !python(inv))
      value = Json(Json::value_t::discarded); // stored without payload: undefined
    if (s.parse_json && value.is_string()) {
      auto parsed = parse_json(value.get<std::string>());
      if (parsed.ok())
        value = *parsed;
    }
    co_return Outcome::success(value);
  }
  if (op && op->status == OperationStatus::Failed) {
    inv.note_replayed(id.id, s.name, "wait_for_callback (stored error)");
    const auto& err = op->context_details->error;
    std::string type = err && err->error_type ? *err->error_type : "CallbackError";
    co_return Outcome::failure(error_from_object(err, type.c_str(), "Callback failed"));
  }
  if (!op) {
    // wait_for_callback runs in a child context: its START is queued, not awaited.
    inv.checkpoint_later(inv.make_update(id, frame, OperationType::Context, subtype::kWaitForCallback, s.name,
                                         OperationAction::Start));
    inv.note_executed(id.id, s.name, "wait_for_callback");
  }
  ContextFrame inner = inv.child_frame(id);
  // Python names the inner operations after the outer one; JavaScript leaves them unnamed (5.4).
  std::string base = s.name.value_or("");
  std::optional<std::string> cb_name, submitter_name;
  if (python(inv)) {
    cb_name = base.empty() ? "create callback id" : base + " create callback id";
    submitter_name = base.empty() ? "submitter" : base + " submitter";
  }
  auto callback_id = co_await start_callback(inv, s, inner, cb_name);
  Outcome outcome = Outcome::failure(render_error("CallbackError", "the service returned no callback id"));
  bool submitter_failed = false;
  if (callback_id) {
    OperationIdentity sub_id = inv.next_id(inner);
    if (!inv.check_identity(sub_id, OperationType::Step, subtype::kStep, submitter_name, inner)) {
      co_await Invocation::Halt{inv};
    }
    Scope sub_scope(&scope);
    sub_scope.bind("callback_id", *callback_id);
    // The JS SDK's submitter step returns nothing, so its SUCCEED carries no payload.
    Outcome submitted =
        co_await run_step_attempts(inv, sub_id, inner, submitter_name, s, s.body, sub_scope, python(inv));
    if (!submitted.ok) {
      // Python raises CallbackSubmitterError inside the context; JS records the step's StepError on the
      // context and maps it to CallbackSubmitterError for the caller (its runInChildContext error mapper).
      if (python(inv))
        submitted.error.type = "CallbackSubmitterError";
      submitter_failed = true;
      outcome = submitted;
    } else {
      outcome = co_await await_result(inv, inv.callback_ops[*callback_id], false);
    }
  }
  if (outcome.ok) {
    auto u = inv.make_update(id, frame, OperationType::Context, subtype::kWaitForCallback, s.name,
                             OperationAction::Succeed);
    // JS: a callback answered without a payload gives undefined, stored as no payload.
    if (!outcome.value.is_discarded()) // JS undefined: no payload
      u.payload = serialize_result(inv.flavor(), outcome.value);
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    if (s.parse_json && outcome.value.is_string()) {
      auto parsed = parse_json(outcome.value.get<std::string>());
      if (!parsed.ok())
        co_return Outcome::failure(render_error(python(inv) ? "JSONDecodeError" : "SyntaxError",
                                                "callback result is not JSON: " + parsed.error().message));
      outcome.value = *parsed;
    }
    co_return outcome;
  }
  auto u = inv.make_update(id, frame, OperationType::Context, subtype::kWaitForCallback, s.name,
                           OperationAction::Fail);
  u.error = outcome.error.to_error_object();
  if (!co_await Invocation::Checkpoint{inv, &u}) {
    co_await Invocation::Halt{inv};
  }
  if (submitter_failed)
    outcome.error.type = "CallbackSubmitterError";
  co_return outcome;
}

} // namespace dp::engine::runtime
