// The simulated durable execution service (the control plane of DESIGN.md 1): executions, the checkpoint
// API with its token and validation, GetDurableExecutionState, the callback APIs, StopDurableExecution,
// history events, timers, re-invocation and the execution timeout. It knows nothing of the SDK: the runtime
// talks to it only through the AWS shapes. It never reads a real clock: `now` is handed in.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"
#include "engine/aws_shapes.hpp"
#include "engine/limits.hpp"
#include "engine/trace.hpp"
#include "workflow/document.hpp"

namespace dp::engine {

struct ServiceOptions {
  int failed_invocation_budget = 5;            // consecutive failed invocations before the execution fails
  int64_t failed_invocation_backoff_ms = 5000; // Python local runner: 5 attempts, 5 s apart (spec 3.7)
  size_t max_step_result_bytes =
      262'144;                     // "STEP output payload size must be less than or equal to 262144 bytes"
  size_t max_error_bytes = 32'768; // local runners' limit on an update's Error
  size_t max_callback_result_bytes = 262'144;
  std::string account = "123456789012";
};

// How one invocation ended, from the service's point of view.
enum class InvocationOutcome { Succeeded, Failed, Pending, Crashed, TimedOut, Rejected };
const char* to_string(InvocationOutcome o);

struct InvocationRecord {
  int index = 0; // 1-based
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  InvocationOutcome outcome = InvocationOutcome::Pending;
  int replayed = 0;    // operations the SDK answered from stored state
  int executed = 0;    // operations the SDK started or ran
  int checkpoints = 0; // CheckpointDurableExecution calls
  std::optional<ErrorObject> error;
};

struct CheckpointCallRecord {
  int64_t seq = 0;
  int invocation = 0;
  int64_t time_ms = 0;
  std::string token_in;
  std::string token_out; // empty when the execution completed (no new token) or the call failed
  std::vector<OperationUpdate> updates;
  std::string error; // the service's rejection, if any
};

// What the SDK sends back when an invocation ends (3.2).
struct InvocationOutput {
  InvocationOutcome outcome =
      InvocationOutcome::Pending;    // Succeeded, Failed, Pending; Crashed/TimedOut for faults
  std::optional<std::string> result; // SUCCEEDED: JSON text
  std::optional<ErrorObject> error;
};

// Everything the service keeps about one execution.
struct Execution {
  std::string arn;
  std::string id; // last ARN segment; also the EXECUTION operation's Id
  std::string name;
  std::shared_ptr<const workflow::Document> document;
  ExecutionStatus status = ExecutionStatus::Running;
  int64_t start_ms = 0;
  std::optional<int64_t> end_ms;
  std::string input_payload;
  std::optional<std::string> result;
  std::optional<ErrorObject> error;
  std::string parent_arn;   // set for a durable invoke target: the caller's execution
  std::string parent_op_id; // and its CHAINED_INVOKE operation
  // Set for a branch (engine/branch.hpp, simulation only): the execution it shares its history with up to
  // a point, and what it did differently there. Kept in the executions row's service state (no schema
  // change), so it survives a reload.
  struct BranchOrigin {
    std::string arn;
    std::string name;
    size_t point = 0; // 1-based point of the origin's time travel (its trace) the branch starts after
    std::string what; // what differs, for people ("the callback 'approval' failed")
  };
  std::optional<BranchOrigin> branched_from;
  // Set for an execution imported from a history (issue 13): where it came from ("aws-history: FILE",
  // "sam: FILE"). No simulation stands behind it: no document handler ran, nothing is ever invoked.
  std::string imported_from;

  std::vector<std::string> op_order; // ids in start order
  std::unordered_map<std::string, OperationPtr> ops;
  std::vector<HistoryEvent> events;
  std::vector<InvocationRecord> invocations;
  std::vector<CheckpointCallRecord> checkpoint_calls;

