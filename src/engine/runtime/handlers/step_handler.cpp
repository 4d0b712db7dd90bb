// context.step (durable-semantics.md 4.5-4.7): attempts, retry strategy, at-least-once vs at-most-once
// with StepInterruptedError, replay of stored results and errors, and the fault points of a step body.
#include "base/json_text.hpp"
#include "engine/runtime/draws.hpp"
#include "engine/runtime/handlers.hpp"
#include "engine/runtime/retry.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine::runtime {

DurableError error_from_object(const std::optional<ErrorObject>& e, const char* fallback_type,
                               const char* fallback_message) {
  DurableError d;
  d.type = fallback_type;
  d.message = e && e->error_message ? *e->error_message : fallback_message;
  if (e) {
    d.data = e->error_data;
    d.cause = e;
  }
  return d;
}

ErrorObject error_object_of(const workflow::ErrorSpec& spec, const std::string& rendered_message) {
  ErrorObject e{spec.type, rendered_message, std::nullopt, {}};
  if (spec.data)
    e.error_data = to_js_json(*spec.data);
  return e;
}

// Which error, if any, a simulated body throws on this attempt.
const workflow::ThrowSpec* throw_for(const std::vector<workflow::ThrowSpec>& throws, int attempt) {
  for (const auto& t : throws) {
    if (t.all_attempts)
      return &t;
    for (int a : t.attempts)
      if (a == attempt)
        return &t;
  }
  return nullptr;
}

