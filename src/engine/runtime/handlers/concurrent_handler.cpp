// context.parallel and context.map (durable-semantics.md 5.7): a CONTEXT whose children are one CONTEXT
// per branch or item, started in index order up to max_concurrency, stopped by the completion policy.
// The parent always SUCCEEDs with a BatchResult; failures live inside it.
#include <algorithm>
#include <unordered_map>

#include "base/json_text.hpp"
#include "engine/runtime/draws.hpp"
#include "engine/runtime/handlers.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine::runtime {
namespace {

enum class ItemState { NotStarted, Running, Succeeded, Failed };

struct Batch {
  std::vector<ItemState> state;
  std::vector<Json> results;
  std::vector<DurableError> errors;
  std::vector<int> fibers;
  int succeeded = 0, failed = 0, running = 0;
};

// Runs one branch or map item in its own CONTEXT (ParallelBranch / MapIteration).
Task<Flow> run_branch(Invocation& inv, OperationIdentity id, ContextFrame& parent_frame,
                      std::optional<std::string> name, const char* sub, const workflow::Body& body,
                      Scope& scope, Json item, int index, const workflow::Statement& s) {
  // FLAT nesting: a virtual context. No CONTEXT of its own is checkpointed; its operations take the branch's
  // id as their prefix and the parallel/map operation as their parent (durable-semantics.md 2.7, 5.7).
  const bool flat = s.flat_nesting;
  const Operation* op = flat ? nullptr : inv.find(id.id);
  if (!flat && !inv.check_identity(id, OperationType::Context, sub, name, parent_frame)) {
    co_await Invocation::Halt{inv};
  }
  if (op && op->status == OperationStatus::Succeeded &&
      !(op->context_details && op->context_details->replay_children)) {
    inv.note_replayed(id.id, name, "branch (stored result)");
    auto v = inv.stored_value(op->context_details->result);
    co_return Flow::returned(v.ok() ? *v : Json(nullptr));
  }
  if (op && op->status == OperationStatus::Failed) {
    inv.note_replayed(id.id, name, "branch (stored error)");
    const auto& err = op->context_details->error;
    co_return Flow::raised(
        error_from_object(err, err && err->error_type ? err->error_type->c_str() : "Error", "Branch failed"));
  }
  if (!op && !flat) {
    // A branch is a child context: its START is queued, not awaited.
    inv.checkpoint_later(
        inv.make_update(id, parent_frame, OperationType::Context, sub, name, OperationAction::Start));
    inv.note_executed(id.id, name, "branch");
  }
  ContextFrame frame = inv.child_frame(id);
  if (flat)
    frame.parent_id = parent_frame.parent_id; // the parallel or map operation
  Scope branch_scope(&scope);
  if (s.kind == workflow::StatementKind::Map) {
    branch_scope.bind(s.item_as, item);
    if (!s.index_as.empty())
      branch_scope.bind(s.index_as, index);
  }
  Flow flow = co_await inv.run_body(body, frame, branch_scope);
  if (flat) // nothing to checkpoint; the value still round-trips through serdes as a child's would
    co_return flow.is_raise()
        ? flow
        : Flow::returned(*inv.stored_value(
              serialize_result(inv.flavor(), flow.kind == Flow::Kind::Return ? flow.value : Json(nullptr))));
  if (flow.is_raise()) {
    auto u = inv.make_update(id, parent_frame, OperationType::Context, sub, name, OperationAction::Fail);
    u.error = flow.error.to_error_object();
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
    co_return flow;
  }
  Json value = flow.kind == Flow::Kind::Return ? flow.value : Json(nullptr);
  std::string payload = serialize_result(inv.flavor(), value);
  auto u = inv.make_update(id, parent_frame, OperationType::Context, sub, name, OperationAction::Succeed);
  u.payload = payload;
  if (!co_await Invocation::Checkpoint{inv, &u}) {
    co_await Invocation::Halt{inv};
  }
  auto round_trip = inv.stored_value(payload);
  co_return Flow::returned(round_trip.ok() ? *round_trip : value);
}

// The durable error types JavaScript's DurableOperationError.fromErrorObject rebuilds as themselves; any
// other ErrorType comes back as a StepError.
bool js_known_error_type(const std::string& type) {
  for (const char* t : {"StepError", "CallbackError", "CallbackExternalError", "CallbackTimeoutError",
                        "CallbackSubmitterError", "InvokeError", "ChildContextError", "WaitForConditionError",
                        "PromiseCombinatorError"})
    if (type == t)
      return true;
  return false;
}

// A failed branch's error as the JS SDK serializes it in the BatchResult: the branch's child context wraps
// the error the body raised in ChildContextError around its rebuilt DurableOperationError, whose cause is a
// plain Error named after the original type (runInChildContext, fromErrorObject, serializeBatchError).
Json js_branch_error(const DurableError& raised) {
  std::string rebuilt = js_known_error_type(raised.type) ? raised.type : "StepError";
  Json middle{{"ErrorType", rebuilt}, {"ErrorMessage", raised.message}};
  if (raised.data)
    middle["ErrorData"] = *raised.data;
  middle["Cause"] = Json{{"ErrorType", raised.type}, {"ErrorMessage", raised.message}};
  return Json{{"ErrorType", "ChildContextError"}, {"ErrorMessage", raised.message}, {"Cause", middle}};
}

// What JavaScript user code sees of a serialized batch error once the SDK restored it as Error objects:
// JSON keeps only their enumerable own properties (cause, name, errorType), never the message.
Json js_error_as_seen(const Json& serialized) {
  std::string type =
      serialized.is_object() && serialized.contains("ErrorType") && serialized["ErrorType"].is_string()
          ? serialized["ErrorType"].get<std::string>()
          : "Error";
  std::string rebuilt = js_known_error_type(type) ? type : "StepError";
  const Json* cause = find_member(serialized, "Cause");
  if (!cause && !js_known_error_type(type))
    return Json{{"name", type}}; // restored as a plain Error
  Json out = Json::object();
  out["cause"] = cause ? js_error_as_seen(*cause) : Json{{"name", type}}; // fromErrorObject's synthetic cause
  out["name"] = rebuilt;
  out["errorType"] = rebuilt;
  return out;
}

// The serialized BatchResult each SDK checkpoints, and the value user code binds.
Json batch_json(workflow::Flavor flavor, const Batch& b, const char* reason) {
  Json all = Json::array();
  for (size_t i = 0; i < b.state.size(); ++i) {
    Json item = Json::object();
    if (b.state[i] == ItemState::NotStarted)
      continue; // never-started branches are omitted
    const char* status = b.state[i] == ItemState::Succeeded ? "SUCCEEDED"
                         : b.state[i] == ItemState::Failed  ? "FAILED"
                                                            : "STARTED";
    if (flavor == workflow::Flavor::Python) {
      item["index"] = i;
      item["status"] = status;
      item["result"] = b.state[i] == ItemState::Succeeded ? b.results[i] : Json(nullptr);
      item["error"] = b.state[i] == ItemState::Failed
                          ? Json{{"ErrorMessage", b.errors[i].message}, {"ErrorType", b.errors[i].type}}
                          : Json(nullptr);
    } else {
      if (b.state[i] == ItemState::Succeeded)
        item["result"] = b.results[i];
      if (b.state[i] == ItemState::Failed)
        item["error"] = js_branch_error(b.errors[i]);
      item["index"] = i;
      item["status"] = status;
    }
    all.push_back(item);
  }
  return Json{{"all", all}, {"completionReason", reason}};
}

Json with_summary(const Json& batch, workflow::Flavor flavor) {
  Json out = batch;
  if (flavor == workflow::Flavor::JavaScript)
    for (auto& item : out["all"])
      if (item.contains("error"))
        item["error"] = js_error_as_seen(item["error"]);
  int succeeded = 0, failed = 0, started = 0;
  for (const auto& item : batch["all"]) {
    std::string st = item["status"].get<std::string>();
    succeeded += st == "SUCCEEDED";
    failed += st == "FAILED";
    started += st == "STARTED";
  }
  out["status"] = failed > 0 ? "FAILED" : "SUCCEEDED";
  out["successCount"] = succeeded;
  out["failureCount"] = failed;
  out["startedCount"] = started;
  out["totalCount"] = batch["all"].size();
  return out;
}

std::string serialize_batch(workflow::Flavor flavor, const Json& batch) {
  if (flavor == workflow::Flavor::JavaScript)
    return serialize_result(flavor, batch);
  Json env = python_envelope(batch);
  env["t"] = "br"; // BatchResult's own tag in the Python serdes
  return to_python_json(env, true);
}

} // namespace

