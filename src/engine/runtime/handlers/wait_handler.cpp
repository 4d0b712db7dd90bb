// context.wait (durable-semantics.md 5.2): START with WaitSeconds, then suspend until the service's timer
// marks the WAIT SUCCEEDED. A replayed STARTED wait suspends again without a new checkpoint.
#include "engine/runtime/handlers.hpp"

namespace dp::engine::runtime {

Task<Outcome> run_wait(Invocation& inv, const Statement& s, ContextFrame& frame) {
  OperationIdentity id = inv.next_id(frame);
  if (!inv.check_identity(id, OperationType::Wait, subtype::kWait, s.name, frame)) {
    co_await Invocation::Halt{inv};
  }
  const Operation* op = inv.find(id.id);
  if (op && op->status != OperationStatus::Started) {
    inv.note_replayed(id.id, s.name, "wait (elapsed)");
    co_return Outcome::success(Json(nullptr));
  }
  if (op) {
    inv.note_replayed(id.id, s.name, "wait (still waiting)");
  } else {
    auto u = inv.make_update(id, frame, OperationType::Wait, subtype::kWait, s.name, OperationAction::Start);
    u.wait_seconds = s.wait_seconds;
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    inv.note_executed(id.id, s.name, "wait");
    if (inv.fault_point(id.id, s.name, 1, workflow::FaultWhen::AfterCheckpoint)) {
      co_await Invocation::Halt{inv};
    }
    op = inv.find(id.id);
  }
  std::optional<int64_t> end;
  if (op && op->wait_details)
    end = op->wait_details->scheduled_end_timestamp;
  co_await Invocation::AwaitOperation{inv, &id.id, status_bit(OperationStatus::Started),
                                      end.value_or(INT64_MAX)};
  DP_HALT_IF_FINISHED(inv);
  co_return Outcome::success(Json(nullptr));
}

} // namespace dp::engine::runtime
