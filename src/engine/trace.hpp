// The trace: everything that happened, in order, for the UI's timeline and for tests. One entry per
// invocation start/end, operation executed, checkpoint call, timer, callback, crash, log line, and one per
// run of replayed operations.
//
// Replays are the bulk of a long execution (every invocation replays everything before it), so they are
// recorded compactly: the operations one invocation replays back to back (nothing else traced between
// them, at one virtual time) share one OperationReplayed entry, with no operation_id or name and
//   data = {"Replayed": [[first, count, what], ...], "What": ["step (stored result)", ...],
//           "Names": {"<index>": "name"}}
// `first`/`count`: a range of indexes into the execution's operations in start order (Execution::op_order);
// `what`: an index into "What", the words the per-operation entry had after "replayed "; "Names" (rare,
// usually absent): an operation replayed under another name than its stored one. An OperationReplayed
// entry with an operation_id and no "Replayed" is one replayed operation (traces stored before, and
// EngineOptions::compact_replays = false). engine::replayed_operations (replay_trace.hpp) expands either
// form.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json.hpp"

namespace dp::engine {

enum class TraceKind {
  ExecutionStarted,
  InvocationStarted,
  OperationReplayed, // the SDK returned stored results without running user code (a run: see above)
  OperationExecuted, // the SDK ran it (a step body, a new wait, a new callback ...)
  StepBodyRan,       // a step body ran to its end (simulated side effect)
  CheckpointCall,    // CheckpointDurableExecution: data = {"Updates": [...], "Token": in, "NewToken": out}
  CheckpointRejected,
  TimerFired,       // a wait ended, a retry became READY, a callback timed out ...
  CallbackReceived, // SendDurableExecutionCallback* from outside
  Crash,            // an injected fault ended the invocation
  NonDeterminism,
  InvocationEnded, // data = {"Status": "SUCCEEDED"|"FAILED"|"PENDING"|..., "Error": ...}
  ExecutionCompleted,
  Log,             // replay-aware log line (only when not replaying)
  HandlerReplaced, // code changed between invocations (simulation only)
  ClockAdvanced,
  // Plain handler code outside any step computed a value (a `let`, or a call of random(), uuid() or now() in
  // a log, if, return, raise, invoke payload, map items or initial state); it runs again on every
  // invocation. data = {"Statement": path, "Key": the place (same on every invocation), "Variable" and
  // "Value" (let), "Calls": [{"Function", "Value"}, ...], "Condition" (if)}; engine::value_changes
  // (value_trace.hpp) pairs each with the same place's entry in the previous invocation.
  ValueComputed,
};
inline constexpr const char* kTraceKindNames[] = {"ExecutionStarted",   "InvocationStarted",
                                                  "OperationReplayed",  "OperationExecuted",
                                                  "StepBodyRan",        "CheckpointCall",
                                                  "CheckpointRejected", "TimerFired",
                                                  "CallbackReceived",   "Crash",
                                                  "NonDeterminism",     "InvocationEnded",
                                                  "ExecutionCompleted", "Log",
                                                  "HandlerReplaced",    "ClockAdvanced",
                                                  "ValueComputed"};
static_assert(std::size(kTraceKindNames) == static_cast<size_t>(TraceKind::ValueComputed) + 1);
inline const char* to_string(TraceKind k) {
  return kTraceKindNames[static_cast<int>(k)];
}

struct TraceEvent {
  int64_t seq = 0;
  int64_t time_ms = 0;
  std::string execution_arn;
  int invocation = 0; // 1-based invocation index; 0 between invocations
  TraceKind kind = TraceKind::ExecutionStarted;
  std::string operation_id;
  std::string name;
  std::string text; // one line for people
  Json data;        // structured detail
};

Json to_json(const TraceEvent& e);

} // namespace dp::engine
