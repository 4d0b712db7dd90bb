// Replays in the trace. They are the bulk of a long execution (every invocation replays everything before
// it), so the trace records them compactly (trace.hpp explains the OperationReplayed entry's two forms):
// ReplayRunRecorder builds the compact entries as the SDK replays, replayed_operations expands either form
// for the timeline, the test state and the tests.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/service.hpp"
#include "engine/trace.hpp"

namespace dp::engine {

// One replayed operation of an OperationReplayed trace entry (either form). The views point into the entry
// and the execution's operations: use them before either changes.
struct ReplayedOperation {
  std::string_view operation_id;
  std::string_view name;
  std::string_view what; // "step (stored result)": the per-operation entry's text after "replayed "
};
// The operations an OperationReplayed entry stands for, in replay order (empty for other kinds). Indexes
// the execution does not have (a trace from another execution) are skipped.
std::vector<ReplayedOperation> replayed_operations(const TraceEvent& t, const Execution& execution);
// How many operations an OperationReplayed entry stands for, without the execution (0 for other kinds).
size_t replayed_count(const TraceEvent& t);

// Builds the compact entries: consecutive replays of one invocation extend the trace's last entry.
class ReplayRunRecorder {
public:
  // Adds one replayed operation of `execution` (the active one) to `trace`: extends the last entry when it
  // is this recorder's run, otherwise appends a new entry through `record` (which numbers it). Returns
  // false when the operation is not stored; the caller then records the per-operation form.
  bool add(std::vector<TraceEvent>& trace, const Execution& execution, int64_t now, const std::string& op_id,
           const std::string& name, const char* what, const std::function<void(TraceEvent)>& record);
  // The trace was replaced (restored from a store): no entry is being extended.
  void forget() { m_run = Run{}; }

private:
  // The compact OperationReplayed entry being extended (trace.hpp): the last entry of the trace, as long as
  // nothing else is recorded, the clock holds and the invocation is the same.
  struct Run {
    int64_t seq = 0; // the entry's seq; 0: none
    size_t invocation = 0;
    size_t next_index = 0; // the op_order index right after the last range
    int64_t last_what = -1;
    std::vector<const char*> whats; // the entry's "What", as the literals the handlers passed
  };
  // Operation ids -> op_order indexes of one execution, extended as op_order grows (it only grows).
  struct Index {
    std::unordered_map<std::string, size_t> of;
    size_t indexed = 0;
  };

  std::optional<size_t> index_of(const Execution& ex, const std::string& op_id);

  Run m_run;
  std::unordered_map<std::string, Index> m_indexes; // by execution ARN
};

} // namespace dp::engine