  // Service-internal state
  int64_t token_seq = 0;
  bool invocation_active = false;
  bool needs_invocation = false;
  int64_t invoke_not_before = 0;
  int consecutive_failures = 0;
  std::vector<std::string> unseen;    // ops changed by the service since the SDK last saw them
  std::set<std::string> used_answers; // simulation.callbacks entries already scheduled ("index")
  std::set<std::string> fired_faults; // simulation.faults entries already fired ("index")
  std::map<std::string, int>
      heartbeat_generation; // callback op id -> generation (resets the heartbeat timer)
  limits::Meter meter;      // usage against the quotas, brought up to date at each checkpoint

  const Operation* op(const std::string& op_id) const {
    auto it = ops.find(op_id);
    return it == ops.end() ? nullptr : it->second.get();
  }
  bool terminal() const { return status != ExecutionStatus::Running; }
};

enum class TimerKind {
  WaitEnd,
  RetryReady,
  CallbackTimeout,
  CallbackHeartbeat,
  ExecutionTimeout,
  ScriptedCallback, // an answer from the document's simulation.callbacks (simulation only)
  ScriptedHeartbeat,
  StopExecution,    // simulation.stop_after_seconds
  InvokeTargetDone, // a plain (non-durable) invoke target finished
  ReInvoke,         // retry of a failed invocation after the backoff
};

struct Timer {
  int64_t due = 0;
  TimerKind kind = TimerKind::WaitEnd;
  std::string arn;
  std::string op_id;
  int index = 0;      // answer index, heartbeat generation, remaining count ...
  std::string detail; // free data (JSON text) for the timer's action
};

// Observers see every state change in batches (the store writes each batch in one transaction).
struct ChangeBatch {
  std::string arn;
  std::vector<OperationPtr> operations;      // upserted
  std::vector<HistoryEvent> events;          // appended
  std::vector<CheckpointCallRecord> calls;   // appended
  std::vector<InvocationRecord> invocations; // upserted by index
  bool execution_changed = false;
};
using ChangeListener = std::function<void(const ChangeBatch&)>;
// Sees every operation version the moment it is published, before its batch is flushed (time travel
// records each with its position in the trace: engine/recording.hpp).
using PublishObserver = std::function<void(const Execution&, const OperationPtr&, bool inserted)>;
using TraceSink = std::function<void(TraceEvent)>;

class Service {
public:
  Service(ServiceOptions options, TraceSink trace);

  // [SECTION] Control plane
  // Starts an execution: EXECUTION operation, ExecutionStarted event, first invocation requested.
  Result<std::string> start_execution(std::shared_ptr<const workflow::Document> doc,
                                      const std::string& input_json, const std::string& name, int64_t now,
                                      const std::string& parent_arn = "",
                                      const std::string& parent_op_id = "", const std::string& id = "");
  Status stop_execution(const std::string& arn, std::optional<ErrorObject> error, int64_t now);

  // [SECTION] Data plane (what the SDK calls during an invocation)
  struct InvocationInput {
    std::string arn;
    std::string checkpoint_token;
    std::vector<OperationPtr> operations; // GetDurableExecutionState: completed contexts' children omitted
    int index = 0;
  };
  Result<InvocationInput> begin_invocation(const std::string& arn, int64_t now);
  struct CheckpointResponse {
    std::optional<std::string> checkpoint_token;
    std::vector<OperationPtr> operations; // the delta
  };
  Result<CheckpointResponse> checkpoint(const std::string& arn, const std::string& token,
                                        const std::vector<OperationUpdate>& updates, int64_t now);
  void end_invocation(const std::string& arn, const InvocationOutput& output, int64_t now,
                      const InvocationRecord& counts);

  // [SECTION] Callback APIs (external systems)
  Status send_callback_success(const std::string& callback_id, const std::string& result, int64_t now);
  Status send_callback_failure(const std::string& callback_id, const ErrorObject& error, int64_t now);
  Status send_callback_heartbeat(const std::string& callback_id, int64_t now);
  // Finds a pending callback of an execution by its operation name.
  Result<std::string> callback_id_by_name(const std::string& arn, const std::string& name) const;
  // The execution a callback id belongs to ("" when no execution here issued it).
  std::string callback_execution(const std::string& callback_id) const;

