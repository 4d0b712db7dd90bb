// Time travel (issue 9): what an execution looked like right after any entry of the trace, rebuilt from a
// recording instead of re-simulating. The engine's objects hold only the latest state, but operations are
// immutable once published (OperationPtr), so keeping every version costs a pointer; history events,
// checkpoint calls and invocations are append-only lists, so a size per trace entry is enough. The state
// after entry N is then the versions published before entry N was recorded and the lists cut at N's sizes:
// O(what existed then), no engine involved, and the live engine is never touched.
//
//   Recording recording;
//   recording.attach(engine);                        // before the executions to travel in start
//   auto points = trace_points(engine.trace(), arn); // one per entry, one per replayed operation
//   Execution then = recording.state_after(*engine.execution(arn), points[12].entry);
//
// Attribution: a change belongs to the first trace entry recorded after it (the service records what it
// did after doing it: apply a checkpoint, then trace it). The few places that trace first and change after
// (a callback timing out) show the change at the execution's next entry.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/service.hpp"
#include "engine/trace.hpp"

namespace dp::engine {

class Engine;

// One position in an execution's past: a trace entry, or inside a compact OperationReplayed entry
// (trace.hpp) the first `replayed` operations of its run, so each replayed operation is a point of its own.
struct TracePoint {
  size_t entry = 0;    // index into Engine::trace()
  size_t replayed = 0; // OperationReplayed entries: 1..count; 0 for every other kind
};

// The points of execution `arn`, in order.
std::vector<TracePoint> trace_points(const std::vector<TraceEvent>& trace, const std::string& arn);

class Recording {
public:
  // Installs the engine's observers (replacing any). Executions started from now on are recorded; those
  // restored from a store before (or started earlier) are not: covers() says which.
  void attach(Engine& engine);
  bool covers(const std::string& arn) const;
  // Execution `live` as it was right after trace entry `entry` (an entry of that execution). Shares the
  // operation versions with the engine; copies the history events and checkpoint calls that existed.
  Execution state_after(const Execution& live, size_t entry) const;
  // Takes the recording of execution `arn` from `from` (a re-simulation in a private engine:
  // engine/branch.hpp), whose entry from_entries[k] of its engine's trace is entry entries[k] of this one's
  // (both ascending, one per entry of `arn`). Replaces what was recorded here for `arn`.
  void adopt(const Recording& from, const std::string& arn, const std::vector<size_t>& from_entries,
             const std::vector<size_t>& entries);

private:
  struct Version {
    size_t trace_size = 0; // the trace's size when published: it belongs to entries >= this index
    OperationPtr op;
    bool inserted = false; // the operation's first version (op_order grows)
  };
  struct Mark {
    size_t entry = 0;
    size_t events = 0;
    size_t calls = 0;
    size_t invocations = 0;
    std::optional<InvocationRecord> last_invocation; // the one that may still change
    ExecutionStatus status = ExecutionStatus::Running;
    std::optional<int64_t> end_ms;
    bool invocation_active = false;
  };
  struct Log {
    bool complete = false; // recorded from its start (the EXECUTION operation's first version)
    std::vector<Version> versions;
    std::vector<Mark> marks;
  };

  const Engine* m_engine = nullptr;
  std::unordered_map<std::string, Log> m_logs; // by execution ARN
};

} // namespace dp::engine