Task<Outcome> run_step_attempts(Invocation& inv, const OperationIdentity& id, ContextFrame& frame,
                                const std::optional<std::string>& name, const Statement& s,
                                const workflow::StepBody& body, Scope& scope, bool store_result) {
  const char* sub = subtype::kStep;
  bool at_most_once = s.semantics == workflow::StepSemantics::AtMostOncePerRetry;
  for (;;) {
    const Operation* op = inv.find(id.id);
    if (op && op->status == OperationStatus::Succeeded) {
      inv.note_replayed(id.id, name, "step (stored result)");
      auto value = inv.stored_value(op->step_details ? op->step_details->result : std::nullopt);
      co_return value.ok() ? Outcome::success(*value)
                           : Outcome::failure(render_error("SerDesError", value.error().message));
    }
    if (op && op->status == OperationStatus::Failed) {
      inv.note_replayed(id.id, name, "step (stored error)");
      co_return Outcome::failure(error_from_object(op->step_details ? op->step_details->error : std::nullopt,
                                                   "StepError", "Step failed"));
    }
    if (op && op->status == OperationStatus::Pending) {
      // A retry is scheduled: wait for the service to make the step READY.
      co_await Invocation::AwaitOperation{inv, &id.id, status_bit(OperationStatus::Pending),
                                          op->step_details->next_attempt_timestamp.value_or(INT64_MAX)};
      DP_HALT_IF_FINISHED(inv);
      continue;
    }
    int attempt = (op && op->step_details ? op->step_details->attempt : 0) + 1;
    std::optional<ErrorObject> failure;
    Json value;
    if (op && op->status == OperationStatus::Started && at_most_once) {
      // The START reached the service but no outcome did: the body may or may not have run (4.5).
      inv.note_replayed(id.id, name, "step interrupted (at-most-once): the body is not run again");
      std::string message = inv.flavor() == workflow::Flavor::Python
                                ? "Step operation_id=" + id.id + " name=" + name.value_or("None") +
                                      " was previously interrupted"
                                : "The step execution process was initiated but failed to reach completion "
                                  "due to an interruption.";
      failure = ErrorObject{"StepInterruptedError", message, std::nullopt, {}};
    } else {
      if (!op || op->status == OperationStatus::Ready) {
        // At-most-once awaits its START before the body runs; at-least-once only queues it (step-handler.ts
        // executeStepLogic; Python's step START is sync only for AtMostOncePerRetry, sdk-python#104).
        auto start = inv.make_update(id, frame, OperationType::Step, sub, name, OperationAction::Start);
        if (!at_most_once)
          inv.checkpoint_later(std::move(start));
        else if (!co_await Invocation::Checkpoint{inv, &start}) {
          co_await Invocation::Halt{inv};
        }
      }
      inv.note_executed(id.id, name,
                        op && op->status == OperationStatus::Started ? "step (re-run after interruption)"
                                                                     : "step");
      if (inv.fault_point(id.id, name, attempt, workflow::FaultWhen::BeforeBody)) {
        co_await Invocation::Halt{inv};
      }
      if (body.duration_ms > 0)
        co_await Invocation::Sleep{inv, inv.now() + body.duration_ms};
      Scope body_scope(&scope);
      body_scope.bind("attempt", attempt);
      // Inside the body: drawn when the body runs; the checkpoint keeps the result for every replay.
      ValueDraws draws(inv, body_key(inv, id.id, attempt));
      if (const workflow::ThrowSpec* t = throw_for(body.throws, attempt)) {
        auto message = workflow::render(Json(t->error.message), body_scope, &draws);
        failure = error_object_of(t->error, message.ok() && message->is_string() ? message->get<std::string>()
                                                                                 : t->error.message);
      } else {
        auto rendered = workflow::render(body.returns, body_scope, &draws);
        if (!rendered.ok())
          failure = ErrorObject{inv.flavor() == workflow::Flavor::Python ? "NameError" : "ReferenceError",
                                "in " + s.path + ": " + rendered.error().message,
                                std::nullopt,
                                {}};
        else
          value = *rendered;
      }
      Json side{{"Attempt", attempt}};
      if (!s.side_effect.empty())
        side["SideEffect"] = s.side_effect;
      if (draws.called())
        side["Calls"] = draws.calls();
      inv.emit(TraceKind::StepBodyRan, id.id, name.value_or(""),
               s.side_effect.empty() ? "step body ran" : "step body ran: " + s.side_effect, side);
      if (inv.fault_point(id.id, name, attempt, workflow::FaultWhen::AfterBody)) {
        co_await Invocation::Halt{inv};
      }
    }
    if (!failure) {
      std::string payload = serialize_result(inv.flavor(), value);
      auto u = inv.make_update(id, frame, OperationType::Step, sub, name, OperationAction::Succeed);
      if (store_result)
        u.payload = payload;
      else
        payload.clear();
      if (!co_await Invocation::Checkpoint{inv, &u}) {
        co_await Invocation::Halt{inv};
      }
      if (inv.fault_point(id.id, name, attempt, workflow::FaultWhen::AfterCheckpoint)) {
        co_await Invocation::Halt{inv};
      }
      auto round_trip = inv.stored_value(payload); // first run and replay see the same value
      co_return Outcome::success(round_trip.ok() ? *round_trip : value);
    }
    RetryDecision decision =
        decide_retry(inv.flavor(), s, failure->error_type.value_or(""), attempt, inv.seed(), id.id);
    auto u = inv.make_update(id, frame, OperationType::Step, sub, name,
                             decision.retry ? OperationAction::Retry : OperationAction::Fail);
    u.error = failure;
    if (decision.retry)
      u.next_attempt_delay_seconds = decision.delay_seconds;
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    if (inv.fault_point(id.id, name, attempt, workflow::FaultWhen::AfterCheckpoint)) {
      co_await Invocation::Halt{inv};
    }
    if (!decision.retry)
      co_return Outcome::failure(error_from_object(failure, "StepError", "Step failed"));
  }
}

Task<Outcome> run_step(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope) {
  OperationIdentity id = inv.next_id(frame);
  if (!inv.check_identity(id, OperationType::Step, subtype::kStep, s.name, frame)) {
    co_await Invocation::Halt{inv};
  }
  co_return co_await run_step_attempts(inv, id, frame, s.name, s, s.body, scope);
}

} // namespace dp::engine::runtime
