// How each SDK groups operation updates into CheckpointDurableExecution calls, in virtual time (a call
// itself takes none). Both SDKs queue the updates they do not await (the START of an at-least-once step,
// of a child context, of a wait_for_condition) and send each batch with the updates queued behind it:
//
// - JavaScript SDK 2.4.x (packages/aws-durable-execution-sdk-js/src/utils/checkpoint/checkpoint-manager.ts,
//   `checkpoint` and `processQueue`): the queue drains on `setImmediate`, the next event-loop turn. So
//   everything queued while handler code runs at one instant travels together; a body that awaits a timer
//   lets the turn end first. Here: a batch closes when no fiber can run at the current virtual time.
// - Python SDK 2.0.x, from 2.0.1
// (packages/aws-durable-execution-sdk-python/src/aws_durable_execution_sdk_python/
//   state.py, `_collect_checkpoint_batch` and `_read_timeout`; aws/aws-durable-execution-sdk-python#725,
//   released in #738): a background thread collects; once a batch holds an awaited update it waits only
//   1 ms more, otherwise it keeps collecting while updates arrive less than 100 ms apart, for at most
//   1 s. Here: a batch of queued updates closes 100 ms after its last update or 1 s after its first.
// - Python SDK 1.x (same function before #725): the window applies to awaited updates too, and their
//   caller stays blocked until the batch leaves (aws/aws-durable-execution-sdk-python#710 measured about
//   100 ms per sequential step). Here: an awaited update waits for the batch to close like a queued one,
//   so each awaited checkpoint of sequential code costs 100 ms of virtual time.
//
// An awaited update joins the queue too, and its fiber waits until the batch leaves: every fiber that
// runs at that instant adds its updates first, so parallel branches that finish together share one call
// (JavaScript: the same turn; Python 2.0.x: within the 1 ms it waits after an awaited update).
//
// Both SDKs cap a call at 250 updates and 750 KB (MAX_ITEMS_IN_BATCH / MAX_PAYLOAD_SIZE in
// checkpoint-manager.ts; CheckpointBatcherConfig in state.py).
#pragma once

#include <cstddef>
#include <cstdint>

#include "workflow/document.hpp"

namespace dp::engine::runtime {

enum class CheckpointBatching {
  NextTurn,           // JavaScript: the queue drains before virtual time moves on
  IdleWindow,         // Python 2.0.x: 100 ms without a new update, or 1 s, closes a batch of queued updates
  IdleWindowBlocking, // Python 1.x: the same window, for awaited updates too (their caller waits it out)
};

inline constexpr size_t kBatchMaxUpdates = 250;
inline constexpr size_t kBatchMaxBytes = 750 * 1024;
inline constexpr int64_t kBatchIdleMs = 100;    // Python: _STOP_SIGNAL_POLL_SECONDS
inline constexpr int64_t kBatchWindowMs = 1000; // Python: max_batch_time_seconds

inline CheckpointBatching batching_of(workflow::Flavor flavor, bool python_sdk_1) {
  if (flavor != workflow::Flavor::Python)
    return CheckpointBatching::NextTurn;
  return python_sdk_1 ? CheckpointBatching::IdleWindowBlocking : CheckpointBatching::IdleWindow;
}

// The SDK release a flavour models, for the page and `durable-sim --version`.
inline const char* sdk_modelled(workflow::Flavor flavor, bool python_sdk_1) {
  if (flavor != workflow::Flavor::Python)
    return "@aws/durable-execution-sdk-js 2.4.x";
  return python_sdk_1 ? "aws-durable-execution-sdk-python 1.x" : "aws-durable-execution-sdk-python 2.0.x";
}

} // namespace dp::engine::runtime
