// context.run_in_child_context (durable-semantics.md 5.6): its own id namespace; a SUCCEEDED context
// returns its stored result without running, unless its result was too big to store (ReplayChildren).
#include "engine/runtime/handlers.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine::runtime {

Task<Outcome> run_child_context(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope) {
  OperationIdentity id = inv.next_id(frame);
  const char* sub = subtype::kRunInChildContext;
  if (!inv.check_identity(id, OperationType::Context, sub, s.name, frame)) {
    co_await Invocation::Halt{inv};
  }
  const Operation* op = inv.find(id.id);
  bool replay_children = op && op->status == OperationStatus::Succeeded && op->context_details &&
                         op->context_details->replay_children;
  if (op && op->status == OperationStatus::Succeeded && !replay_children) {
    inv.note_replayed(id.id, s.name, "child context (stored result)");
    auto v = inv.stored_value(op->context_details->result);
    co_return Outcome::success(v.ok() ? *v : Json(nullptr));
  }
  if (op && op->status == OperationStatus::Failed) {
    inv.note_replayed(id.id, s.name, "child context (stored error)");
    co_return Outcome::failure(
        error_from_object(op->context_details->error, "ChildContextError", "Child context failed"));
  }
  if (!op) {
    // Not awaited by either SDK: it travels with the first update the body awaits.
    inv.checkpoint_later(
        inv.make_update(id, frame, OperationType::Context, sub, s.name, OperationAction::Start));
    inv.note_executed(id.id, s.name, "child context");
    if (inv.fault_point(id.id, s.name, 1, workflow::FaultWhen::AfterCheckpoint)) {
      co_await Invocation::Halt{inv};
    }
  } else {
    inv.note_replayed(id.id, s.name,
                      replay_children ? "child context (re-run: ReplayChildren)" : "child context (resumed)");
  }
  ContextFrame inner = inv.child_frame(id);
  Scope inner_scope(&scope);
  Flow flow = co_await inv.run_body(s.children, inner, inner_scope);
  if (flow.is_raise()) {
    auto u = inv.make_update(id, frame, OperationType::Context, sub, s.name, OperationAction::Fail);
    u.error = flow.error.to_error_object();
    if (!replay_children && !co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    DurableError e = flow.error;
    e.type = "ChildContextError";
    co_return Outcome::failure(e);
  }
  Json value = flow.kind == Flow::Kind::Return ? flow.value : Json(nullptr);
  if (replay_children)
    co_return Outcome::success(value);
  std::string payload = serialize_result(inv.flavor(), value);
  auto u = inv.make_update(id, frame, OperationType::Context, sub, s.name, OperationAction::Succeed);
  if (payload.size() > kCheckpointSizeLimit) {
    u.payload = "";
    u.replay_children = true;
  } else {
    u.payload = payload;
  }
  if (!co_await Invocation::Checkpoint{inv, &u}) {
    co_await Invocation::Halt{inv};
  }
  auto round_trip = inv.stored_value(payload);
  co_return Outcome::success(round_trip.ok() ? *round_trip : value);
}

} // namespace dp::engine::runtime
