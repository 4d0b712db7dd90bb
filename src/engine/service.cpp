// [SECTION] index: helpers · executions · invocations · checkpoint validation · applying updates ·
// callbacks · timers · persistence
#include "engine/service.hpp"

#include <algorithm>

#include "base/hash.hpp"
#include "base/json_text.hpp"
#include "base/parse_number.hpp"

namespace dp::engine {
namespace {

constexpr size_t kLambdaPayloadLimit = 6 * 1024 * 1024; // invocation request and response (Lambda quotas)

const char* const kOutcomeNames[] = {"SUCCEEDED", "FAILED", "PENDING", "CRASHED", "TIMED_OUT", "REJECTED"};
static_assert(std::size(kOutcomeNames) == static_cast<size_t>(InvocationOutcome::Rejected) + 1);

Json payload_json(const std::optional<std::string>& payload) {
  return Json{{"Payload", payload.value_or("")}, {"Truncated", false}};
}
Json error_payload(const std::optional<ErrorObject>& error) {
  return Json{{"Payload", error ? to_json(*error) : Json::object()}, {"Truncated", false}};
}

std::string base64(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    out += table[v >> 18];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += table[v & 63];
  }
  if (i < in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (i + 1 < in.size() ? (unsigned char)in[i + 1] << 8 : 0);
    out += table[v >> 18];
    out += table[(v >> 12) & 63];
    out += i + 1 < in.size() ? table[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

size_t error_size(const ErrorObject& e) {
  return to_js_json(to_json(e)).size();
}

bool valid_action(OperationType type, OperationAction a) {
  switch (type) {
  case OperationType::Step:
    return a == OperationAction::Start || a == OperationAction::Succeed || a == OperationAction::Fail ||
           a == OperationAction::Retry;
  case OperationType::Context:
    return a == OperationAction::Start || a == OperationAction::Succeed || a == OperationAction::Fail;
  case OperationType::Wait:
  case OperationType::ChainedInvoke:
    return a == OperationAction::Start || a == OperationAction::Cancel;
  case OperationType::Callback:
    return a == OperationAction::Start;
  case OperationType::Execution:
    return a == OperationAction::Succeed || a == OperationAction::Fail;
  }
  return false;
}

} // namespace

const char* to_string(InvocationOutcome o) {
  return kOutcomeNames[static_cast<int>(o)];
}

Service::Service(ServiceOptions options, TraceSink trace)
    : m_options(std::move(options)), m_trace(std::move(trace)) {}

// [SECTION] helpers

void Service::flush() {
  if (m_listener && (!m_batch.operations.empty() || !m_batch.events.empty() || !m_batch.calls.empty() ||
                     !m_batch.invocations.empty() || m_batch.execution_changed))
    m_listener(m_batch);
  m_batch = ChangeBatch{};
}

// The batch collects the changes of one execution: a change to another one sends what was collected first.
// A chained invoke starts its child while the parent's batch is open, and one batch for both stored the
// child's operations under the parent's ARN and the parent's under the child's (issue 12's store tests).
void Service::batch_for(const std::string& arn) {
  if (!m_batch.arn.empty() && m_batch.arn != arn)
    flush();
  m_batch.arn = arn;
}

void Service::emit(Execution& e, const std::string& type, const Operation* op, Json details, int64_t now) {
  HistoryEvent ev;
  ev.event_id = static_cast<int64_t>(e.events.size()) + 1; // dense, 1-based (spec 2.8)
  ev.event_type = type;
  ev.event_timestamp = now;
  if (op) {
    ev.id = op->id;
    ev.name = op->name;
    ev.parent_id = op->parent_id;
    ev.sub_type = op->sub_type;
  }
  if (!details.is_null())
    ev.details = Json{{type + "Details", std::move(details)}};
  e.events.push_back(ev);
  batch_for(e.arn);
  m_batch.events.push_back(std::move(ev));
}

void Service::publish(Execution& e, Operation op, bool seen_by_sdk) {
  auto ptr = std::make_shared<const Operation>(std::move(op));
  auto [it, inserted] = e.ops.insert_or_assign(ptr->id, ptr);
  (void)it;
  if (inserted)
    e.op_order.push_back(ptr->id);
  if (!seen_by_sdk && std::find(e.unseen.begin(), e.unseen.end(), ptr->id) == e.unseen.end())
    e.unseen.push_back(ptr->id);
  batch_for(e.arn);
  if (m_publish_observer)
    m_publish_observer(e, ptr, inserted);
  m_batch.operations.push_back(ptr);
}

void Service::trace(const Execution& e, TraceKind kind, const std::string& op_id, const std::string& name,
                    std::string text, Json data, int64_t now) {
  if (!m_trace)
    return;
  TraceEvent t;
  t.time_ms = now;
  t.execution_arn = e.arn;
  t.invocation = e.invocation_active ? static_cast<int>(e.invocations.size()) : 0;
  t.kind = kind;
  t.operation_id = op_id;
  t.name = name;
  t.text = std::move(text);
  t.data = std::move(data);
  m_trace(std::move(t));
}

void Service::add_timer(Timer t) {
  m_timers.emplace(t.due, std::move(t));
}

const Execution* Service::execution(const std::string& arn) const {
  auto it = m_executions.find(arn);
  return it == m_executions.end() ? nullptr : it->second.get();
}
Execution* Service::execution_mut(const std::string& arn) {
  auto it = m_executions.find(arn);
  return it == m_executions.end() ? nullptr : it->second.get();
}

std::string Service::make_callback_id(const Execution& e, const std::string& op_id) const {
  // Opaque to callers, like the service's; the local runners also encode execution and operation.
  return base64(to_js_json(Json{{"executionId", e.id}, {"operationId", op_id}}));
}

// [SECTION] executions

Result<std::string> Service::start_execution(std::shared_ptr<const workflow::Document> doc,
                                             const std::string& input_json, const std::string& name,
                                             int64_t now, const std::string& parent_arn,
                                             const std::string& parent_op_id, const std::string& id) {
  if (input_json.size() > 6 * 1024 * 1024)
    return Error{"input",
                 "the execution input is " + std::to_string(input_json.size()) +
                     " bytes; the service accepts at most 6 MB (256 KB for asynchronous invocations)"};
  auto exec = std::make_unique<Execution>();
  Execution& e = *exec;
  int64_t n = m_next_execution++;
  // Deterministic execution ids (a run is reproducible byte for byte): derived from the function and a
  // counter.
  std::string h = md5_hex(doc->function.name + "/" + std::to_string(n) + "/" + std::to_string(now));
  e.id = h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20, 12);
  if (!id.empty()) // a re-simulation (engine/branch.hpp) names its execution itself
    e.id = id;
  e.name = name.empty() ? e.id : name;
  for (const auto& [arn, other] : m_executions)
    if (other->name == e.name && other->document->function.name == doc->function.name)
      return Error{"name", "an execution named '" + e.name + "' already exists for this function"};
  e.arn = "arn:aws:lambda:" + doc->function.region + ":" + m_options.account +
          ":function:" + doc->function.name + ":1/durable-execution/" + e.name + "/" + e.id;
  e.document = std::move(doc);
  e.start_ms = now;
  e.input_payload = input_json;
  e.parent_arn = parent_arn;
  e.parent_op_id = parent_op_id;
  Operation op;
  op.id = e.id;
  op.type = OperationType::Execution;
  op.status = OperationStatus::Started;
  op.start_timestamp = now;
  op.execution_details = ExecutionDetails{input_json};
  m_order.push_back(e.arn);
  auto& ref = *exec;
  m_executions[e.arn] = std::move(exec);
  m_batch.execution_changed = true;
  publish(ref, op, false);
  emit(ref, "ExecutionStarted", nullptr,
       Json{{"Input", payload_json(input_json)},
            {"ExecutionTimeout", ref.document->function.execution_timeout}},
       now);
  add_timer(
      Timer{now + ref.document->function.execution_timeout * 1000, TimerKind::ExecutionTimeout, ref.arn});
  if (ref.document->simulation.stop_after_seconds)
    add_timer(
        Timer{now + *ref.document->simulation.stop_after_seconds * 1000, TimerKind::StopExecution, ref.arn});
  trace(ref, TraceKind::ExecutionStarted, ref.id, ref.name, "execution " + ref.name + " started",
        Json{{"Input", input_json}}, now);
  request_invocation(ref, now);
  flush();
  return ref.arn;
}

void Service::request_invocation(Execution& e, int64_t not_before) {
  if (e.terminal())
    return;
  e.needs_invocation = true;
  e.invoke_not_before = std::max(e.invoke_not_before, not_before);
}

std::vector<std::string> Service::runnable_executions(int64_t now) const {
  std::vector<std::string> out;
  for (const auto& arn : m_order) {
    const Execution& e = *m_executions.at(arn);
    if (!e.terminal() && !e.invocation_active && e.needs_invocation && e.invoke_not_before <= now)
      out.push_back(arn);
  }
  return out;
}

void Service::complete_execution(Execution& e, ExecutionStatus status, std::optional<std::string> result,
                                 std::optional<ErrorObject> error, int64_t now) {
  if (e.terminal())
    return;
  e.status = status;
  e.end_ms = now;
  // A finished execution has no timers left (its timeout, waits, retries, callback timeouts).
  for (auto it = m_timers.begin(); it != m_timers.end();)
    it = it->second.arn == e.arn ? m_timers.erase(it) : std::next(it);
  e.result = std::move(result);
  // GetDurableExecution.Error keeps at most 256 KB of error fields; the service cuts a larger one and its
  // history event says Truncated (EventError). The execution still ends with the status it was given.
  bool error_cut = false;
  if (error)
    error = limits::execution_error_as_kept(*error, error_cut);
  e.error = std::move(error);
  e.needs_invocation = false;
  Operation op = *e.ops.at(e.id);
  op.status = status == ExecutionStatus::Succeeded  ? OperationStatus::Succeeded
              : status == ExecutionStatus::Failed   ? OperationStatus::Failed
              : status == ExecutionStatus::TimedOut ? OperationStatus::TimedOut
                                                    : OperationStatus::Stopped;
  op.end_timestamp = now;
  publish(e, op, true);
  m_batch.execution_changed = true;
  const char* type = status == ExecutionStatus::Succeeded  ? "ExecutionSucceeded"
                     : status == ExecutionStatus::Failed   ? "ExecutionFailed"
                     : status == ExecutionStatus::TimedOut ? "ExecutionTimedOut"
                                                           : "ExecutionStopped";
  Json details = status == ExecutionStatus::Succeeded ? (e.result ? Json{{"Result", payload_json(e.result)}}
                                                                  : Json::object()) // no Result: none
                                                      : Json{{"Error", error_payload(e.error)}};
  Json data{{"Status", to_string(status)}};
  if (error_cut) {
    details["Error"]["Truncated"] = true;
    data["ErrorTruncated"] = true;
  }
  emit(e, type, nullptr, details, now);
  trace(e, TraceKind::ExecutionCompleted, e.id, e.name, std::string("execution ") + to_string(status), data,
        now);
  if (!e.parent_arn.empty())
    on_child_execution_done(e, now);
}

Status Service::stop_execution(const std::string& arn, std::optional<ErrorObject> error, int64_t now) {
  Execution* e = execution_mut(arn);
  if (!e)
    return Error{"execution", "no execution with ARN " + arn};
  if (!e->imported_from.empty())
    return Error{"execution", "execution " + e->name + " was imported (" + e->imported_from +
                                  "): nothing simulates it, so it cannot be stopped here"};
  if (e->terminal())
    return ok_status(); // idempotent on a completed execution (PYT:executor.py _apply_stop)
  complete_execution(
      *e, ExecutionStatus::Stopped, std::nullopt,
      error ? error
            : std::optional<ErrorObject>(ErrorObject{"StopDurableExecution", "Execution stopped", {}, {}}),
      now);
  flush();
  return ok_status();
}

// [SECTION] invocations

std::vector<OperationPtr> Service::visible_operations(const Execution& e) const {
  // GetDurableExecutionState omits children of completed contexts unless ReplayChildren (spec 3.4).
  std::vector<OperationPtr> out;
  out.reserve(e.op_order.size());
  std::unordered_map<std::string, bool> hidden; // context id -> its children are hidden
  for (const auto& id : e.op_order) {
    const OperationPtr& op = e.ops.at(id);
    bool hide = false;
    if (op->parent_id) {
      auto it = hidden.find(*op->parent_id);
      hide = it != hidden.end() && it->second;
    }
    if (op->type == OperationType::Context)
      hidden[op->id] =
          hide || ((op->status == OperationStatus::Succeeded || op->status == OperationStatus::Failed) &&
                   !(op->context_details && op->context_details->replay_children));
    if (!hide)
      out.push_back(op);
  }
  return out;
}

Result<Service::InvocationInput> Service::begin_invocation(const std::string& arn, int64_t now) {
  Execution* e = execution_mut(arn);
  if (!e)
    return Error{"execution", "no execution with ARN " + arn};
  if (e->terminal())
    return Error{"execution", "execution " + e->name + " has ended"};
  if (e->invocation_active)
    return Error{"execution", "one invocation at a time: execution " + e->name + " is already running one"};
  e->invocation_active = true;
  e->needs_invocation = false;
  e->token_seq++;
  InvocationRecord rec;
  rec.index = static_cast<int>(e->invocations.size()) + 1;
  rec.start_ms = now;
  e->invocations.push_back(rec);
  e->unseen.clear();
  batch_for(e->arn);
  m_batch.invocations.push_back(rec);
  trace(*e, TraceKind::InvocationStarted, "", e->name, "invocation " + std::to_string(rec.index) + " started",
        Json{{"Index", rec.index}}, now);
  InvocationInput in{e->arn, e->id + ":" + std::to_string(e->token_seq), visible_operations(*e), rec.index};
  flush();
  return in;
}

void Service::end_invocation(const std::string& arn, const InvocationOutput& output, int64_t now,
                             const InvocationRecord& counts) {
  Execution* e = execution_mut(arn);
  if (!e || !e->invocation_active)
    return;
  InvocationRecord& rec = e->invocations.back();
  rec.end_ms = now;
  rec.outcome = output.outcome;
  rec.replayed = counts.replayed;
  rec.executed = counts.executed;
  rec.checkpoints = counts.checkpoints;
  rec.error = output.error;
  e->token_seq++; // the invocation's token is dead from now on
  batch_for(e->arn);
  m_batch.invocations.push_back(rec);

  // Validate the output as the service does (3.2); a rejected output counts as a failed invocation.
  InvocationOutcome outcome = output.outcome;
  std::optional<ErrorObject> error = output.error;
  if (outcome == InvocationOutcome::Pending && !e->terminal()) {
    bool pending = std::any_of(e->ops.begin(), e->ops.end(), [](const auto& kv) {
      const Operation& op = *kv.second;
      return (op.type == OperationType::Step && op.status == OperationStatus::Pending) ||
             ((op.type == OperationType::Wait || op.type == OperationType::Callback ||
               op.type == OperationType::ChainedInvoke) &&
              op.status == OperationStatus::Started);
    });
    if (!pending) {
      outcome = InvocationOutcome::Rejected;
      error = ErrorObject{"InvalidParameterValueException",
                          "Cannot return PENDING status with no pending operations",
                          {},
                          {}};
      rec.outcome = outcome;
      rec.error = error;
    }
  }
  // The invocation's response is capped like every Lambda response (6 MB): a bigger one (a 10 MB error
  // raised by the handler, issue 14) makes the invocation fail with Lambda's own error, and it is retried.
  size_t response_bytes = (output.result ? output.result->size() : 0) + (error ? error_size(*error) : 0);
  if (response_bytes > kLambdaPayloadLimit && outcome != InvocationOutcome::Crashed &&
      outcome != InvocationOutcome::TimedOut) {
    outcome = InvocationOutcome::Rejected;
    error = ErrorObject{"Function.ResponseSizeTooLarge",
                        "Response payload size (" + std::to_string(response_bytes) +
                            " bytes) exceeded maximum allowed payload size (6291456 bytes).",
                        {},
                        {}};
    rec.outcome = outcome;
    rec.error = error;
  }
  Json completed{{"StartTimestamp", iso8601(rec.start_ms)},
                 {"EndTimestamp", iso8601(now)},
                 {"RequestId", md5_hex(e->id + "/" + std::to_string(rec.index)).substr(0, 32)}};
  if (outcome == InvocationOutcome::Crashed || outcome == InvocationOutcome::TimedOut ||
      outcome == InvocationOutcome::Rejected)
    completed["Error"] = error_payload(error);
  e->invocation_active = false;
  emit(*e, "InvocationCompleted", nullptr, completed, now);
  Json data{{"Status", to_string(outcome)}};
  if (error)
    data["Error"] = to_json(*error);
  trace(*e, TraceKind::InvocationEnded, "", e->name,
        "invocation " + std::to_string(rec.index) + " ended: " + to_string(outcome), data, now);

  if (e->terminal()) { // completed by an EXECUTION checkpoint, a stop or the timeout during the invocation
    flush();
    return;
  }
  switch (outcome) {
  case InvocationOutcome::Succeeded:
    e->consecutive_failures = 0;
    complete_execution(*e, ExecutionStatus::Succeeded, output.result, std::nullopt, now);
    break;
  case InvocationOutcome::Failed:
    e->consecutive_failures = 0;
    complete_execution(*e, ExecutionStatus::Failed, std::nullopt, error, now);
    break;
  case InvocationOutcome::Pending:
    e->consecutive_failures = 0;
    // Anything that changed during the invocation (a callback answered, a wait that ended) wakes it again.
    if (!e->unseen.empty())
      request_invocation(*e, now);
    break;
  case InvocationOutcome::Crashed:
  case InvocationOutcome::TimedOut:
  case InvocationOutcome::Rejected:
    if (++e->consecutive_failures >= m_options.failed_invocation_budget) {
      complete_execution(*e, ExecutionStatus::Failed, std::nullopt, error, now);
    } else {
      add_timer(Timer{now + m_options.failed_invocation_backoff_ms, TimerKind::ReInvoke, e->arn});
    }
    break;
  }
  flush();
}

// [SECTION] checkpoint validation (3.3, 2.4)

Status Service::validate_update(const Execution& e, const OperationUpdate& u,
                                const std::vector<OperationUpdate>& batch, size_t index) const {
  std::string where = "Updates[" + std::to_string(index) + "] (" + std::string(to_string(u.type)) + " " +
                      (u.name ? "'" + *u.name + "'" : u.id) + ")";
  auto bad = [&](std::string msg) {
    return Status(Error{where, "InvalidParameterValueException: " + std::move(msg)});
  };
  if (u.id.empty() || u.id.size() > 64)
    return bad("operation Id must be 1 to 64 characters");
  if (u.name && (u.name->empty() || u.name->size() > 256))
    return bad("operation Name must be 1 to 256 characters");
  if (!valid_action(u.type, u.action))
    return bad(std::string("action ") + to_string(u.action) + " is not valid for " + to_string(u.type));
  if (u.type == OperationType::Execution) {
    if (index + 1 != batch.size())
      return bad("the EXECUTION update must be the last of the batch");
  }
  if (u.payload && u.error)
    return bad("an update carries Payload or Error, not both");
  if (u.action == OperationAction::Fail && u.payload)
    return bad("FAIL must not carry Payload");
  if (u.action == OperationAction::Succeed && u.error)
    return bad("SUCCEED must not carry Error");
  if (u.error && error_size(*u.error) > m_options.max_error_bytes)
    return bad("Error is larger than " + std::to_string(m_options.max_error_bytes) + " bytes");
  if (u.type == OperationType::Step && u.action == OperationAction::Succeed && u.payload &&
      u.payload->size() > m_options.max_step_result_bytes)
    return bad("STEP output payload size must be less than or equal to 262144 bytes");
  // Payload caps per operation type and the per-execution quotas: limits::check_batch, after these checks.
  if (u.type == OperationType::Step && u.action == OperationAction::Retry && !u.next_attempt_delay_seconds)
    return bad("RETRY requires StepOptions");
  if (u.type == OperationType::Wait && u.action == OperationAction::Start &&
      (!u.wait_seconds || *u.wait_seconds < 1 || *u.wait_seconds > 31'622'400))
    return bad("WaitOptions.WaitSeconds must be 1 to 31622400");

  // The parent must be an existing CONTEXT or one started earlier in this batch.
  if (u.parent_id) {
    const Operation* parent = e.op(*u.parent_id);
    bool in_batch = false;
    for (size_t k = 0; k < index; ++k)
      in_batch = in_batch || (batch[k].id == *u.parent_id && batch[k].type == OperationType::Context &&
                              batch[k].action == OperationAction::Start);
    if (!in_batch && (!parent || parent->type != OperationType::Context))
      return bad("Invalid parent operation id");
  }
  // An earlier update in the same batch: only START followed by a non-START of a STEP or CONTEXT.
  const OperationUpdate* earlier = nullptr;
  for (size_t k = 0; k < index; ++k)
    if (batch[k].id == u.id)
      earlier = &batch[k];
  const Operation* existing = e.op(u.id);
  if (earlier) {
    if (!(earlier->action == OperationAction::Start && u.action != OperationAction::Start &&
          (u.type == OperationType::Step || u.type == OperationType::Context)))
      return bad("the same operation may appear twice in a batch only as START then SUCCEED/FAIL/RETRY");
    return ok_status();
  }
  if (!existing)
    return ok_status(); // a new operation: any valid action is accepted
  if (existing->type != u.type)
    return bad("Inconsistent operation type");
  if (existing->sub_type != u.sub_type)
    return bad("Inconsistent operation subtype");
  if (existing->name != u.name)
    return bad("Inconsistent operation name");
  if (existing->parent_id != u.parent_id)
    return bad("Inconsistent operation parent operation id");
  OperationStatus s = existing->status;
  switch (u.type) {
  case OperationType::Step:
    if (u.action == OperationAction::Start && s != OperationStatus::Ready)
      return bad(std::string("START of an existing step requires READY, it is ") + to_string(s));
    if (u.action != OperationAction::Start && s != OperationStatus::Started && s != OperationStatus::Ready)
      return bad(std::string(to_string(u.action)) + " requires STARTED or READY, the step is " +
                 to_string(s));
    break;
  case OperationType::Context:
    if (u.action == OperationAction::Start)
      return bad("the context already exists");
    if (s != OperationStatus::Started)
      return bad(std::string(to_string(u.action)) + " requires a STARTED context, it is " + to_string(s));
    break;
  case OperationType::Wait:
  case OperationType::ChainedInvoke:
    if (u.action == OperationAction::Start)
      return bad("the operation already exists");
    if (s != OperationStatus::Started)
      return bad("CANCEL requires STARTED");
    break;
  case OperationType::Callback:
    return bad("the callback already exists");
  case OperationType::Execution:
    break;
  }
  return ok_status();
}

Result<Service::CheckpointResponse> Service::checkpoint(const std::string& arn, const std::string& token,
                                                        const std::vector<OperationUpdate>& updates,
                                                        int64_t now) {
  Execution* e = execution_mut(arn);
  if (!e)
    return Error{"CheckpointDurableExecution", "ResourceNotFoundException: no execution " + arn};
  CheckpointCallRecord call;
  call.seq = static_cast<int64_t>(e->checkpoint_calls.size()) + 1;
  call.invocation = static_cast<int>(e->invocations.size());
  call.time_ms = now;
  call.token_in = token;
  call.updates = updates;
  std::string current = e->id + ":" + std::to_string(e->token_seq);
  Status status = ok_status();
  if (e->terminal())
    status =
        Error{"CheckpointDurableExecution", std::string("InvalidParameterValueException: the execution is ") +
                                                to_string(e->status) + "; no further checkpoint is accepted"};
  else if (!e->invocation_active || token != current)
    status = Error{"CheckpointDurableExecution", "InvalidParameterValueException: Invalid checkpoint token"};
  for (size_t i = 0; status.ok() && i < updates.size(); ++i)
    status = validate_update(*e, updates[i], updates, i);
  // The documented limits (docs/limits.md): a batch that would cross one is refused like any invalid
  // update, so the SDK fails the execution (a 4xx it cannot retry, durable-semantics.md 4.4).
  std::optional<limits::Breach> breach;
  if (status.ok()) {
    std::optional<limits::Usage> before;
    if (!e->document->simulation.lift_quotas) {
      e->meter.advance(e->events);
      before = e->meter.usage(true);
    }
    breach = limits::check_batch(before ? &*before : nullptr, updates);
    if (breach)
      status = Error{"CheckpointDurableExecution", "InvalidParameterValueException: " + breach->message};
  }
  if (!status.ok()) {
    call.error = status.error().text();
    e->checkpoint_calls.push_back(call);
    batch_for(e->arn);
    m_batch.calls.push_back(call);
    Json data{{"Token", token}};
    if (breach) {
      data["Limit"] = breach->limit;
      data["Source"] = breach->source;
    }
    trace(*e, TraceKind::CheckpointRejected, "", "", call.error, data, now);
    flush();
    return status.error();
  }
  std::vector<std::string> touched;
  for (const auto& u : updates) {
    apply_update(*e, u, now);
    if (u.type != OperationType::Execution)
      touched.push_back(u.id);
  }
  CheckpointResponse response;
  if (!e->terminal()) {
    e->token_seq++;
    response.checkpoint_token = e->id + ":" + std::to_string(e->token_seq);
    call.token_out = *response.checkpoint_token;
  }
  // The delta: what this call changed plus what the service changed since the SDK last looked.
  for (const auto& id : touched)
    if (std::find(e->unseen.begin(), e->unseen.end(), id) == e->unseen.end())
      e->unseen.push_back(id);
  for (const auto& id : e->unseen)
    response.operations.push_back(e->ops.at(id));
  e->unseen.clear();
  e->checkpoint_calls.push_back(call);
  batch_for(e->arn);
  m_batch.calls.push_back(call);
  Json list = Json::array();
  for (const auto& u : updates)
    list.push_back(to_json(u));
  trace(*e, TraceKind::CheckpointCall, updates.empty() ? "" : updates.front().id,
        updates.empty() || !updates.front().name ? "" : *updates.front().name,
        updates.empty() ? "checkpoint (poll)"
                        : std::string("checkpoint ") + to_string(updates.front().type) + " " +
                              to_string(updates.front().action) +
                              (updates.size() > 1 ? " +" + std::to_string(updates.size() - 1) : ""),
        Json{{"Updates", list}, {"Token", token}, {"NewToken", call.token_out}}, now);
  flush();
  return response;
}

// [SECTION] applying updates (2.4 "Effects of each accepted update")

void Service::apply_update(Execution& e, const OperationUpdate& u, int64_t now) {
  if (u.type == OperationType::Execution) {
    // The SDK completes the execution itself only for results too large for the invocation response.
    if (u.action == OperationAction::Succeed)
      complete_execution(e, ExecutionStatus::Succeeded, u.payload, std::nullopt, now);
    else
      complete_execution(e, ExecutionStatus::Failed, std::nullopt, u.error, now);
    return;
  }
  const Operation* existing = e.op(u.id);
  Operation op = existing ? *existing : Operation{};
  if (!existing) {
    op.id = u.id;
    op.parent_id = u.parent_id;
    op.name = u.name;
    op.type = u.type;
    op.sub_type = u.sub_type;
    op.start_timestamp = now;
  }
  switch (u.type) {
  case OperationType::Step: {
    if (!op.step_details)
      op.step_details = StepDetails{};
    StepDetails& d = *op.step_details;
    switch (u.action) {
    case OperationAction::Start:
      op.status = OperationStatus::Started;
      d.next_attempt_timestamp.reset();
      publish(e, op, true);
      emit(e, "StepStarted", &op, Json::object(), now);
      return;
    case OperationAction::Retry:
      op.status = OperationStatus::Pending;
      d.attempt += 1;
      d.next_attempt_timestamp = now + *u.next_attempt_delay_seconds * 1000;
      d.error = u.error;
      if (u.payload)
        d.result = u.payload;
      publish(e, op, true);
      add_timer(Timer{*d.next_attempt_timestamp, TimerKind::RetryReady, e.arn, op.id, d.attempt});
      if (u.error)
        emit(e, "StepFailed", &op,
             Json{{"Error", error_payload(u.error)},
                  {"RetryDetails",
                   {{"CurrentAttempt", d.attempt},
                    {"NextAttemptDelaySeconds", *u.next_attempt_delay_seconds}}}},
             now);
      else
        emit(e, "StepSucceeded", &op,
             Json{{"Result", payload_json(u.payload)},
                  {"RetryDetails",
                   {{"CurrentAttempt", d.attempt},
                    {"NextAttemptDelaySeconds", *u.next_attempt_delay_seconds}}}},
             now);
      return;
    case OperationAction::Succeed:
    case OperationAction::Fail: {
      bool ok = u.action == OperationAction::Succeed;
      op.status = ok ? OperationStatus::Succeeded : OperationStatus::Failed;
      d.attempt += 1;
      d.next_attempt_timestamp.reset();
      op.end_timestamp = now;
      if (ok) {
        d.result = u.payload;
        d.error.reset();
      } else {
        // A FAIL carries no payload; the state of a wait_for_condition's last RETRY is not kept (as the JS
        // local runner's checkpoint server does; differential D4).
        d.result.reset();
        d.error = u.error;
      }
      publish(e, op, true);
      if (ok)
        emit(e, "StepSucceeded", &op,
             Json{{"Result", payload_json(u.payload)}, {"RetryDetails", {{"CurrentAttempt", d.attempt}}}},
             now);
      else
        emit(e, "StepFailed", &op,
             Json{{"Error", error_payload(u.error)}, {"RetryDetails", {{"CurrentAttempt", d.attempt}}}}, now);
      return;
    }
    case OperationAction::Cancel:
      return;
    }
    return;
  }
  case OperationType::Context:
    if (u.action == OperationAction::Start) {
      op.status = OperationStatus::Started;
      op.context_details = ContextDetails{};
      publish(e, op, true);
      emit(e, "ContextStarted", &op, Json::object(), now);
    } else {
      bool ok = u.action == OperationAction::Succeed;
      op.status = ok ? OperationStatus::Succeeded : OperationStatus::Failed;
      op.end_timestamp = now;
      op.context_details = ContextDetails{ok ? u.payload : std::nullopt, ok ? std::nullopt : u.error,
                                          u.replay_children.value_or(false)};
      publish(e, op, true);
      if (ok)
        emit(e, "ContextSucceeded", &op, Json{{"Result", payload_json(u.payload)}}, now);
      else
        emit(e, "ContextFailed", &op, Json{{"Error", error_payload(u.error)}}, now);
    }
    return;
  case OperationType::Wait:
    if (u.action == OperationAction::Start) {
      op.status = OperationStatus::Started;
      op.wait_details = WaitDetails{now + *u.wait_seconds * 1000};
      publish(e, op, true);
      add_timer(Timer{op.wait_details->scheduled_end_timestamp, TimerKind::WaitEnd, e.arn, op.id});
      emit(e, "WaitStarted", &op,
           Json{{"Duration", *u.wait_seconds},
                {"ScheduledEndTimestamp", iso8601(op.wait_details->scheduled_end_timestamp)}},
           now);
    } else {
      op.status = OperationStatus::Cancelled;
      op.end_timestamp = now;
      publish(e, op, true);
      emit(e, "WaitCancelled", &op, Json::object(), now);
    }
    return;
  case OperationType::Callback: {
    op.status = OperationStatus::Started;
    std::string callback_id = make_callback_id(e, op.id);
    op.callback_details = CallbackDetails{callback_id, std::nullopt, std::nullopt};
    m_callbacks[callback_id] = {e.arn, op.id};
    publish(e, op, true);
    Json details{{"CallbackId", callback_id}};
    int64_t timeout = u.callback_timeout_seconds.value_or(0),
            heartbeat = u.callback_heartbeat_timeout_seconds.value_or(0);
    if (timeout > 0) {
      details["Timeout"] = timeout;
      add_timer(Timer{now + timeout * 1000, TimerKind::CallbackTimeout, e.arn, op.id});
    }
    if (heartbeat > 0) {
      details["HeartbeatTimeout"] = heartbeat;
      e.heartbeat_generation[op.id] = 0;
      add_timer(Timer{now + heartbeat * 1000, TimerKind::CallbackHeartbeat, e.arn, op.id, 0,
                      std::to_string(heartbeat)});
    }
    emit(e, "CallbackStarted", &op, details, now);
    // Scripted answers from the document (simulation only): the first unused one for this name. The
    // callback inside a wait_for_callback answers to the wait_for_callback's name.
    const auto& answers = e.document->simulation.callbacks;
    std::optional<std::string> answer_name = op.name;
    if (op.parent_id)
      if (const Operation* parent = e.op(*op.parent_id);
          parent && parent->sub_type == std::string(subtype::kWaitForCallback))
        answer_name = parent->name;
    for (size_t i = 0; i < answers.size(); ++i) {
      std::string key = std::to_string(i);
      if (answer_name && answers[i].callback == *answer_name && !e.used_answers.count(key)) {
        e.used_answers.insert(key);
        if (answers[i].heartbeat_every_seconds > 0) {
          add_timer(Timer{now + answers[i].heartbeat_every_seconds * 1000, TimerKind::ScriptedHeartbeat,
                          e.arn, op.id, static_cast<int>(i), std::to_string(answers[i].heartbeat_count)});
          continue; // a heartbeat script does not consume the callback: a later answer may complete it
        }
        add_timer(Timer{now + answers[i].after_seconds * 1000, TimerKind::ScriptedCallback, e.arn, op.id,
                        static_cast<int>(i)});
        break;
      }
    }
    return;
  }
  case OperationType::ChainedInvoke: {
    if (u.action == OperationAction::Cancel) {
      complete_chained_invoke(e, op.id, OperationStatus::Cancelled, std::nullopt, std::nullopt, now);
      return;
    }
    op.status = OperationStatus::Started;
    op.chained_invoke_details = ChainedInvokeDetails{};
    publish(e, op, true);
    std::string fn = u.function_name.value_or("");
    Json details{{"FunctionName", fn}, {"Input", payload_json(u.payload)}, {"ExecutedVersion", "1"}};
    if (u.tenant_id)
      details["TenantId"] = *u.tenant_id;
    auto target = e.document->functions.find(fn);
    if (target != e.document->functions.end() && target->second.workflow) {
      auto child = start_execution(target->second.workflow, u.payload.value_or("{}"), "", now, e.arn, op.id);
      if (child.ok())
        details["DurableExecutionArn"] = *child;
      emit(e, "ChainedInvokeStarted", &op, details, now);
      if (!child.ok())
        complete_chained_invoke(e, op.id, OperationStatus::Failed, std::nullopt,
                                ErrorObject{"ResourceNotFoundException", child.error().message, {}, {}}, now);
    } else {
      emit(e, "ChainedInvokeStarted", &op, details, now);
      int64_t duration = target == e.document->functions.end() ? 0 : target->second.duration_seconds;
      add_timer(Timer{now + duration * 1000, TimerKind::InvokeTargetDone, e.arn, op.id, 0,
                      json_text(Json{{"function", fn}, {"payload", u.payload.value_or("null")}})});
    }
    return;
  }
  case OperationType::Execution:
    return;
  }
}

// [SECTION] callbacks (3.5)

void Service::complete_callback(Execution& e, const std::string& op_id, OperationStatus status,
                                std::optional<std::string> result, std::optional<ErrorObject> error,
                                int64_t now) {
  Operation op = *e.ops.at(op_id);
  op.status = status;
  op.end_timestamp = now;
  if (result && result->empty())
    result.reset(); // an empty answer is stored as no Result (differential: 7-15)
  op.callback_details->result = std::move(result);
  op.callback_details->error = std::move(error);
  publish(e, op, false);
  if (status == OperationStatus::Succeeded)
    emit(e, "CallbackSucceeded", &op, Json{{"Result", payload_json(op.callback_details->result)}}, now);
  else if (status == OperationStatus::Failed)
    emit(e, "CallbackFailed", &op, Json{{"Error", error_payload(op.callback_details->error)}}, now);
  else
    emit(e, "CallbackTimedOut", &op, Json{{"Error", error_payload(op.callback_details->error)}}, now);
  request_invocation(e, now);
}

// Why a callback takes no answer any more, with when (issue 14: "is no longer open" left the user guessing).
static std::string closed_callback_text(const Execution& e, const Operation& op) {
  std::string name = "the callback '" + op.name.value_or(op.id) + "' of execution " + e.name;
  if (op.status == OperationStatus::Succeeded || op.status == OperationStatus::Failed)
    return name + " was already answered (" + to_string(op.status) +
           (op.end_timestamp ? " at " + iso8601(*op.end_timestamp) : std::string()) +
           "); a callback takes one answer";
  if (op.status == OperationStatus::TimedOut)
    return name + " timed out" + (op.end_timestamp ? " at " + iso8601(*op.end_timestamp) : std::string()) +
           "; it takes no answer any more";
  return name + " takes no answer any more: the execution ended (" + to_string(e.status) +
         (e.end_ms ? " at " + iso8601(*e.end_ms) : std::string()) + ")";
}

static Result<std::pair<Execution*, const Operation*>>
open_callback(const std::unordered_map<std::string, std::pair<std::string, std::string>>& callbacks,
              Service& svc, const std::string& callback_id) {
  auto it = callbacks.find(callback_id);
  if (it == callbacks.end())
    return Error{"CallbackId", "ResourceNotFoundException: no callback with id " + callback_id};
  Execution* e = svc.execution_mut(it->second.first);
  const Operation* op = e ? e->op(it->second.second) : nullptr;
  if (!e || !op)
    return Error{"CallbackId",
                 "CallbackTimeoutException: the callback " + callback_id + " is no longer open"};
  if (!e->imported_from.empty())
    return Error{"CallbackId", "the callback belongs to an imported execution (" + e->imported_from +
                                   "): nothing simulates it, so it cannot be answered here"};
  if (op->status != OperationStatus::Started || e->terminal())
    return Error{"CallbackId", "CallbackTimeoutException: " + closed_callback_text(*e, *op)};
  return std::pair<Execution*, const Operation*>{e, op};
}

std::string Service::callback_execution(const std::string& callback_id) const {
  auto it = m_callbacks.find(callback_id);
  return it == m_callbacks.end() ? "" : it->second.first;
}

Status Service::send_callback_success(const std::string& callback_id, const std::string& result,
                                      int64_t now) {
  auto open = open_callback(m_callbacks, *this, callback_id);
  if (!open.ok())
    return open.error();
  if (result.size() > m_options.max_callback_result_bytes)
    return Error{"Result", "the result is " + std::to_string(result.size()) + " bytes; the limit is 262144"};
  auto [e, op] = *open;
  // Traced after the change it reports (time travel attributes changes to the next entry:
  // engine/recording.hpp); the operation is replaced by then, so its id and name are copied first.
  const std::string op_id = op->id, op_name = op->name.value_or("");
  complete_callback(*e, op_id, OperationStatus::Succeeded, result, std::nullopt, now);
  trace(*e, TraceKind::CallbackReceived, op_id, op_name, "callback succeeded", Json{{"Result", result}}, now);
  flush();
  return ok_status();
}

Status Service::send_callback_failure(const std::string& callback_id, const ErrorObject& error, int64_t now) {
  auto open = open_callback(m_callbacks, *this, callback_id);
  if (!open.ok())
    return open.error();
  auto [e, op] = *open;
  const std::string op_id = op->id, op_name = op->name.value_or(""); // traced after the change (above)
  complete_callback(*e, op_id, OperationStatus::Failed, std::nullopt, error, now);
  trace(*e, TraceKind::CallbackReceived, op_id, op_name, "callback failed", to_json(error), now);
  flush();
  return ok_status();
}

Status Service::send_callback_heartbeat(const std::string& callback_id, int64_t now) {
  auto open = open_callback(m_callbacks, *this, callback_id);
  if (!open.ok())
    return open.error();
  auto [e, op] = *open;
  trace(*e, TraceKind::CallbackReceived, op->id, op->name.value_or(""), "callback heartbeat", Json(), now);
  // A heartbeat produces no history event (7-13); it restarts the heartbeat timer.
  auto gen = e->heartbeat_generation.find(op->id);
  if (gen != e->heartbeat_generation.end()) {
    gen->second++;
    for (const auto& [due, t] : m_timers)
      if (t.kind == TimerKind::CallbackHeartbeat && t.arn == e->arn && t.op_id == op->id) {
        int64_t seconds = std::stoll(t.detail);
        add_timer(
            Timer{now + seconds * 1000, TimerKind::CallbackHeartbeat, e->arn, op->id, gen->second, t.detail});
        break;
      }
  }
  flush();
  return ok_status();
}

Result<std::string> Service::callback_id_by_name(const std::string& arn, const std::string& name) const {
  const Execution* e = execution(arn);
  if (!e)
    return Error{"execution", "no execution with ARN " + arn};
  std::vector<std::string> open;
  std::string closed; // the last callback of that name, when it has been answered or has timed out
  for (const auto& id : e->op_order) {
    const Operation& op = *e->ops.at(id);
    if (op.type != OperationType::Callback)
      continue;
    bool named = op.name == name;
    // wait_for_callback's inner callback is unnamed in JS: match it by its parent context's name.
    if (!named && op.parent_id) {
      const Operation* parent = e->op(*op.parent_id);
      named = parent && parent->name == name && parent->sub_type == std::string(subtype::kWaitForCallback);
    }
    if (named && op.status == OperationStatus::Started)
      return op.callback_details->callback_id;
    if (named && (op.status == OperationStatus::Succeeded || op.status == OperationStatus::Failed ||
                  op.status == OperationStatus::TimedOut))
      closed = closed_callback_text(*e, op);
    if (op.status == OperationStatus::Started)
      open.push_back(op.name.value_or("(unnamed)"));
  }
  std::string list;
  for (const auto& n : open)
    list += (list.empty() ? "" : ", ") + n;
  if (!closed.empty())
    return Error{"--name " + name, closed};
  return Error{"--name " + name,
               "no open callback named '" + name + "'" +
                   (list.empty() ? " (no callback is open)" : " (open callbacks: " + list + ")")};
}

// [SECTION] chained invoke completion

void Service::complete_chained_invoke(Execution& e, const std::string& op_id, OperationStatus status,
                                      std::optional<std::string> result, std::optional<ErrorObject> error,
                                      int64_t now) {
  const Operation* existing = e.op(op_id);
  if (!existing || existing->status != OperationStatus::Started || e.terminal())
    return;
  Operation op = *existing;
  op.status = status;
  op.end_timestamp = now;
  op.chained_invoke_details = ChainedInvokeDetails{result, error};
  publish(e, op, false);
  switch (status) {
  case OperationStatus::Succeeded:
    emit(e, "ChainedInvokeSucceeded", &op, Json{{"Result", payload_json(result)}}, now);
    break;
  case OperationStatus::Failed:
    emit(e, "ChainedInvokeFailed", &op, Json{{"Error", error_payload(error)}}, now);
    break;
  case OperationStatus::TimedOut:
    emit(e, "ChainedInvokeTimedOut", &op, Json{{"Error", error_payload(error)}}, now);
    break;
  case OperationStatus::Stopped:
    emit(e, "ChainedInvokeStopped", &op, Json{{"Error", error_payload(error)}}, now);
    break;
  default:
    emit(e, "ChainedInvokeCancelled", &op, Json::object(), now);
    break;
  }
  request_invocation(e, now);
}

void Service::on_child_execution_done(const Execution& child, int64_t now) {
  Execution* parent = execution_mut(child.parent_arn);
  if (!parent)
    return;
  OperationStatus s = child.status == ExecutionStatus::Succeeded  ? OperationStatus::Succeeded
                      : child.status == ExecutionStatus::Failed   ? OperationStatus::Failed
                      : child.status == ExecutionStatus::TimedOut ? OperationStatus::TimedOut
                                                                  : OperationStatus::Stopped;
  complete_chained_invoke(*parent, child.parent_op_id, s, child.result, child.error, now);
}

// [SECTION] timers

std::optional<int64_t> Service::next_timer_due() const {
  if (m_timers.empty())
    return std::nullopt;
  return m_timers.begin()->first;
}

int Service::fire_due_timers(int64_t now) {
  int fired = 0;
  while (!m_timers.empty() && m_timers.begin()->first <= now) {
    Timer t = m_timers.begin()->second;
    m_timers.erase(m_timers.begin());
    fire(t, now);
    ++fired;
  }
  flush();
  return fired;
}

void Service::fire(const Timer& t, int64_t /*now: events happen at their due time*/) {
  Execution* e = execution_mut(t.arn);
  if (!e || e->terminal())
    return;
  const Operation* op = t.op_id.empty() ? nullptr : e->op(t.op_id);
  int64_t at = t.due; // the event happens at its due time even when the clock jumped past it
  switch (t.kind) {
  case TimerKind::WaitEnd: {
    if (!op || op->status != OperationStatus::Started)
      return;
    Operation next = *op;
    next.status = OperationStatus::Succeeded;
    next.end_timestamp = at;
    publish(*e, next, false);
    emit(*e, "WaitSucceeded", &next, Json{{"Duration", (at - next.start_timestamp) / 1000}}, at);
    trace(*e, TraceKind::TimerFired, next.id, next.name.value_or(""), "wait ended", Json(), at);
    request_invocation(*e, at);
    return;
  }
  case TimerKind::RetryReady: {
    if (!op || op->status != OperationStatus::Pending || !op->step_details ||
        op->step_details->attempt != t.index)
      return;
    Operation next = *op;
    next.status = OperationStatus::Ready;
    next.step_details->next_attempt_timestamp.reset();
    publish(*e, next, false);
    trace(*e, TraceKind::TimerFired, next.id, next.name.value_or(""), "retry time reached: step READY",
          Json(), at);
    request_invocation(*e, at);
    return;
  }
  case TimerKind::CallbackTimeout:
    if (!op || op->status != OperationStatus::Started)
      return;
    {
      const std::string op_id = op->id, op_name = op->name.value_or(""); // traced after the change
      complete_callback(*e, op_id, OperationStatus::TimedOut, std::nullopt,
                        ErrorObject{"Callback.Timeout", "Callback timed out", {}, {}}, at);
      trace(*e, TraceKind::TimerFired, op_id, op_name, "callback timed out", Json(), at);
      return;
    }
  case TimerKind::CallbackHeartbeat:
    if (!op || op->status != OperationStatus::Started || e->heartbeat_generation[op->id] != t.index)
      return;
    {
      const std::string op_id = op->id, op_name = op->name.value_or(""); // traced after the change
      complete_callback(*e, op_id, OperationStatus::TimedOut, std::nullopt,
                        ErrorObject{"Callback.Heartbeat", "Callback timed out on heartbeat", {}, {}}, at);
      trace(*e, TraceKind::TimerFired, op_id, op_name, "callback heartbeat timed out", Json(), at);
      return;
    }
  case TimerKind::ExecutionTimeout:
    trace(*e, TraceKind::TimerFired, e->id, e->name, "execution timeout reached", Json(), at);
    complete_execution(*e, ExecutionStatus::TimedOut, std::nullopt,
                       ErrorObject{"Execution.Timeout",
                                   "Execution timed out after " +
                                       std::to_string(e->document->function.execution_timeout) + " seconds.",
                                   {},
                                   {}},
                       at);
    return;
  case TimerKind::StopExecution:
    trace(*e, TraceKind::TimerFired, e->id, e->name, "StopDurableExecution (simulation plan)", Json(), at);
    complete_execution(*e, ExecutionStatus::Stopped, std::nullopt,
                       ErrorObject{"StopDurableExecution", "Execution stopped", {}, {}}, at);
    return;
  case TimerKind::ScriptedCallback: {
    if (!op || op->status != OperationStatus::Started)
      return;
    const auto& answer = e->document->simulation.callbacks.at(static_cast<size_t>(t.index));
    if (answer.succeed) {
      std::string text =
          answer.succeed->is_string() ? answer.succeed->get<std::string>() : to_js_json(*answer.succeed);
      (void)send_callback_success(op->callback_details->callback_id, text, at);
    } else if (answer.fail) {
      ErrorObject err{answer.fail->type, answer.fail->message, {}, {}};
      if (answer.fail->data)
        err.error_data = to_js_json(*answer.fail->data);
      (void)send_callback_failure(op->callback_details->callback_id, err, at);
    }
    return;
  }
  case TimerKind::ScriptedHeartbeat: {
    if (!op || op->status != OperationStatus::Started)
      return;
    int64_t remaining = parse_int64(t.detail).value_or(0); // a damaged stored timer sends no more
    if (remaining <= 0)
      return;
    (void)send_callback_heartbeat(op->callback_details->callback_id, at);
    const auto& answer = e->document->simulation.callbacks.at(static_cast<size_t>(t.index));
    add_timer(Timer{at + answer.heartbeat_every_seconds * 1000, TimerKind::ScriptedHeartbeat, e->arn, op->id,
                    t.index, std::to_string(remaining - 1)});
    return;
  }
  case TimerKind::InvokeTargetDone: {
    if (!op || op->status != OperationStatus::Started)
      return;
    // The timer carries the function the START named and the payload it was sent.
    auto call = parse_json(t.detail);
    std::string fn = call.ok() && call->is_object() ? call->value("function", "") : "";
    std::string sent = call.ok() && call->is_object() ? call->value("payload", "null") : "null";
    auto it = e->document->functions.find(fn);
    if (it == e->document->functions.end()) {
      complete_chained_invoke(*e, op->id, OperationStatus::Failed, std::nullopt,
                              ErrorObject{"ResourceNotFoundException", "Function not found: " + fn, {}, {}},
                              at);
      return;
    }
    const workflow::InvokeTarget& target_fn = it->second;
    if (target_fn.throws) {
      ErrorObject err{target_fn.throws->type, target_fn.throws->message, {}, {}};
      complete_chained_invoke(*e, op->id, OperationStatus::Failed, std::nullopt, err, at);
      return;
    }
    // A plain target returns its `returns` value; "${payload}" inside it echoes the payload it was sent.
    std::string rendered = to_js_json(target_fn.returns);
    if (target_fn.returns.is_string() && target_fn.returns.get<std::string>() == "${payload}") {
      auto payload = parse_json(sent);
      rendered = payload.ok() ? to_js_json(*payload) : "null";
    }
    complete_chained_invoke(*e, op->id, OperationStatus::Succeeded, rendered, std::nullopt, at);
    return;
  }
  case TimerKind::ReInvoke:
    trace(*e, TraceKind::TimerFired, e->id, e->name, "re-invoking after a failed invocation", Json(), at);
    request_invocation(*e, at);
    return;
  }
}

// [SECTION] persistence

Json Service::internal_state(const Execution& e) const {
  Json timers = Json::array();
  for (const auto& [due, t] : m_timers)
    if (t.arn == e.arn)
      timers.push_back({{"due", t.due},
                        {"kind", static_cast<int>(t.kind)},
                        {"op", t.op_id},
                        {"index", t.index},
                        {"detail", t.detail}});
  Json hb = Json::object();
  for (const auto& [id, g] : e.heartbeat_generation)
    hb[id] = g;
  Json state{{"token_seq", e.token_seq},
             {"needs_invocation", e.needs_invocation},
             {"invoke_not_before", e.invoke_not_before},
             {"consecutive_failures", e.consecutive_failures},
             {"unseen", e.unseen},
             {"used_answers", e.used_answers},
             {"fired_faults", e.fired_faults},
             {"heartbeat_generation", hb},
             {"parent_arn", e.parent_arn},
             {"parent_op_id", e.parent_op_id},
             {"timers", timers}};
  if (e.branched_from)
    state["branched_from"] = Json{{"arn", e.branched_from->arn},
                                  {"name", e.branched_from->name},
                                  {"point", e.branched_from->point},
                                  {"what", e.branched_from->what}};
  return state;
}

int Service::recover_interrupted_invocation(const std::string& arn, int64_t now) {
  Execution* e = execution_mut(arn);
  // A stored invocation that ended has its end time (the virtual clock never reads 0).
  if (!e || e->invocation_active || e->invocations.empty() || e->invocations.back().end_ms != 0)
    return 0;
  InvocationRecord rec = e->invocations.back();
  ErrorObject error{"Runtime.ExitError",
                    "the invocation never reported back: the process running it stopped (a killed "
                    "durable-sim, a closed or reloaded page), treated as a crashed runtime",
                    {},
                    {}};
  if (e->terminal()) { // ended by its own checkpoint before the process stopped: only the record closes
    rec.end_ms = std::max(now, rec.start_ms);
    rec.outcome = InvocationOutcome::Crashed;
    rec.error = error;
    e->invocations.back() = rec;
    batch_for(e->arn);
    m_batch.invocations.push_back(rec);
    flush();
    return rec.index;
  }
  e->invocation_active = true; // as it was when the process stopped
  trace(*e, TraceKind::Crash, "", "", "invocation " + std::to_string(rec.index) + " never reported back",
        Json{{"Recovered", true}}, now);
  end_invocation(arn, InvocationOutput{InvocationOutcome::Crashed, std::nullopt, error}, now, rec);
  return rec.index;
}

namespace {

// The stored service state is checked field by field before any typed access: nlohmann's typed getters
// throw on a wrong type, and a throw aborts (no exceptions in this build). A tampered or damaged row
// gives an error naming the field instead (issue 14).
Status check_service_state(const Json& s, size_t scripted_answers) {
  auto bad = [](const std::string& field, const char* want) {
    return Error{"executions.service_state", "field '" + field + "' is not " + want};
  };
  if (!s.is_object())
    return Error{"executions.service_state", "expected a JSON object"};
  for (const char* key : {"token_seq", "invoke_not_before", "consecutive_failures"})
    if (const Json* v = find_member(s, key); v && !v->is_number_integer())
      return bad(key, "an integer");
  if (const Json* v = find_member(s, "needs_invocation"); v && !v->is_boolean())
    return bad("needs_invocation", "true or false");
  for (const char* key : {"parent_arn", "parent_op_id"})
    if (const Json* v = find_member(s, key); v && !v->is_string())
      return bad(key, "a string");
  if (const Json* v = find_member(s, "branched_from")) {
    if (!v->is_object())
      return bad("branched_from", "an object");
    for (const char* key : {"arn", "name", "what"})
      if (const Json* f = find_member(*v, key); f && !f->is_string())
        return bad(std::string("branched_from.") + key, "a string");
    if (const Json* f = find_member(*v, "point"); f && !f->is_number_unsigned())
      return bad("branched_from.point", "a whole number");
  }
  for (const char* key : {"unseen", "used_answers", "fired_faults"})
    if (const Json* v = find_member(s, key))
      if (!v->is_array() || !std::all_of(v->begin(), v->end(), [](const Json& x) { return x.is_string(); }))
        return bad(key, "a list of strings");
  if (const Json* v = find_member(s, "heartbeat_generation"))
    if (!v->is_object() ||
        !std::all_of(v->begin(), v->end(), [](const Json& x) { return x.is_number_integer(); }))
      return bad("heartbeat_generation", "an object of integers");
  if (const Json* timers = find_member(s, "timers")) {
    if (!timers->is_array())
      return bad("timers", "a list");
    for (size_t i = 0; i < timers->size(); ++i) {
      const Json& t = (*timers)[i];
      std::string at = "timers[" + std::to_string(i) + "]";
      if (!t.is_object())
        return bad(at, "an object");
      for (const char* key : {"due", "kind", "index"})
        if (const Json* v = find_member(t, key); v && !v->is_number_integer())
          return bad(at + "." + key, "an integer");
      for (const char* key : {"op", "detail"})
        if (const Json* v = find_member(t, key); v && !v->is_string())
          return bad(at + "." + key, "a string");
      int64_t kind = t.value("kind", int64_t{0});
      if (kind < 0 || kind > static_cast<int64_t>(TimerKind::ReInvoke)) // ReInvoke: the last kind
        return bad(at + ".kind", "a known timer kind");
      int64_t index = t.value("index", int64_t{0});
      bool scripted = kind == static_cast<int64_t>(TimerKind::ScriptedCallback) ||
                      kind == static_cast<int64_t>(TimerKind::ScriptedHeartbeat);
      if (scripted && (index < 0 || static_cast<uint64_t>(index) >= scripted_answers))
        return bad(at + ".index", "a scripted callback answer of the execution's document");
    }
  }
  return ok_status();
}

} // namespace

Status Service::restore_execution(Execution execution, const Json& s) {
  if (m_executions.count(execution.arn))
    return Error{"execution", "execution " + execution.arn + " is already loaded"};
  size_t scripted = execution.document ? execution.document->simulation.callbacks.size() : 0;
  if (auto st = check_service_state(s, scripted); !st.ok())
    return Error{st.error().where, "execution " + execution.arn + ": " + st.error().message};
  auto e = std::make_unique<Execution>(std::move(execution));
  e->token_seq = s.value("token_seq", int64_t{0});
  e->needs_invocation = s.value("needs_invocation", false);
  e->invoke_not_before = s.value("invoke_not_before", int64_t{0});
  e->consecutive_failures = s.value("consecutive_failures", 0);
  e->invocation_active = false; // a process that died mid-invocation: the service re-invokes
  if (const Json* u = find_member(s, "unseen"))
    for (const auto& id : *u)
      e->unseen.push_back(id.get<std::string>());
  if (const Json* u = find_member(s, "used_answers"))
    for (const auto& id : *u)
      e->used_answers.insert(id.get<std::string>());
  if (const Json* u = find_member(s, "fired_faults"))
    for (const auto& id : *u)
      e->fired_faults.insert(id.get<std::string>());
  if (const Json* hb = find_member(s, "heartbeat_generation"))
    for (auto it = hb->begin(); it != hb->end(); ++it)
      e->heartbeat_generation[it.key()] = it.value().get<int>();
  e->parent_arn = s.value("parent_arn", "");
  e->parent_op_id = s.value("parent_op_id", "");
  if (const Json* b = find_member(s, "branched_from"))
    e->branched_from = Execution::BranchOrigin{b->value("arn", ""), b->value("name", ""),
                                               b->value("point", size_t{0}), b->value("what", "")};
  if (const Json* timers = find_member(s, "timers"))
    for (const auto& t : *timers) {
      add_timer(Timer{t.value("due", int64_t{0}), static_cast<TimerKind>(t.value("kind", 0)), e->arn,
                      t.value("op", ""), t.value("index", 0), t.value("detail", "")});
    }
  for (const auto& id : e->op_order) {
    const Operation& op = *e->ops.at(id);
    if (op.callback_details)
      m_callbacks[op.callback_details->callback_id] = {e->arn, op.id};
  }
  m_next_execution++;
  m_order.push_back(e->arn);
  m_executions[e->arn] = std::move(e);
  return ok_status();
}

void Service::announce_execution(const std::string& arn) {
  flush();
  const Execution* e = execution(arn);
  if (e == nullptr)
    return;
  batch_for(arn);
  for (const std::string& id : e->op_order)
    m_batch.operations.push_back(e->ops.at(id));
  m_batch.events = e->events;
  m_batch.calls = e->checkpoint_calls;
  m_batch.invocations = e->invocations;
  m_batch.execution_changed = true;
  flush();
}

Status Service::replace_input(const std::string& arn, const std::string& input_json) {
  Execution* e = execution_mut(arn);
  if (e == nullptr)
    return Error{"execution", "no execution with ARN " + arn};
  if (input_json.size() > 6 * 1024 * 1024)
    return Error{"input", "the input is " + std::to_string(input_json.size()) +
                              " bytes; the service accepts at most 6 MB"};
  e->input_payload = input_json;
  Operation op = *e->ops.at(e->id);
  op.execution_details = ExecutionDetails{input_json};
  publish(*e, std::move(op), true);
  m_batch.execution_changed = true;
  flush();
  return ok_status();
}

} // namespace dp::engine
