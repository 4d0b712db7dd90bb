// The trace: everything that happened, in order, for the UI's timeline and for tests. One entry per
// invocation start/end, operation replayed or executed, checkpoint call, timer, callback, crash, log line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json.hpp"

namespace dp::engine {

enum class TraceKind {
  ExecutionStarted,
  InvocationStarted,
  OperationReplayed, // the SDK returned a stored result without running user code
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
};
inline constexpr const char* kTraceKindNames[] = {"ExecutionStarted",   "InvocationStarted",
                                                  "OperationReplayed",  "OperationExecuted",
                                                  "StepBodyRan",        "CheckpointCall",
                                                  "CheckpointRejected", "TimerFired",
                                                  "CallbackReceived",   "Crash",
                                                  "NonDeterminism",     "InvocationEnded",
                                                  "ExecutionCompleted", "Log",
                                                  "HandlerReplaced",    "ClockAdvanced"};
static_assert(std::size(kTraceKindNames) == static_cast<size_t>(TraceKind::ClockAdvanced) + 1);
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
