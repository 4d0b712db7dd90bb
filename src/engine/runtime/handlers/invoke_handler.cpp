// context.invoke (durable-semantics.md 5.5): START a CHAINED_INVOKE with the payload and suspend until
// the service records the target's outcome; any non-success ends in InvokeError.
#include "base/json_text.hpp"
#include "engine/runtime/draws.hpp"
#include "engine/runtime/handlers.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine::runtime {

Task<Outcome> run_invoke(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope) {
  OperationIdentity id = inv.next_id(frame);
  if (!inv.check_identity(id, OperationType::ChainedInvoke, subtype::kChainedInvoke, s.name, frame)) {
    co_await Invocation::Halt{inv};
  }
  // The payload is the handler's own code: computed on every invocation, though only the first one sends it.
  ValueDraws draws(inv, outside_key(inv, frame, s));
  auto payload = workflow::render(s.payload, scope, &draws);
  if (!payload.ok())
    co_return Outcome::failure(
        render_error(inv.flavor() == workflow::Flavor::Python ? "NameError" : "ReferenceError",
                     "in " + s.path + ": " + payload.error().message));
  trace_outside_value(inv, s, draws, nullptr);
  const Operation* op = inv.find(id.id);
  if (!op) {
    auto u = inv.make_update(id, frame, OperationType::ChainedInvoke, subtype::kChainedInvoke, s.name,
                             OperationAction::Start);
    u.payload = serialize_execution_result(inv.flavor(), *payload);
    u.function_name = s.function;
    if (!s.tenant_id.empty())
      u.tenant_id = s.tenant_id;
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    inv.note_executed(id.id, s.name, "invoke");
    if (inv.fault_point(id.id, s.name, 1, workflow::FaultWhen::AfterCheckpoint)) {
      co_await Invocation::Halt{inv};
    }
  } else {
    inv.note_replayed(id.id, s.name,
                      op->status == OperationStatus::Started ? "invoke (still running)"
                                                             : "invoke (stored outcome)");
  }
  co_await Invocation::AwaitOperation{
      inv, &id.id, status_bit(OperationStatus::Started) | status_bit(OperationStatus::Pending), INT64_MAX};
  DP_HALT_IF_FINISHED(inv);
  op = inv.find(id.id);
  if (op->status == OperationStatus::Succeeded) {
    const auto& text = op->chained_invoke_details->result;
    auto v = parse_json(text && !text->empty() ? *text : "null");
    co_return Outcome::success(v.ok() ? *v : Json(*text));
  }
  co_return Outcome::failure(
      error_from_object(op->chained_invoke_details->error, "InvokeError", "Invoke failed"));
}

} // namespace dp::engine::runtime