Task<Outcome> run_concurrent(Invocation& inv, const Statement& s, ContextFrame& frame, Scope& scope) {
  bool is_map = s.kind == workflow::StatementKind::Map;
  const char* sub = is_map ? subtype::kMap : subtype::kParallel;
  const char* branch_sub = is_map ? subtype::kMapIteration : subtype::kParallelBranch;
  OperationIdentity id = inv.next_id(frame);
  if (!inv.check_identity(id, OperationType::Context, sub, s.name, frame)) {
    co_await Invocation::Halt{inv};
  }
  const Operation* op = inv.find(id.id);
  bool replay_children = op && op->status == OperationStatus::Succeeded && op->context_details &&
                         op->context_details->replay_children;
  if (op && op->status == OperationStatus::Succeeded && !replay_children) {
    inv.note_replayed(id.id, s.name, is_map ? "map (stored batch result)" : "parallel (stored batch result)");
    auto v = inv.stored_value(op->context_details->result);
    co_return Outcome::success(with_summary(
        v.ok() ? *v : Json{{"all", Json::array()}, {"completionReason", "ALL_COMPLETED"}}, inv.flavor()));
  }
  if (op && op->status == OperationStatus::Failed) {
    inv.note_replayed(id.id, s.name, "batch (stored error)");
    co_return Outcome::failure(
        error_from_object(op->context_details->error, "ChildContextError", "Batch failed"));
  }
  Json items = Json::array();
  if (is_map) {
    ValueDraws draws(inv, outside_key(inv, frame, s));
    auto rendered = workflow::render(s.items, scope, &draws);
    trace_outside_value(inv, s, draws, nullptr);
    if (!rendered.ok() || !rendered->is_array())
      co_return Outcome::failure(
          render_error("TypeError", "in " + s.path + ": map items must be a list" +
                                        (rendered.ok() ? "" : " (" + rendered.error().message + ")")));
    items = *rendered;
  }
  if (!op) {
    // Map and parallel run in a child context: the START is queued, not awaited.
    inv.checkpoint_later(
        inv.make_update(id, frame, OperationType::Context, sub, s.name, OperationAction::Start));
    inv.note_executed(id.id, s.name, is_map ? "map" : "parallel");
  }
  size_t total = is_map ? items.size() : s.branches.size();
  Batch b;
  b.state.assign(total, ItemState::NotStarted);
  b.results.assign(total, Json(nullptr));
  b.errors.assign(total, DurableError{});
  b.fibers.assign(total, -1);
  ContextFrame inner = inv.child_frame(id);
  int group = inv.new_group();
  size_t limit = s.max_concurrency ? static_cast<size_t>(*s.max_concurrency) : total;
  const workflow::Completion& c = s.completion;
  bool no_criteria = !c.min_successful && !c.tolerated_failure_count && !c.tolerated_failure_percentage;
  auto tolerance_exceeded = [&] {
    if (no_criteria)
      return b.failed > 0; // fail-fast when nothing is configured
    return (c.tolerated_failure_count && b.failed > *c.tolerated_failure_count) ||
           (c.tolerated_failure_percentage && total > 0 &&
            100.0 * b.failed / static_cast<double>(total) > *c.tolerated_failure_percentage);
  };
  auto complete = [&] {
    return static_cast<size_t>(b.succeeded + b.failed) == total ||
           (c.min_successful && b.succeeded >= *c.min_successful);
  };
  size_t next = 0;
  size_t counted = 0;                             // finished fibers of the group already counted
  std::unordered_map<int, size_t> index_of_fiber; // branch fiber -> item index
  const char* reason = "ALL_COMPLETED";
  while (true) {
    if (tolerance_exceeded()) {
      reason = "FAILURE_TOLERANCE_EXCEEDED";
      break;
    }
    if (complete()) {
      reason =
          static_cast<size_t>(b.succeeded + b.failed) == total ? "ALL_COMPLETED" : "MIN_SUCCESSFUL_REACHED";
      break;
    }
    while (next < total && static_cast<size_t>(b.running) < limit) {
      size_t i = next++;
      OperationIdentity bid = inv.branch_id(id, inner, static_cast<int>(i));
      std::optional<std::string> name;
      if (!is_map && s.branches[i].name)
        name = s.branches[i].name;
      else
        name = std::string(is_map ? "map-item-" : "parallel-branch-") + std::to_string(i);
      const workflow::Body& body = is_map ? s.children : s.branches[i].body;
      b.fibers[i] = inv.spawn(run_branch(inv, bid, inner, name, branch_sub, body, scope,
                                         is_map ? items[i] : Json(), static_cast<int>(i), s),
                              group);
      b.state[i] = ItemState::Running;
      b.running++;
      index_of_fiber[b.fibers[i]] = i;
    }
    // Only the group's own finished list is read: a scan of every item per wake made a map over n items
    // quadratic (issue 14).
    std::function<bool()> any_finished = [&] { return inv.finished_in_group(group).size() > counted; };
    co_await Invocation::AwaitCondition{inv, &any_finished, group};
    DP_HALT_IF_FINISHED(inv);
    // Count finished branches one at a time, in the order they finished, and stop at the first that
    // completes the batch: a branch that finished in the same instant after it stays STARTED, as in the
    // SDKs, where the completion check runs as each branch settles.
    const std::vector<int>& finished = inv.finished_in_group(group);
    for (; counted < finished.size(); ++counted) {
      if (tolerance_exceeded() || complete())
        break;
      size_t i = index_of_fiber[finished[counted]];
      Flow& f = inv.fiber_result(b.fibers[i]);
      b.running--;
      if (f.is_raise()) {
        b.state[i] = ItemState::Failed;
        b.errors[i] = f.error;
        b.failed++;
      } else {
        b.state[i] = ItemState::Succeeded;
        b.results[i] = f.kind == Flow::Kind::Return ? f.value : Json(nullptr);
        b.succeeded++;
      }
    }
  }
  inv.cancel_group(group); // branches still running are abandoned: they can no longer checkpoint
  Json batch = batch_json(inv.flavor(), b, reason);
  if (!replay_children) {
    std::string payload = serialize_batch(inv.flavor(), batch);
    auto u = inv.make_update(id, frame, OperationType::Context, sub, s.name, OperationAction::Succeed);
    if (payload.size() > kCheckpointSizeLimit) {
      // The SDK's own summary (the JS summary generators): counts, reason, status, one letter per item.
      std::string item_statuses;
      for (size_t i = 0; i < total; ++i)
        if (b.state[i] != ItemState::NotStarted)
          item_statuses.resize(i + 1, '-');
      for (size_t i = 0; i < item_statuses.size(); ++i)
        item_statuses[i] = b.state[i] == ItemState::Succeeded ? 'S'
                           : b.state[i] == ItemState::Failed  ? 'F'
                                                              : '-';
      Json summary{{"type", is_map ? "MapResult" : "ParallelResult"},
                   {"totalCount", batch["all"].size()},
                   {"successCount", b.succeeded},
                   {"failureCount", b.failed}};
      if (!is_map)
        summary["startedCount"] = b.running;
      summary["completionReason"] = reason;
      summary["status"] = b.failed > 0 ? "FAILED" : "SUCCEEDED";
      summary["itemStatuses"] = item_statuses;
      u.payload = serialize_result(inv.flavor(), summary);
      u.replay_children = true;
    } else {
      u.payload = payload;
    }
    if (!co_await Invocation::Checkpoint{inv, &u}) {
      co_await Invocation::Halt{inv};
    }
  }
  co_return Outcome::success(with_summary(batch, inv.flavor()));
}

} // namespace dp::engine::runtime
