// context.wait_for_condition (durable-semantics.md 5.8): one STEP (WaitForCondition) whose every check is
// an attempt; "continue" is a RETRY carrying the state, "done" a SUCCEED, exhaustion a FAIL.
#include "engine/runtime/draws.hpp"
#include "engine/runtime/handlers.hpp"
#include "engine/runtime/retry.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine::runtime {

Task<Outcome> run_wait_for_condition(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope) {
  OperationIdentity id = inv.next_id(frame);
  const char* sub = subtype::kWaitForCondition;
  if (!inv.check_identity(id, OperationType::Step, sub, s.name, frame)) {
    co_await Invocation::Halt{inv};
  }
  bool python = inv.flavor() == workflow::Flavor::Python;
  for (;;) {
    const Operation* op = inv.find(id.id);
    if (op && op->status == OperationStatus::Succeeded) {
      inv.note_replayed(id.id, s.name, "wait_for_condition (stored state)");
      auto v = inv.stored_value(op->step_details->result);
      co_return Outcome::success(v.ok() ? *v : Json(nullptr));
    }
    if (op && op->status == OperationStatus::Failed) {
      inv.note_replayed(id.id, s.name, "wait_for_condition (stored error)");
      co_return Outcome::failure(error_from_object(op->step_details->error,
                                                   python ? "WaitForConditionError" : "StepError",
                                                   "wait_for_condition failed"));
    }
    if (op && op->status == OperationStatus::Pending) {
      co_await Invocation::AwaitOperation{inv, &id.id, status_bit(OperationStatus::Pending),
                                          op->step_details->next_attempt_timestamp.value_or(INT64_MAX)};
      DP_HALT_IF_FINISHED(inv);
      continue;
    }
    int attempt = (op && op->step_details ? op->step_details->attempt : 0) + 1;
    Json state;
    if (op && op->step_details && op->step_details->result) {
      auto v = inv.stored_value(op->step_details->result);
      state = v.ok() ? *v : Json(nullptr);
    } else {
      // The initial state is an argument computed by the handler's own code, outside the check.
      ValueDraws draws(inv, outside_key(inv, frame, s));
      auto v = workflow::render(s.initial_state, scope, &draws);
      if (!v.ok())
        co_return Outcome::failure(
            render_error(python ? "NameError" : "ReferenceError", "in " + s.path + ": " + v.error().message));
      trace_outside_value(inv, s, draws, nullptr);
      state = *v;
    }
    if (!op || op->status == OperationStatus::Ready) {
      // Queued, not awaited (wait-for-condition-handler.ts; sdk-python#104).
      inv.checkpoint_later(
          inv.make_update(id, frame, OperationType::Step, sub, s.name, OperationAction::Start));
    }
    inv.note_executed(id.id, s.name, "wait_for_condition check");
    if (inv.fault_point(id.id, s.name, attempt, workflow::FaultWhen::BeforeBody)) {
      co_await Invocation::Halt{inv};
    }
    Scope check_scope(&scope);
    check_scope.bind("state", state);
    check_scope.bind("attempt", attempt);
    // The check is the operation's body: its draws are kept by the checkpoint (the state it returns).
    ValueDraws draws(inv, body_key(inv, id.id, attempt));
    auto next = workflow::render(s.check_returns, check_scope, &draws);
    std::optional<ErrorObject> failure;
    Json new_state;
    if (const workflow::ThrowSpec* t = throw_for(s.check_throws, attempt)) {
      // A check that raises fails the operation at once: no retry (durable-semantics.md 5.8).
      auto message = workflow::render(Json(t->error.message), check_scope, &draws);
      failure = error_object_of(t->error, message.ok() ? workflow::text_of(*message) : t->error.message);
    } else if (!next.ok())
      failure = ErrorObject{
          python ? "NameError" : "ReferenceError", "in " + s.path + ": " + next.error().message, {}, {}};
    else
      new_state = *next;
    if (inv.fault_point(id.id, s.name, attempt, workflow::FaultWhen::AfterBody)) {
      co_await Invocation::Halt{inv};
    }
    // done_when: the attempt bound, or a condition over the new state (as SDK code writes
    // `state >= threshold` in its wait strategy), whichever holds first.
    bool done = s.done_when_attempt > 0 && attempt >= s.done_when_attempt;
    if (!failure && !done && !s.done_when_condition.is_null()) {
      Scope done_scope(&scope);
      done_scope.bind("state", new_state);
      done_scope.bind("attempt", attempt);
      auto met = evaluate_condition(s.done_when_condition, done_scope, nullptr, s.path + ".check.done_when");
      if (!met.ok())
        failure = ErrorObject{python ? "TypeError" : "Error", met.error().text(), {}, {}};
      else
        done = *met;
    }
    std::optional<RetryDecision> decision;
    if (!failure && !done) { // "condition met" wins over exhaustion
      decision = decide_condition_wait(inv.flavor(), s.wait_strategy, attempt, inv.seed(), id.id);
      if (!decision->retry) {
        int max = s.wait_strategy.max_attempts.value_or(60);
        failure =
            python ? ErrorObject{"WaitForConditionError",
                                 "wait_for_condition exhausted " + std::to_string(max) +
                                     " attempts before the condition was met",
                                 {},
                                 {}}
                   : ErrorObject{"Error",
                                 "waitForCondition exceeded maximum attempts (" + std::to_string(max) + ")",
                                 {},
                                 {}};
      }
    }
    OperationUpdate u;
    if (failure) {
      u = inv.make_update(id, frame, OperationType::Step, sub, s.name, OperationAction::Fail);
      u.error = failure;
    } else if (decision) {
      u = inv.make_update(id, frame, OperationType::Step, sub, s.name, OperationAction::Retry);
      u.payload = serialize_result(inv.flavor(), new_state);
      u.next_attempt_delay_seconds = decision->delay_seconds;
    } else {
      u = inv.make_update(id, frame, OperationType::Step, sub, s.name, OperationAction::Succeed);
      u.payload = serialize_result(inv.flavor(), new_state);
    }
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    if (inv.fault_point(id.id, s.name, attempt, workflow::FaultWhen::AfterCheckpoint)) {
      co_await Invocation::Halt{inv};
    }
    if (failure)
      co_return Outcome::failure(
          error_from_object(failure, python ? "WaitForConditionError" : "StepError", "failed"));
    if (!decision)
      co_return Outcome::success(new_state);
  }
}

} // namespace dp::engine::runtime