  // [SECTION] Time
  std::optional<int64_t> next_timer_due() const;
  // Fires every timer due at or before now; returns how many fired.
  int fire_due_timers(int64_t now);
  // Executions that want an invocation now (not active, requested, backoff elapsed), in start order.
  std::vector<std::string> runnable_executions(int64_t now) const;

  // [SECTION] Reading
  const Execution* execution(const std::string& arn) const;
  Execution* execution_mut(const std::string& arn);
  const std::vector<std::string>& execution_order() const { return m_order; }
  const std::multimap<int64_t, Timer>& timers() const { return m_timers; }
  void set_change_listener(ChangeListener listener) { m_listener = std::move(listener); }
  void set_publish_observer(PublishObserver observer) { m_publish_observer = std::move(observer); }

  // [SECTION] Persistence: the service-internal part of an execution, and restoring one
  Json internal_state(const Execution& e) const;
  Status restore_execution(Execution execution, const Json& internal_state);
  // After a restore: an invocation that began but never ended was running in a process that stopped (a
  // killed durable-sim, a closed or reloaded tab). Lambda treats an invocation that never reports back
  // as failed (Runtime.ExitError) and invokes again after its backoff; replay then continues from the last
  // committed checkpoint. Returns the invocation's index, or 0 when the execution has none to recover.
  int recover_interrupted_invocation(const std::string& arn, int64_t now);
  // Hands the whole of execution `arn` to the change listener in one batch (an execution restored into
  // this service from elsewhere, a branch built in a private engine, must reach the store).
  void announce_execution(const std::string& arn);
  // A branch that changes the input (simulation only): the EXECUTION operation carries `input_json` from
  // now on, so the invocations after this one receive it; stored results keep what they were.
  Status replace_input(const std::string& arn, const std::string& input_json);

private:
  ServiceOptions m_options;
  TraceSink m_trace;
  ChangeListener m_listener;
  PublishObserver m_publish_observer;
  std::vector<std::string> m_order;
  std::unordered_map<std::string, std::unique_ptr<Execution>> m_executions;
  std::unordered_map<std::string, std::pair<std::string, std::string>>
      m_callbacks; // callback id -> (arn, op id)
  std::multimap<int64_t, Timer> m_timers;
  int64_t m_next_execution = 1;

  // helpers (service.cpp)
  ChangeBatch m_batch;
  void flush();
  void batch_for(const std::string& arn); // flushes a batch of another execution first
  void emit(Execution& e, const std::string& type, const Operation* op, Json details, int64_t now);
  void publish(Execution& e, Operation op, bool seen_by_sdk);
  void trace(const Execution& e, TraceKind kind, const std::string& op_id, const std::string& name,
             std::string text, Json data, int64_t now);
  void add_timer(Timer t);
  Status validate_update(const Execution& e, const OperationUpdate& u,
                         const std::vector<OperationUpdate>& batch, size_t index) const;
  void apply_update(Execution& e, const OperationUpdate& u, int64_t now);
  void complete_execution(Execution& e, ExecutionStatus status, std::optional<std::string> result,
                          std::optional<ErrorObject> error, int64_t now);
  void request_invocation(Execution& e, int64_t not_before);
  void fire(const Timer& t, int64_t now);
  void complete_callback(Execution& e, const std::string& op_id, OperationStatus status,
                         std::optional<std::string> result, std::optional<ErrorObject> error, int64_t now);
  void complete_chained_invoke(Execution& e, const std::string& op_id, OperationStatus status,
                               std::optional<std::string> result, std::optional<ErrorObject> error,
                               int64_t now);
  void on_child_execution_done(const Execution& child, int64_t now);
  std::vector<OperationPtr> visible_operations(const Execution& e) const;
  std::string make_callback_id(const Execution& e, const std::string& op_id) const;
};

} // namespace dp::engine
